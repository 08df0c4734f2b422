package org.ccpairs.connectors.warc;

/** Why a record was not read as a page: stable reason codes for counters. */
public enum SkipReason {
    /** A warcinfo record. */
    WARCINFO,
    /** A request record. */
    REQUEST,
    /** A revisit record (a deduplicated capture without a payload). */
    REVISIT,
    /** A metadata record. */
    METADATA,
    /** A resource, conversion, continuation or unknown record type. */
    OTHER_TYPE,
    /** A response that is not HTTP, such as a {@code dns:} lookup. */
    NOT_HTTP,
    /** An HTTP response whose status is not 2xx. */
    NOT_SUCCESS,
    /** A successful HTTP response that is not HTML or XHTML. */
    NOT_HTML,
    /** A record of the kind wanted, but without a payload. */
    EMPTY
}
