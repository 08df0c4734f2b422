package org.ccpairs.connectors.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes generated Avro records in the Confluent wire format, under the subject {@code
 * <topic>-value} (Confluent's TopicNameStrategy), so that any Confluent consumer reads them
 * unchanged. Not thread-safe: one instance per task.
 */
public final class ConfluentAvroSerializer<T extends SpecificRecord> {
    private final RegistryClient registry;
    private final String subject;
    private final Schema schema;
    private final SpecificDatumWriter<T> writer;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    private BinaryEncoder encoder;
    private int schemaId = -1;

    public ConfluentAvroSerializer(RegistryClient registry, String topic, Schema schema) {
        this.registry = registry;
        this.subject = topic + "-value";
        this.schema = schema;
        this.writer = new SpecificDatumWriter<>(schema);
    }

    /**
     * The framed bytes of {@code record}. The first call registers (or looks up) the schema.
     *
     * @throws IllegalStateException when the registry refuses the schema
     * @throws RegistryUnavailableException when the registry cannot be reached
     */
    public byte[] serialize(T record) {
        if (schemaId < 0) {
            schemaId = registry.idFor(subject, schema);
        }
        buffer.reset();
        buffer.write(
                new byte[ConfluentWireFormat.HEADER_LENGTH], 0, ConfluentWireFormat.HEADER_LENGTH);
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + schema.getFullName(), e);
        }
        byte[] framed = buffer.toByteArray();
        ConfluentWireFormat.writeHeader(framed, schemaId);
        return framed;
    }

    /** The registry id of the schema, once the first record was serialized; -1 before. */
    public int schemaId() {
        return schemaId;
    }
}
