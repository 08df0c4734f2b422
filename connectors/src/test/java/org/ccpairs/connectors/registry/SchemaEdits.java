package org.ccpairs.connectors.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.avro.Schema;

/** Other versions of a record schema: older (fewer fields) or newer (more fields). */
final class SchemaEdits {
    private SchemaEdits() {}

    /** {@code schema} without the fields whose names match {@code drop}. */
    static Schema withoutFields(Schema schema, Predicate<String> drop) {
        List<Schema.Field> kept = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            if (!drop.test(field.name())) {
                kept.add(new Schema.Field(field, field.schema()));
            }
        }
        return record(schema, kept);
    }

    /** {@code schema} with a new field {@code ["null", "string"]}, default null (compatible). */
    static Schema withOptionalString(Schema schema, String name) {
        Schema type =
                Schema.createUnion(
                        Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
        return withField(
                schema,
                new Schema.Field(name, type, "added later", Schema.Field.NULL_DEFAULT_VALUE));
    }

    /**
     * {@code schema} with a new required string field without default (not backward compatible).
     */
    static Schema withRequiredString(Schema schema, String name) {
        return withField(
                schema, new Schema.Field(name, Schema.create(Schema.Type.STRING), "added later"));
    }

    /** {@code schema} with {@code extra} appended. */
    static Schema withField(Schema schema, Schema.Field extra) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(extra);
        return record(schema, fields);
    }

    private static Schema record(Schema like, List<Schema.Field> fields) {
        return Schema.createRecord(
                like.getName(), like.getDoc(), like.getNamespace(), false, fields);
    }
}
