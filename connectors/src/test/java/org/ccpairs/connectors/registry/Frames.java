package org.ccpairs.connectors.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Confluent-framed messages built by hand, for writers the code under test does not have. */
final class Frames {
    private Frames() {}

    /** The plain Avro binary encoding of {@code record}, without any framing. */
    static byte[] plainAvro(SpecificRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code record} written with {@code schema}, framed with schema id {@code id}. */
    static byte[] framed(int id, Schema schema, GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(
                new byte[ConfluentWireFormat.HEADER_LENGTH], 0, ConfluentWireFormat.HEADER_LENGTH);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] framed = out.toByteArray();
        ConfluentWireFormat.writeHeader(framed, id);
        return framed;
    }

    /** {@code body} framed with schema id {@code id}. */
    static byte[] framed(int id, byte[] body) {
        byte[] framed = new byte[ConfluentWireFormat.HEADER_LENGTH + body.length];
        System.arraycopy(body, 0, framed, ConfluentWireFormat.HEADER_LENGTH, body.length);
        ConfluentWireFormat.writeHeader(framed, id);
        return framed;
    }
}
