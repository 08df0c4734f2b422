package org.ccpairs.connectors.registry;

/** The registry knows the schema id, but the schema is not Avro (JSON Schema, Protobuf). */
public class NotAvroSchemaException extends Exception {
    public NotAvroSchemaException(int schemaId, String detail) {
        super("schema id " + schemaId + " is not an Avro schema: " + detail);
    }
}
