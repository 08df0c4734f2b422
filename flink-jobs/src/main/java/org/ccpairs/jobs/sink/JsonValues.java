package org.ccpairs.jobs.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Field values of pairs as JSON, one way for every place that writes them (the dataset's JSON
 * export, {@code ccpairs extract}): numbers stay numbers, timestamps become ISO-8601 instants,
 * lists and maps nest, bytes are base64; anything else is its string.
 */
public final class JsonValues {
    private JsonValues() {}

    /** Writes {@code value} (an Avro or Iceberg generic value, or null) to {@code json}. */
    public static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof CharSequence s) {
            json.writeString(s.toString());
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof Integer i) {
            json.writeNumber(i);
        } else if (value instanceof Double d) {
            json.writeNumber(d);
        } else if (value instanceof Float f) {
            json.writeNumber(f);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Instant t) {
            json.writeString(t.toString());
        } else if (value instanceof OffsetDateTime t) {
            json.writeString(t.toInstant().toString());
        } else if (value instanceof ByteBuffer b) {
            ByteBuffer bytes = b.duplicate();
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            json.writeBinary(copy);
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                write(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (var e : map.entrySet()) {
                json.writeFieldName(String.valueOf(e.getKey()));
                write(json, e.getValue());
            }
            json.writeEndObject();
        } else {
            json.writeString(value.toString());
        }
    }
}
