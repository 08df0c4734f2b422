package org.ccpairs.jobs.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.FileKind;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.registry.ConfluentAvroSerializer;
import org.ccpairs.connectors.registry.RegistryClient;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.CcpairsJob;
import org.ccpairs.jobs.model.Announcement;
import org.ccpairs.jobs.model.DeadLetterRecord;
import org.ccpairs.jobs.model.KafkaCoordinates;
import org.ccpairs.jobs.model.KafkaMessage;
import org.ccpairs.localstack.SharedStackExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link AnnouncementDecoder} under an operator harness against the real schema registry: decoding,
 * validation and the rejections that need the registry to decide. No Kafka broker is involved; the
 * messages are built in memory.
 */
@ExtendWith(SharedStackExtension.class)
class AnnouncementDecoderITCase {
    private static final String TOPIC = "decoder-it-" + UUID.randomUUID();
    private static final Instant ANNOUNCED = Instant.parse("2026-01-02T03:04:05.678Z");

    private RegistryClient registry;
    private ConfluentAvroSerializer<SegmentAnnouncement> serializer;
    private OneInputStreamOperatorTestHarness<KafkaMessage, Announcement> harness;

    @BeforeEach
    void open() throws Exception {
        RegistrySettings settings = RegistrySettings.of(SharedStackExtension.registryUrl());
        registry = settings.connect();
        serializer =
                new ConfluentAvroSerializer<>(
                        registry, TOPIC, SegmentAnnouncement.getClassSchema());
        harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(
                                new AnnouncementDecoder(settings, CcpairsJob.DEAD_LETTERS)));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
        registry.close();
    }

    @Test
    void aValidAnnouncementIsDecodedWithItsCoordinates() throws Exception {
        List<String> files =
                List.of("https://data.commoncrawl.org/a.warc.gz", "file:///data/b.warc.gz");

        harness.processElement(
                message(5, serializer.serialize(announcement(FileKind.WARC, files))), 0);

        assertThat(harness.extractOutputValues())
                .containsExactly(
                        new Announcement(
                                "CC-MAIN-2024-51",
                                "1733066035855.10",
                                "WARC",
                                files,
                                ANNOUNCED.toEpochMilli(),
                                new KafkaCoordinates(TOPIC, 0, 5)));
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void aDecodableButInvalidAnnouncementIsDeadLetteredWithTheRuleReason() throws Exception {
        byte[] noFiles = serializer.serialize(announcement(FileKind.WAT, List.of()));
        byte[] relative = serializer.serialize(announcement(FileKind.WARC, List.of("a.warc.gz")));

        harness.processElement(message(1, noFiles), 0);
        harness.processElement(message(2, relative), 0);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(deadLetters())
                .extracting(DeadLetterRecord::reason, DeadLetterRecord::exceptionClass)
                .containsExactly(
                        tuple("INVALID_ANNOUNCEMENT", null), tuple("INVALID_ANNOUNCEMENT", null));
        assertThat(deadLetters().get(0).payload()).isEqualTo(noFiles);
    }

    @Test
    void aRecordTheConversionCannotHandleIsDeadLetteredAndTheNextOneStillDecoded()
            throws Exception {
        // a stand-in for a bug in a conversion: it must cost one message, not restart the job
        AnnouncementDecoder failing =
                new AnnouncementDecoder(
                        RegistrySettings.of(SharedStackExtension.registryUrl()),
                        CcpairsJob.DEAD_LETTERS) {
                    @Override
                    protected Announcement convert(SegmentAnnouncement a, KafkaMessage m) {
                        if (a.getFiles().size() == 2) {
                            throw new IllegalStateException("two files were not foreseen");
                        }
                        return super.convert(a, m);
                    }
                };
        byte[] two =
                serializer.serialize(
                        announcement(FileKind.WARC, List.of("file:///a.warc", "file:///b.warc")));
        byte[] one = serializer.serialize(announcement(FileKind.WARC, List.of("file:///c.warc")));
        try (var h =
                new OneInputStreamOperatorTestHarness<KafkaMessage, Announcement>(
                        new ProcessOperator<>(failing))) {
            h.open();
            h.processElement(message(1, two), 0);
            h.processElement(message(2, one), 0);
            assertThat(h.extractOutputValues())
                    .extracting(Announcement::files)
                    .containsExactly(List.of("file:///c.warc"));
            var dead = new ArrayList<DeadLetterRecord>();
            h.getSideOutput(CcpairsJob.DEAD_LETTERS).forEach(r -> dead.add(r.getValue()));
            assertThat(dead)
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.reason()).isEqualTo("INVALID_ANNOUNCEMENT");
                                assertThat(d.message())
                                        .isEqualTo(
                                                "the record cannot be used:"
                                                        + " java.lang.IllegalStateException: two"
                                                        + " files were not foreseen ["
                                                        + TOPIC
                                                        + "-0@1]");
                                assertThat(d.exceptionClass())
                                        .isEqualTo("java.lang.IllegalStateException");
                                assertThat(d.payload()).isEqualTo(two);
                            });
        }
    }

    @Test
    void anUnknownSchemaIdIsDeadLettered() throws Exception {
        byte[] framed = serializer.serialize(announcement(FileKind.WARC, List.of("file:///a")));
        framed[1] = 0x7f; // schema id 0x7f...... : nobody registered that many schemas

        harness.processElement(message(1, framed), 0);

        assertThat(single().reason()).isEqualTo("UNKNOWN_SCHEMA_ID");
    }

    @Test
    void anotherRecordTypeIsDeadLetteredAsIncompatible() throws Exception {
        ConfluentAvroSerializer<DeadLetter> other =
                new ConfluentAvroSerializer<>(
                        registry, TOPIC + "-other", DeadLetter.getClassSchema());
        byte[] deadLetter =
                other.serialize(
                        DeadLetter.newBuilder()
                                .setStage("s")
                                .setReason("r")
                                .setMessage("m")
                                .setOccurredAt(ANNOUNCED)
                                .build());

        harness.processElement(message(1, deadLetter), 0);

        assertThat(single().reason()).isEqualTo("INCOMPATIBLE_SCHEMA");
    }

    @Test
    void truncatedOrOverlongBodiesAreDeadLetteredAsMalformed() throws Exception {
        byte[] framed = serializer.serialize(announcement(FileKind.WARC, List.of("file:///a")));
        byte[] truncated = Arrays.copyOf(framed, framed.length - 4);
        byte[] overlong = Arrays.copyOf(framed, framed.length + 3);

        harness.processElement(message(1, truncated), 0);
        harness.processElement(message(2, overlong), 0);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(deadLetters())
                .extracting(DeadLetterRecord::reason)
                .containsExactly("MALFORMED_AVRO", "MALFORMED_AVRO");
    }

    private DeadLetterRecord single() {
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(deadLetters()).hasSize(1);
        return deadLetters().get(0);
    }

    private List<DeadLetterRecord> deadLetters() {
        List<DeadLetterRecord> out = new ArrayList<>();
        var side = harness.getSideOutput(CcpairsJob.DEAD_LETTERS);
        if (side != null) {
            for (StreamRecord<DeadLetterRecord> r : side) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    private static SegmentAnnouncement announcement(FileKind kind, List<String> files) {
        return SegmentAnnouncement.newBuilder()
                .setCrawlId("CC-MAIN-2024-51")
                .setSegmentId("1733066035855.10")
                .setFileKind(kind)
                .setFiles(files)
                .setAnnouncedAt(ANNOUNCED)
                .setAnnouncer("test")
                .build();
    }

    private static KafkaMessage message(long offset, byte[] value) {
        return new KafkaMessage(TOPIC, 0, offset, ANNOUNCED.toEpochMilli(), null, value);
    }
}
