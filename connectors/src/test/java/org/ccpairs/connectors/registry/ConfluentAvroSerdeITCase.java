package org.ccpairs.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.ImageTextPair;
import org.ccpairs.connectors.testing.RegistryRest;
import org.ccpairs.localstack.SharedStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The serializer, deserializer and registry client against the real schema registry. */
@ExtendWith(SharedStackExtension.class)
class ConfluentAvroSerdeITCase {

    private static RegistryClient registry;
    private static RegistryRest rest;

    @BeforeAll
    static void connect() {
        registry = RegistrySettings.of(SharedStackExtension.registryUrl()).connect();
        rest = new RegistryRest(SharedStackExtension.registryUrl());
    }

    @AfterAll
    static void close() throws IOException {
        registry.close();
    }

    static List<Named<SpecificRecord>> samples() {
        return SampleRecords.all();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyGeneratedRecordTypeRoundTrips(SpecificRecord record) throws DecodeException {
        String topic = freshTopic();
        ConfluentAvroSerializer<SpecificRecord> serializer =
                new ConfluentAvroSerializer<>(registry, topic, record.getSchema());
        ConfluentAvroDeserializer<SpecificRecord> deserializer =
                new ConfluentAvroDeserializer<>(registry, record.getSchema());

        SpecificRecord decoded = deserializer.deserialize(serializer.serialize(record));

        assertThat(decoded).isEqualTo(record).isInstanceOf(record.getClass());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void framedBytesAreMagicZeroThenTheIdRegisteredUnderTopicValueThenPlainAvro(
            SpecificRecord record) throws Exception {
        String topic = freshTopic();
        ConfluentAvroSerializer<SpecificRecord> serializer =
                new ConfluentAvroSerializer<>(registry, topic, record.getSchema());

        byte[] framed = serializer.serialize(record);

        int registered = rest.latestId(topic + "-value");
        assertThat(framed[0]).isZero();
        assertThat(ConfluentWireFormat.schemaId(framed))
                .isEqualTo(registered)
                .isEqualTo(serializer.schemaId());
        assertThat(Arrays.copyOfRange(framed, 5, framed.length))
                .isEqualTo(Frames.plainAvro(record));
    }

    @Test
    void schemaIsRegisteredOnceAndItsIdReused() throws DecodeException {
        String topic = freshTopic();
        ConfluentAvroSerializer<ImageTextPair> serializer =
                new ConfluentAvroSerializer<>(registry, topic, ImageTextPair.getClassSchema());
        assertThat(serializer.schemaId()).as("before the first record").isEqualTo(-1);

        byte[] first = serializer.serialize(SampleRecords.pair());
        byte[] second = serializer.serialize(SampleRecords.minimalPair());

        assertThat(ConfluentWireFormat.schemaId(second))
                .isEqualTo(ConfluentWireFormat.schemaId(first));
        assertThat(rest.versions(topic + "-value")).hasSize(1);
        // a second serializer (another task) gets the same id rather than a new version
        ConfluentAvroSerializer<ImageTextPair> other =
                new ConfluentAvroSerializer<>(registry, topic, ImageTextPair.getClassSchema());
        other.serialize(SampleRecords.pair());
        assertThat(other.schemaId()).isEqualTo(serializer.schemaId());
        assertThat(rest.versions(topic + "-value")).hasSize(1);
    }

    @Test
    void serializerReusesItsBufferWithoutLeakingBytesBetweenRecords() throws DecodeException {
        String topic = freshTopic();
        ConfluentAvroSerializer<ImageTextPair> serializer =
                new ConfluentAvroSerializer<>(registry, topic, ImageTextPair.getClassSchema());
        ConfluentAvroDeserializer<ImageTextPair> deserializer =
                new ConfluentAvroDeserializer<>(registry, ImageTextPair.getClassSchema());

        byte[] big = serializer.serialize(SampleRecords.pair());
        byte[] small = serializer.serialize(SampleRecords.minimalPair());

        assertThat(small.length).isLessThan(big.length);
        assertThat(deserializer.deserialize(small)).isEqualTo(SampleRecords.minimalPair());
        assertThat(deserializer.deserialize(big)).isEqualTo(SampleRecords.pair());
    }

    @Test
    void olderWriterWithoutWidthAndHeightIsReadWithNulls() throws DecodeException {
        Schema current = ImageTextPair.getClassSchema();
        Schema older =
                SchemaEdits.withoutFields(current, f -> f.equals("width") || f.equals("height"));
        int olderId = registry.idFor(freshTopic() + "-value", older);
        GenericRecord written = new GenericData.Record(older);
        ImageTextPair expected = SampleRecords.minimalPair();
        for (Schema.Field field : older.getFields()) {
            written.put(field.name(), expected.get(field.name()));
        }
        written.put("fetch_time", 1_733_048_130_123L);
        ConfluentAvroDeserializer<ImageTextPair> deserializer =
                new ConfluentAvroDeserializer<>(registry, current);

        ImageTextPair read = deserializer.deserialize(Frames.framed(olderId, older, written));

        assertThat(read.getWidth()).isNull();
        assertThat(read.getHeight()).isNull();
        assertThat(read.getFetchTime()).isEqualTo(Instant.ofEpochMilli(1_733_048_130_123L));
        assertThat(read.getCaption()).isEqualTo(expected.getCaption());
        assertThat(read.getWarcOffset()).isEqualTo(expected.getWarcOffset());
    }

    @Test
    void oneDeserializerReadsOlderAndCurrentWritersInTheSameStream() throws DecodeException {
        String topic = freshTopic();
        Schema current = ImageTextPair.getClassSchema();
        Schema older =
                SchemaEdits.withoutFields(current, f -> f.equals("width") || f.equals("height"));
        int olderId = registry.idFor(topic + "-value", older);
        GenericRecord old = new GenericData.Record(older);
        for (Schema.Field field : older.getFields()) {
            old.put(field.name(), SampleRecords.minimalPair().get(field.name()));
        }
        ConfluentAvroSerializer<ImageTextPair> serializer =
                new ConfluentAvroSerializer<>(registry, topic, current);
        ConfluentAvroDeserializer<ImageTextPair> deserializer =
                new ConfluentAvroDeserializer<>(registry, current);

        byte[] newer = serializer.serialize(SampleRecords.pair());
        assertThat(serializer.schemaId()).isNotEqualTo(olderId);

        assertThat(deserializer.deserialize(Frames.framed(olderId, older, old)))
                .isEqualTo(SampleRecords.minimalPair());
        assertThat(deserializer.deserialize(newer)).isEqualTo(SampleRecords.pair());
        assertThat(deserializer.deserialize(Frames.framed(olderId, older, old)))
                .isEqualTo(SampleRecords.minimalPair());
    }

    @Test
    void newerWriterWithAnExtraOptionalFieldIsReadByIgnoringIt() throws DecodeException {
        Schema current = ImageTextPair.getClassSchema();
        Schema newer = SchemaEdits.withOptionalString(current, "license");
        int newerId = registry.idFor(freshTopic() + "-value", newer);
        GenericRecord written = new GenericData.Record(newer);
        ImageTextPair expected = SampleRecords.minimalPair();
        for (Schema.Field field : current.getFields()) {
            written.put(field.name(), expected.get(field.name()));
        }
        written.put("license", "CC-BY-4.0");

        ImageTextPair read =
                new ConfluentAvroDeserializer<ImageTextPair>(registry, current)
                        .deserialize(Frames.framed(newerId, newer, written));

        assertThat(read).isEqualTo(expected);
    }

    @Test
    void writerWithoutARequiredReaderFieldIsAnIncompatibleSchema() {
        Schema current = ImageTextPair.getClassSchema();
        Schema withoutCaption = SchemaEdits.withoutFields(current, f -> f.equals("caption"));
        int id = registry.idFor(freshTopic() + "-value", withoutCaption);
        GenericRecord written = new GenericData.Record(withoutCaption);
        for (Schema.Field field : withoutCaption.getFields()) {
            written.put(field.name(), SampleRecords.minimalPair().get(field.name()));
        }
        ConfluentAvroDeserializer<ImageTextPair> deserializer =
                new ConfluentAvroDeserializer<>(registry, current);

        assertThatThrownBy(
                        () -> deserializer.deserialize(Frames.framed(id, withoutCaption, written)))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("writer schema id " + id)
                .hasMessageContaining("caption")
                .extracting(e -> ((DecodeException) e).reason())
                .isEqualTo(DecodeFailure.INCOMPATIBLE_SCHEMA);
    }

    @Test
    void withoutAutoRegisterAnUnregisteredSchemaFailsClearly() throws IOException {
        String topic = freshTopic();
        RegistrySettings noAutoRegister =
                new RegistrySettings(SharedStackExtension.registryUrl(), Map.of(), false, 100);
        try (RegistryClient strict = noAutoRegister.connect()) {
            ConfluentAvroSerializer<DeadLetter> serializer =
                    new ConfluentAvroSerializer<>(strict, topic, DeadLetter.getClassSchema());

            assertThatThrownBy(() -> serializer.serialize(SampleRecords.deadLetter()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("schema is not registered")
                    .hasMessageContaining("org.ccpairs.avro.DeadLetter")
                    .hasMessageContaining("'" + topic + "-value'")
                    .hasMessageContaining(SharedStackExtension.registryUrl());
        }
    }

    @Test
    void withoutAutoRegisterASchemaRegisteredByCiIsFoundAndNotRegisteredAgain()
            throws IOException, DecodeException {
        String topic = freshTopic();
        int registeredByCi = registry.idFor(topic + "-value", DeadLetter.getClassSchema());
        RegistrySettings noAutoRegister =
                new RegistrySettings(SharedStackExtension.registryUrl(), Map.of(), false, 100);
        try (RegistryClient strict = noAutoRegister.connect()) {
            ConfluentAvroSerializer<DeadLetter> serializer =
                    new ConfluentAvroSerializer<>(strict, topic, DeadLetter.getClassSchema());

            byte[] framed = serializer.serialize(SampleRecords.deadLetter());

            assertThat(ConfluentWireFormat.schemaId(framed)).isEqualTo(registeredByCi);
            assertThat(rest.versions(topic + "-value")).hasSize(1);
        }
    }

    @Test
    void registryRefusingAnIncompatibleSchemaIsAnIllegalStateException() {
        String subject = freshTopic() + "-value";
        rest.setCompatibility(subject, "BACKWARD");
        registry.idFor(subject, ImageTextPair.getClassSchema());
        Schema breaking = SchemaEdits.withRequiredString(ImageTextPair.getClassSchema(), "license");

        assertThatThrownBy(() -> registry.idFor(subject, breaking))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("registry refused to register org.ccpairs.avro.ImageTextPair")
                .hasMessageContaining("'" + subject + "'");
    }

    @Test
    void schemaByIdReturnsTheRegisteredSchema() throws Exception {
        int id = registry.idFor(freshTopic() + "-value", DeadLetter.getClassSchema());

        assertThat(registry.schemaById(id)).isEqualTo(DeadLetter.getClassSchema());
    }

    private static final AtomicInteger TOPICS = new AtomicInteger();

    /** A topic name no other test used, so that its subject starts empty. */
    static String freshTopic() {
        return "serde-"
                + TOPICS.incrementAndGet()
                + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
