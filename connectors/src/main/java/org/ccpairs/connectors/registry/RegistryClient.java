package org.ccpairs.connectors.registry;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.ParsedSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.avro.AvroSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.SchemaRegistryClient;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.rest.exceptions.RestClientException;

/**
 * Registers and looks up Avro schemas in a Confluent-API registry through the Confluent client.
 *
 * <p>The Confluent client is only available relocated inside {@code
 * flink-sql-avro-confluent-registry} (with its own relocated Avro); this class is the only place
 * that touches those types. Schemas cross its boundary as JSON and come back as plain {@link
 * org.apache.avro.Schema}.
 */
public final class RegistryClient implements AutoCloseable {
    /** Confluent's error code for "schema not found". */
    private static final int SCHEMA_NOT_FOUND = 40403;

    /** Confluent's error code for "subject not found". */
    private static final int SUBJECT_NOT_FOUND = 40401;

    /** How the Confluent client reports a schema it has no provider for. */
    private static final String INVALID_SCHEMA = "Invalid schema";

    private final RegistrySettings settings;
    private final SchemaRegistryClient client;

    RegistryClient(RegistrySettings settings) {
        this.settings = settings;
        this.client =
                new CachedSchemaRegistryClient(
                        settings.url(), settings.cacheCapacity(), settings.clientProperties());
    }

    public RegistrySettings settings() {
        return settings;
    }

    /**
     * The id of {@code schema} under {@code subject}: registers it when the settings allow
     * auto-registration, looks it up otherwise.
     *
     * @throws IllegalStateException when the registry refuses the schema (e.g. it is not compatible
     *     with the subject's latest version) or it is not registered and auto-registration is off
     * @throws RegistryUnavailableException when the registry cannot be reached
     */
    public int idFor(String subject, Schema schema) {
        AvroSchema parsed = new AvroSchema(schema.toString());
        try {
            return settings.autoRegister()
                    ? client.register(subject, parsed)
                    : client.getId(subject, parsed);
        } catch (RestClientException e) {
            if (e.getStatus() >= 500) {
                throw unavailable(
                        "registering " + schema.getFullName() + " under '" + subject + "'", e);
            }
            throw new IllegalStateException(
                    (settings.autoRegister()
                                    ? "registry refused to register "
                                    : "schema is not registered: ")
                            + schema.getFullName()
                            + " under subject '"
                            + subject
                            + "' at "
                            + settings.url()
                            + ": "
                            + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw unavailable(
                    "registering " + schema.getFullName() + " under '" + subject + "'", e);
        }
    }

    /**
     * The writer schema with this id.
     *
     * @throws UnknownSchemaIdException when the registry does not know the id
     * @throws NotAvroSchemaException when the id names a JSON Schema or Protobuf schema
     * @throws RegistryUnavailableException when the registry cannot be reached or fails
     */
    public Schema schemaById(int id) throws UnknownSchemaIdException, NotAvroSchemaException {
        ParsedSchema parsed;
        try {
            parsed = client.getSchemaById(id);
        } catch (RestClientException e) {
            if (e.getErrorCode() == SCHEMA_NOT_FOUND
                    || e.getErrorCode() == SUBJECT_NOT_FOUND
                    || e.getStatus() == 404) {
                throw new UnknownSchemaIdException(id, settings.url());
            }
            throw unavailable("looking up schema id " + id, e);
        } catch (IOException e) {
            // The client only has the Avro provider: it reports a schema of another type, which the
            // registry did return, as an "Invalid schema" IOException. That is the message's
            // problem.
            if (e.getMessage() != null && e.getMessage().startsWith(INVALID_SCHEMA)) {
                throw new NotAvroSchemaException(id, e.getMessage());
            }
            throw unavailable("looking up schema id " + id, e);
        }
        if (!AvroSchema.TYPE.equals(parsed.schemaType())) {
            throw new NotAvroSchemaException(id, "it is a " + parsed.schemaType() + " schema");
        }
        return new Schema.Parser().parse(parsed.canonicalString());
    }

    private RegistryUnavailableException unavailable(String what, Exception cause) {
        return new RegistryUnavailableException(
                "schema registry at "
                        + settings.url()
                        + " failed while "
                        + what
                        + ": "
                        + cause.getMessage(),
                cause);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
