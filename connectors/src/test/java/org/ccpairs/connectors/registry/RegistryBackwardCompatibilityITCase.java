package org.ccpairs.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.ccpairs.connectors.testing.ProjectDirs;
import org.ccpairs.connectors.testing.RegistryRest;
import org.ccpairs.localstack.SharedStackExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real registry, set to BACKWARD, accepts every current schema in {@code schemas/src/main/avro}
 * after the released versions in {@code schemas/history/<Name>/v<N>.avsc}, and rejects a change
 * that would break consumers. This is the check a CI pipeline that owns schema registration relies
 * on ({@code registry.auto-register=false}).
 */
@ExtendWith(SharedStackExtension.class)
class RegistryBackwardCompatibilityITCase {
    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

    private static RegistryRest rest;

    @BeforeAll
    static void connect() {
        rest = new RegistryRest(SharedStackExtension.registryUrl());
    }

    /** The record names that have released versions. */
    static List<String> releasedSchemas() throws IOException {
        try (Stream<Path> dirs = Files.list(ProjectDirs.schemas().resolve("history"))) {
            return dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyGeneratedRecordHasAReleasedHistory() throws IOException {
        assertThat(releasedSchemas())
                .containsExactlyInAnyOrder(
                        "BlocklistUpdate",
                        "DatasetVersion",
                        "DeadLetter",
                        "ImageTextPair",
                        "Rejection",
                        "Retraction",
                        "SegmentAnnouncement",
                        "TakedownRequest");
    }

    @ParameterizedTest
    @MethodSource("releasedSchemas")
    void currentSchemaIsAcceptedAfterTheReleasedVersions(String name) throws IOException {
        String subject = freshSubject(name);
        rest.setCompatibility(subject, "BACKWARD");
        List<Path> released = releasedVersions(name);
        assertThat(released).as("released versions of %s", name).isNotEmpty();
        for (Path version : released) {
            RegistryRest.Answer answer = rest.register(subject, "AVRO", Files.readString(version));
            assertThat(answer.status())
                    .as("registering %s: %s", version, answer.body())
                    .isEqualTo(200);
        }
        String current = Files.readString(currentSchema(name));

        RegistryRest.Answer check = rest.checkAgainstLatest(subject, current);
        RegistryRest.Answer registered = rest.register(subject, "AVRO", current);

        assertThat(check.status()).as("%s", check.body()).isEqualTo(200);
        assertThat(check.body().get("is_compatible").asBoolean()).isTrue();
        assertThat(registered.status()).as("%s", registered.body()).isEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("releasedSchemas")
    void newRequiredFieldWithoutDefaultIsRejected(String name) throws IOException {
        String subject = freshSubject(name);
        rest.setCompatibility(subject, "BACKWARD");
        Schema current = new Schema.Parser().parse(currentSchema(name).toFile());
        assertThat(rest.register(subject, "AVRO", current.toString()).status()).isEqualTo(200);
        String breaking = SchemaEdits.withRequiredString(current, "added_later").toString();

        RegistryRest.Answer check = rest.checkAgainstLatest(subject, breaking);
        RegistryRest.Answer registered = rest.register(subject, "AVRO", breaking);

        assertThat(check.body().get("is_compatible").asBoolean()).isFalse();
        assertThat(registered.status()).isEqualTo(409);
        assertThat(registered.body().get("error_code").asInt()).isEqualTo(409);
    }

    @ParameterizedTest
    @MethodSource("releasedSchemas")
    void changingTheTypeOfAnExistingFieldIsRejected(String name) throws IOException {
        String subject = freshSubject(name);
        rest.setCompatibility(subject, "BACKWARD");
        Schema current = new Schema.Parser().parse(currentSchema(name).toFile());
        assertThat(rest.register(subject, "AVRO", current.toString()).status()).isEqualTo(200);
        Schema.Field first = current.getFields().get(0);
        assertThat(first.schema().getType()).isIn(Schema.Type.STRING, Schema.Type.LONG);
        Schema.Type other =
                first.schema().getType() == Schema.Type.STRING
                        ? Schema.Type.BOOLEAN
                        : Schema.Type.STRING;
        Schema retyped =
                SchemaEdits.withField(
                        SchemaEdits.withoutFields(current, first.name()::equals),
                        new Schema.Field(first.name(), Schema.create(other), "retyped"));

        RegistryRest.Answer check = rest.checkAgainstLatest(subject, retyped.toString());

        assertThat(check.body().get("is_compatible").asBoolean()).isFalse();
    }

    @Test
    void newOptionalFieldWithNullDefaultIsAccepted() throws IOException {
        String subject = freshSubject("ImageTextPair");
        rest.setCompatibility(subject, "BACKWARD");
        Schema current = new Schema.Parser().parse(currentSchema("ImageTextPair").toFile());
        assertThat(rest.register(subject, "AVRO", current.toString()).status()).isEqualTo(200);

        RegistryRest.Answer check =
                rest.checkAgainstLatest(
                        subject, SchemaEdits.withOptionalString(current, "license").toString());

        assertThat(check.body().get("is_compatible").asBoolean()).isTrue();
    }

    private static String freshSubject(String name) {
        return "compat-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Path currentSchema(String name) {
        Path file = ProjectDirs.schemas().resolve("src/main/avro").resolve(name + ".avsc");
        assertThat(file).as("current schema of released %s", name).isRegularFile();
        return file;
    }

    /** {@code history/<name>/v<N>.avsc}, oldest first (v10 after v9). */
    private static List<Path> releasedVersions(String name) throws IOException {
        try (Stream<Path> files =
                Files.list(ProjectDirs.schemas().resolve("history").resolve(name))) {
            return files.filter(f -> VERSION_FILE.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(RegistryBackwardCompatibilityITCase::versionOf))
                    .toList();
        }
    }

    private static int versionOf(Path file) {
        Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a version file: " + file);
        }
        return Integer.parseInt(m.group(1));
    }
}
