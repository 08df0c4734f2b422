package org.ccpairs.connectors.registry;

/** The registry answered that no schema has this id. */
public class UnknownSchemaIdException extends Exception {
    private final int schemaId;

    public UnknownSchemaIdException(int schemaId, String registryUrl) {
        super("schema id " + schemaId + " is not known to the registry at " + registryUrl);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
