package org.ccpairs.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.ccpairs.jobs.sink.JsonValues;

/**
 * Writes Avro records as JSON lines with the schema's snake_case field names, in schema order, so
 * that {@code ccpairs extract} prints exactly the fields of the topic contract, with the values
 * written as the dataset's JSON export writes them ({@link JsonValues}); missing optional values
 * are {@code null}.
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
            JsonValues.write(json, record.get(field.pos()));
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    void flush() throws IOException {
        json.flush();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
