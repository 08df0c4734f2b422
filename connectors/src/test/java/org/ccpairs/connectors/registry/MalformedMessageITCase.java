package org.ccpairs.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.ccpairs.avro.DatasetVersion;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.ImageTextPair;
import org.ccpairs.avro.Rejection;
import org.ccpairs.avro.Retraction;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.avro.TakedownRequest;
import org.ccpairs.connectors.testing.RegistryRest;
import org.ccpairs.localstack.SharedStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Messages the deserializer must reject with a {@link DecodeException} and a stable reason, against
 * the real schema registry: bad input is data, so nothing else may escape.
 */
@ExtendWith(SharedStackExtension.class)
class MalformedMessageITCase {

    private static final Map<Class<? extends SpecificRecord>, Schema> READER_SCHEMAS =
            Map.of(
                    SegmentAnnouncement.class, SegmentAnnouncement.getClassSchema(),
                    ImageTextPair.class, ImageTextPair.getClassSchema(),
                    DatasetVersion.class, DatasetVersion.getClassSchema(),
                    DeadLetter.class, DeadLetter.getClassSchema(),
                    Rejection.class, Rejection.getClassSchema(),
                    TakedownRequest.class, TakedownRequest.getClassSchema(),
                    Retraction.class, Retraction.getClassSchema());

    private static RegistryClient registry;

    @BeforeAll
    static void connect() {
        registry = RegistrySettings.of(SharedStackExtension.registryUrl()).connect();
    }

    @AfterAll
    static void close() throws IOException {
        registry.close();
    }

    static List<Named<SpecificRecord>> samples() {
        return SampleRecords.all();
    }

    @Test
    void unknownSchemaIdIsUnknownSchemaId() {
        int unused = Integer.MAX_VALUE - 7;
        byte[] message = Frames.framed(unused, new byte[] {2, 'c'});

        assertThatThrownBy(() -> deserializer(SegmentAnnouncement.class).deserialize(message))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("schema id " + unused + " is not known to the registry")
                .extracting(e -> ((DecodeException) e).reason())
                .isEqualTo(DecodeFailure.UNKNOWN_SCHEMA_ID);
    }

    @Test
    void idAbove2To31IsReadAsANegativeIntThatTheRegistryDoesNotKnow() {
        byte[] message = {0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe, 2, 'c'};

        assertThatThrownBy(() -> deserializer(SegmentAnnouncement.class).deserialize(message))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("schema id -2 ")
                .extracting(e -> ((DecodeException) e).reason())
                .isEqualTo(DecodeFailure.UNKNOWN_SCHEMA_ID);
    }

    @Test
    void messageWithoutTheMagicByteIsNotConfluentAvro() {
        byte[] message = {1, 0, 0, 0, 1, 2, 'c'};

        assertThatThrownBy(() -> deserializer(SegmentAnnouncement.class).deserialize(message))
                .isInstanceOf(DecodeException.class)
                .extracting(e -> ((DecodeException) e).reason())
                .isEqualTo(DecodeFailure.NOT_CONFLUENT_AVRO);
    }

    static List<Named<SpecificRecord>> fullSamples() {
        return List.of(
                Named.of("SegmentAnnouncement", SampleRecords.announcement()),
                Named.of("ImageTextPair", SampleRecords.pair()),
                Named.of("DatasetVersion", SampleRecords.version()),
                Named.of("DeadLetter", SampleRecords.deadLetter()));
    }

    @ParameterizedTest
    @MethodSource("fullSamples")
    void recordOfAnotherTypeIsAnIncompatibleSchema(SpecificRecord written) throws Exception {
        byte[] message = serialize(written);
        for (Class<? extends SpecificRecord> type : READER_SCHEMAS.keySet()) {
            if (type == written.getClass()) {
                assertThat(deserializer(type).deserialize(message)).isEqualTo(written);
                continue;
            }
            assertThatThrownBy(() -> deserializer(type).deserialize(message))
                    .as("%s read as %s", written.getSchema().getName(), type.getSimpleName())
                    .isInstanceOf(DecodeException.class)
                    .hasMessageContaining("(" + written.getSchema().getFullName() + ")")
                    .hasMessageContaining("cannot be read as " + type.getName())
                    .extracting(e -> ((DecodeException) e).reason())
                    .isEqualTo(DecodeFailure.INCOMPATIBLE_SCHEMA);
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void bodyCutAtAnyLengthIsMalformedAvro(SpecificRecord record) {
        byte[] message = serialize(record);
        ConfluentAvroDeserializer<SpecificRecord> deserializer = deserializer(record);

        for (int length = ConfluentWireFormat.HEADER_LENGTH; length < message.length; length++) {
            byte[] cut = Arrays.copyOf(message, length);
            assertThatThrownBy(() -> deserializer.deserialize(cut))
                    .as("cut to %d of %d bytes", length, message.length)
                    .isInstanceOf(DecodeException.class)
                    .extracting(e -> ((DecodeException) e).reason())
                    .isEqualTo(DecodeFailure.MALFORMED_AVRO);
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void trailingBytesAfterTheRecordAreMalformedAvro(SpecificRecord record) {
        byte[] message = serialize(record);
        ConfluentAvroDeserializer<SpecificRecord> deserializer = deserializer(record);

        for (byte[] tail : List.of(new byte[] {0}, "garbage".getBytes(), message)) {
            byte[] longer = Arrays.copyOf(message, message.length + tail.length);
            System.arraycopy(tail, 0, longer, message.length, tail.length);
            assertThatThrownBy(() -> deserializer.deserialize(longer))
                    .isInstanceOf(DecodeException.class)
                    .hasMessageContaining("bytes left over after the record")
                    .extracting(e -> ((DecodeException) e).reason())
                    .isEqualTo(DecodeFailure.MALFORMED_AVRO);
        }
    }

    @Test
    void flippedBytesThatBreakTheEncodingAreMalformedAvro() {
        byte[] valid = serialize(SampleRecords.minimalAnnouncement());
        // body: crawl_id "c" = 02 63, segment_id "s" = 02 73, file_kind = 02, files = 00,
        // announced_at = 00, announcer = union index 00
        assertThat(Arrays.copyOfRange(valid, 5, valid.length))
                .containsExactly(2, 'c', 2, 's', 2, 0, 0, 0);
        ConfluentAvroDeserializer<SpecificRecord> deserializer =
                deserializer(SampleRecords.minimalAnnouncement());
        Map<String, byte[]> corruptions =
                Map.of(
                        "negative string length", with(valid, 5, 1),
                        "enum index out of range", with(valid, 9, 8),
                        "union index out of range", with(valid, 12, 4),
                        "negative union index", with(valid, 12, 3),
                        "string length beyond the message", with(valid, 5, 0x7e));

        corruptions.forEach(
                (what, message) ->
                        assertThatThrownBy(() -> deserializer.deserialize(message))
                                .as(what)
                                .isInstanceOf(DecodeException.class)
                                .hasMessageContaining("cannot decode with schema id")
                                .extracting(e -> ((DecodeException) e).reason())
                                .isEqualTo(DecodeFailure.MALFORMED_AVRO));
    }

    @Test
    void malformedMessageDoesNotSpoilTheNextOne() throws DecodeException {
        SegmentAnnouncement record = SampleRecords.announcement();
        byte[] valid = serialize(record);
        ConfluentAvroDeserializer<SpecificRecord> deserializer = deserializer(record);

        assertThatThrownBy(() -> deserializer.deserialize(Arrays.copyOf(valid, valid.length - 3)))
                .isInstanceOf(DecodeException.class);

        assertThat(deserializer.deserialize(valid)).isEqualTo(record);
    }

    @Test
    void randomCorruptionsEndInARecordOrADecodeException() {
        Random random = new Random(20240601);
        Map<String, String> unexpected = new TreeMap<>();
        int decoded = 0;
        int rejected = 0;
        for (Named<SpecificRecord> sample : SampleRecords.all()) {
            SpecificRecord record = sample.getPayload();
            byte[] valid = serialize(record);
            ConfluentAvroDeserializer<SpecificRecord> deserializer = deserializer(record);
            for (int i = 0; i < 2_000; i++) {
                byte[] corrupt = corrupt(valid, random);
                try {
                    deserializer.deserialize(corrupt);
                    decoded++;
                } catch (DecodeException e) {
                    rejected++;
                } catch (RuntimeException | Error e) {
                    unexpected.putIfAbsent(
                            e.getClass().getName(),
                            sample.getName()
                                    + " "
                                    + HexFormat.of().formatHex(corrupt)
                                    + ": "
                                    + e.getMessage());
                }
            }
        }

        assertThat(unexpected)
                .as(
                        "exception types other than DecodeException (%d decoded, %d rejected)",
                        decoded, rejected)
                .isEmpty();
    }

    @Test
    void itemCountAboveTheJavaLimitIsMalformedAvro() {
        SegmentAnnouncement record = SampleRecords.minimalAnnouncement();
        byte[] valid = serialize(record);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(valid, 5, 5); // crawl_id, segment_id, file_kind
        writeVarLong(body, 3_000_000_000L); // files: item count
        ConfluentAvroDeserializer<SpecificRecord> deserializer = deserializer(record);
        byte[] message = Frames.framed(idOf(valid), body.toByteArray());

        assertThatThrownBy(() -> deserializer.deserialize(message))
                .isInstanceOf(DecodeException.class)
                .extracting(e -> ((DecodeException) e).reason())
                .isEqualTo(DecodeFailure.MALFORMED_AVRO);
    }

    @Test
    void hugeItemCountInATinyMessageIsMalformedAvroNotOutOfMemory() {
        SegmentAnnouncement record = SampleRecords.minimalAnnouncement();
        byte[] valid = serialize(record);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(valid, 5, 5); // crawl_id, segment_id, file_kind
        writeVarLong(body, 2_000_000_000L); // files: item count, with no items following
        ConfluentAvroDeserializer<SpecificRecord> deserializer = deserializer(record);
        byte[] message = Frames.framed(idOf(valid), body.toByteArray());

        assertThatThrownBy(() -> deserializer.deserialize(message))
                .isInstanceOf(DecodeException.class)
                .extracting(e -> ((DecodeException) e).reason())
                .isEqualTo(DecodeFailure.MALFORMED_AVRO);
    }

    @Test
    void schemaIdOfAJsonSchemaIsAnIncompatibleSchemaNotAnOutage() {
        RegistryRest rest = new RegistryRest(SharedStackExtension.registryUrl());
        RegistryRest.Answer answer =
                rest.register(
                        ConfluentAvroSerdeITCase.freshTopic() + "-value",
                        "JSON",
                        "{\"type\":\"object\",\"properties\":{\"crawl_id\":{\"type\":\"string\"}}}");
        assertThat(answer.status()).isEqualTo(200);
        int jsonSchemaId = answer.body().get("id").asInt();
        byte[] message = Frames.framed(jsonSchemaId, "{\"crawl_id\":\"x\"}".getBytes());

        assertThatThrownBy(() -> deserializer(SegmentAnnouncement.class).deserialize(message))
                .isInstanceOf(DecodeException.class)
                .extracting(e -> ((DecodeException) e).reason())
                .isEqualTo(DecodeFailure.INCOMPATIBLE_SCHEMA);
    }

    /** One to four random changes: replaced bytes, a cut, or inserted bytes; never the header. */
    private static byte[] corrupt(byte[] valid, Random random) {
        byte[] corrupt = valid.clone();
        int changes = 1 + random.nextInt(4);
        for (int c = 0; c < changes; c++) {
            int at =
                    ConfluentWireFormat.HEADER_LENGTH
                            + random.nextInt(corrupt.length - ConfluentWireFormat.HEADER_LENGTH);
            switch (random.nextInt(4)) {
                case 0, 1 -> corrupt[at] = (byte) random.nextInt(256);
                case 2 ->
                        corrupt =
                                Arrays.copyOf(
                                        corrupt,
                                        Math.max(at, ConfluentWireFormat.HEADER_LENGTH + 1));
                default -> {
                    byte[] longer = new byte[corrupt.length + 1];
                    System.arraycopy(corrupt, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(corrupt, at, longer, at + 1, corrupt.length - at);
                    corrupt = longer;
                }
            }
        }
        return corrupt;
    }

    private static byte[] with(byte[] message, int index, int value) {
        byte[] copy = message.clone();
        copy[index] = (byte) value;
        return copy;
    }

    /** Avro's zig-zag variable-length long. */
    private static void writeVarLong(ByteArrayOutputStream out, long value) {
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
    }

    private static byte[] serialize(SpecificRecord record) {
        String topic = "malformed-" + record.getSchema().getName();
        return new ConfluentAvroSerializer<>(registry, topic, record.getSchema()).serialize(record);
    }

    private static ConfluentAvroDeserializer<SpecificRecord> deserializer(SpecificRecord like) {
        return new ConfluentAvroDeserializer<>(registry, like.getSchema());
    }

    private static ConfluentAvroDeserializer<SpecificRecord> deserializer(
            Class<? extends SpecificRecord> type) {
        return new ConfluentAvroDeserializer<>(registry, READER_SCHEMAS.get(type));
    }

    private static int idOf(byte[] message) {
        try {
            return ConfluentWireFormat.schemaId(message);
        } catch (DecodeException e) {
            throw new IllegalStateException(e);
        }
    }
}
