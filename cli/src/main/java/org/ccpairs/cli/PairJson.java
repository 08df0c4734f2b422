package org.ccpairs.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes Avro records as JSON lines with the schema's snake_case field names, in schema order, so
 * that {@code ccpairs extract} prints exactly the fields of the topic contract. Timestamps become
 * ISO-8601 strings; missing optional values are {@code null}.
 */
final class PairJson implements AutoCloseable {
    private final JsonGenerator json;

    PairJson(Writer out) throws IOException {
        this.json = new JsonFactory().createGenerator(out);
        json.setRootValueSeparator(null);
        json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    }

    void write(SpecificRecord record) throws IOException {
        json.writeStartObject();
        for (Schema.Field field : record.getSchema().getFields()) {
            json.writeFieldName(field.name());
            writeValue(record.get(field.pos()));
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void writeValue(Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof CharSequence s) {
            json.writeString(s.toString());
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof Integer i) {
            json.writeNumber(i);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Instant t) {
            json.writeString(t.toString());
        } else if (value instanceof ByteBuffer b) {
            json.writeBinary(b.array(), b.arrayOffset() + b.position(), b.remaining());
        } else {
            json.writeString(value.toString());
        }
    }

    void flush() throws IOException {
        json.flush();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
