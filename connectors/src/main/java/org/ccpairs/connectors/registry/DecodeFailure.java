package org.ccpairs.connectors.registry;

/**
 * Why a message could not be decoded. The names are stable reason codes used in dead letters and
 * metrics.
 */
public enum DecodeFailure {
    /** Null, too short, or not starting with the Confluent magic byte 0. */
    NOT_CONFLUENT_AVRO,
    /** The registry does not know the message's schema id. */
    UNKNOWN_SCHEMA_ID,
    /**
     * The writer schema cannot be read as the expected record (another record type, or
     * incompatible).
     */
    INCOMPATIBLE_SCHEMA,
    /**
     * The Avro body does not match its writer schema (truncated, corrupt, or with trailing bytes).
     */
    MALFORMED_AVRO
}
