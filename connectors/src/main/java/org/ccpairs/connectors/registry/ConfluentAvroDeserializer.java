package org.ccpairs.connectors.registry;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SystemLimitException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Decodes Confluent-framed Avro into a generated record class, resolving each writer schema (looked
 * up once per id) against the class's schema, so that older and newer writers are read the Avro
 * way. Bad messages raise a {@link DecodeException} with a stable reason; they never yield a
 * half-read record. Not thread-safe: one instance per task.
 */
public final class ConfluentAvroDeserializer<T extends SpecificRecord> {
    /** Longest string or byte array a message may hold (a Kafka message is 1 MiB by default). */
    static final int MAX_LENGTH = 16 << 20;

    /** Most items an array or map may hold (an announcement lists at most 100,000 files). */
    static final int MAX_ITEMS = 1_000_000;

    static {
        // Avro trusts the lengths and counts written in a message and allocates before reading, so
        // a few corrupt bytes could ask for gigabytes. Avro reads its limits once, JVM-wide, from
        // these properties when its SystemLimitException class is loaded; set them unless the
        // operator chose other values. If some other code decoded Avro first in this JVM, the
        // limits are Avro's defaults (no limit): say so loudly, since only the JVM's command line
        // (-Dorg.apache.avro.limits.collectionItems.maxLength=...) can fix that. The build's test
        // JVMs, the launcher and the Kubernetes manifests set them there.
        setIfAbsent(SystemLimitException.MAX_STRING_LENGTH_PROPERTY, MAX_LENGTH);
        setIfAbsent(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, MAX_LENGTH);
        setIfAbsent(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, MAX_ITEMS);
        if (!limitsInForce()) {
            org.slf4j.LoggerFactory.getLogger(ConfluentAvroDeserializer.class)
                    .error(
                            "Avro's decoding limits were read before ccpairs could set them: a"
                                + " corrupt message can make the decoder allocate gigabytes. Start"
                                + " the JVM with -D{}={} -D{}={} -D{}={}",
                            SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY,
                            MAX_ITEMS,
                            SystemLimitException.MAX_STRING_LENGTH_PROPERTY,
                            MAX_LENGTH,
                            SystemLimitException.MAX_BYTES_LENGTH_PROPERTY,
                            MAX_LENGTH);
        }
    }

    /** Whether Avro refuses a collection longer than {@link #MAX_ITEMS} in this JVM. */
    static boolean limitsInForce() {
        try {
            SystemLimitException.checkMaxCollectionLength(0L, (long) MAX_ITEMS * 4);
            return false;
        } catch (SystemLimitException e) {
            return true;
        }
    }

    private final RegistryClient registry;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readers = new HashMap<>();
    private BinaryDecoder decoder;

    public ConfluentAvroDeserializer(RegistryClient registry, Schema readerSchema) {
        this.registry = registry;
        this.readerSchema = readerSchema;
    }

    /**
     * The record in {@code message}.
     *
     * @throws DecodeException when the message is not a decodable record of the expected type
     * @throws RegistryUnavailableException when the registry cannot be reached (not the message's
     *     fault)
     */
    public T deserialize(byte[] message) throws DecodeException {
        int id = ConfluentWireFormat.schemaId(message);
        SpecificDatumReader<T> reader = readerFor(id);
        decoder =
                DecoderFactory.get()
                        .binaryDecoder(
                                message,
                                ConfluentWireFormat.HEADER_LENGTH,
                                message.length - ConfluentWireFormat.HEADER_LENGTH,
                                decoder);
        T record;
        try {
            record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new DecodeException(
                        DecodeFailure.MALFORMED_AVRO,
                        "bytes left over after the record (schema id " + id + ")",
                        null);
            }
        } catch (IOException | RuntimeException e) {
            // Decoding bytes in memory fails only because of the bytes: EOF, a bad union index, an
            // absurd length or count (SystemLimitException, UnsupportedOperationException), ...
            throw new DecodeException(
                    DecodeFailure.MALFORMED_AVRO,
                    "cannot decode with schema id " + id + ": " + e,
                    e);
        }
        return record;
    }

    private static void setIfAbsent(String property, int value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(value));
        }
    }

    private SpecificDatumReader<T> readerFor(int id) throws DecodeException {
        SpecificDatumReader<T> reader = readers.get(id);
        if (reader != null) {
            return reader;
        }
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(id);
        } catch (UnknownSchemaIdException e) {
            throw new DecodeException(DecodeFailure.UNKNOWN_SCHEMA_ID, e.getMessage(), e);
        } catch (NotAvroSchemaException e) {
            throw new DecodeException(DecodeFailure.INCOMPATIBLE_SCHEMA, e.getMessage(), e);
        }
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new DecodeException(
                    DecodeFailure.INCOMPATIBLE_SCHEMA,
                    "writer schema id "
                            + id
                            + " ("
                            + writerSchema.getFullName()
                            + ") cannot be read as "
                            + readerSchema.getFullName()
                            + ": "
                            + compatibility.getDescription(),
                    null);
        }
        reader = new SpecificDatumReader<>(writerSchema, readerSchema);
        readers.put(id, reader);
        return reader;
    }
}
