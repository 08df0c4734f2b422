package org.ccpairs.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.apache.avro.Schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build check behind the contract: every schema change stays BACKWARD compatible with every
 * released version in {@code schemas/history}, and optional fields follow one convention.
 */
class SchemaCompatibilityTest {
    private static final Path SCHEMAS =
            Path.of(System.getProperty("ccpairs.schemas.dir", "src/main/avro"));
    private static final Path HISTORY =
            Path.of(System.getProperty("ccpairs.schemas.history.dir", "history"));

    static Stream<Path> currentSchemas() throws IOException {
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            List<Path> avsc = files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList();
            assertThat(avsc).as("schemas in %s", SCHEMAS).isNotEmpty();
            return avsc.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("currentSchemas")
    void currentSchemaReadsEveryReleasedVersion(Path file) {
        Schema current = SchemaHistory.parse(file);
        List<Schema> released = new SchemaHistory(HISTORY).versions(current.getName());
        assertThat(released)
                .as(
                        "%s has no released version: copy it to %s/%s/v1.avsc",
                        file.getFileName(), HISTORY, current.getName())
                .isNotEmpty();
        for (int v = 0; v < released.size(); v++) {
            assertThat(SchemaHistory.backwardProblems(current, released.get(v)))
                    .as("%s is not BACKWARD compatible with released v%d", current.getName(), v + 1)
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("currentSchemas")
    void optionalFieldsAreNullFirstWithNullDefault(Path file) {
        List<String> offenders = new ArrayList<>();
        collectBadOptionals(SchemaHistory.parse(file), offenders);
        assertThat(offenders).as("fields must be [\"null\", T] with default null").isEmpty();
    }

    @Test
    void checkRejectsAnIncompatibleChange() {
        Schema released = record("{\"name\": \"a\", \"type\": \"string\"}");
        Schema newRequiredField =
                record(
                        "{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\":"
                                + " \"long\"}");
        Schema changedType = record("{\"name\": \"a\", \"type\": \"long\"}");
        Schema newOptionalField =
                record(
                        "{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\":"
                                + " [\"null\", \"long\"], \"default\": null}");

        assertThat(SchemaHistory.backwardProblems(newRequiredField, released))
                .singleElement()
                .asString()
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(SchemaHistory.backwardProblems(changedType, released))
                .singleElement()
                .asString()
                .contains("TYPE_MISMATCH");
        assertThat(SchemaHistory.backwardProblems(newOptionalField, released)).isEmpty();
    }

    private static Schema record(String fields) {
        return new Schema.Parser()
                .parse("{\"type\": \"record\", \"name\": \"R\", \"fields\": [" + fields + "]}");
    }

    private static void collectBadOptionals(Schema schema, List<String> offenders) {
        if (schema.getType() != Type.RECORD) {
            return;
        }
        for (Field field : schema.getFields()) {
            Schema type = field.schema();
            if (type.getType() == Type.UNION
                    && type.getTypes().stream().anyMatch(t -> t.getType() == Type.NULL)) {
                boolean nullFirst = type.getTypes().get(0).getType() == Type.NULL;
                if (!nullFirst
                        || !field.hasDefaultValue()
                        || field.defaultVal() != JsonProperties.NULL_VALUE) {
                    offenders.add(schema.getName() + "." + field.name());
                }
            }
            Schema inner = type;
            if (type.getType() == Type.UNION) {
                type.getTypes().forEach(t -> collectBadOptionals(t, offenders));
            } else if (inner.getType() == Type.ARRAY) {
                collectBadOptionals(inner.getElementType(), offenders);
            } else {
                collectBadOptionals(inner, offenders);
            }
        }
    }
}
