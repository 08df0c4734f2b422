package org.ccpairs.jobs.segments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.ccpairs.connectors.registry.DecodeException;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.CcpairsJob;
import org.ccpairs.jobs.model.Announcement;
import org.ccpairs.jobs.model.DeadLetterRecord;
import org.ccpairs.jobs.model.KafkaCoordinates;
import org.ccpairs.jobs.model.KafkaMessage;
import org.ccpairs.jobs.testing.CapturedMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rejection paths of {@link AnnouncementDecoder} that are decided before the registry is asked:
 * bytes that are not Confluent-framed. The registry URL points nowhere, which proves it is never
 * contacted. Decoding real announcements (which needs a registry) is in {@code
 * AnnouncementDecoderITCase}.
 */
class AnnouncementDecoderTest {
    private static final String TOPIC = "ccpairs.segments";

    private final CapturedMetrics metrics = new CapturedMetrics();
    private OneInputStreamOperatorTestHarness<KafkaMessage, Announcement> harness;

    @BeforeEach
    void open() throws Exception {
        AnnouncementDecoder decoder =
                new AnnouncementDecoder(
                        RegistrySettings.of("http://127.0.0.1:9/unreachable"),
                        CcpairsJob.DEAD_LETTERS);
        harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(decoder), metrics.environment());
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void bytesThatAreNotConfluentFramedAreDeadLetteredWithCoordinatesAndPayload() throws Exception {
        byte[] json = "{\"crawl_id\":\"CC-MAIN-2024-51\"}".getBytes(StandardCharsets.UTF_8);

        harness.processElement(message(42, json), 0);

        assertThat(harness.extractOutputValues()).isEmpty();
        DeadLetterRecord dead = single(deadLetters());
        assertThat(dead.stage()).isEqualTo(AnnouncementDecoder.STAGE);
        assertThat(dead.reason()).isEqualTo("NOT_CONFLUENT_AVRO");
        assertThat(dead.message()).contains("first byte is 0x7b").endsWith("[" + TOPIC + "-0@42]");
        assertThat(dead.exceptionClass()).isEqualTo(DecodeException.class.getName());
        assertThat(dead.kafka()).isEqualTo(new KafkaCoordinates(TOPIC, 0, 42));
        assertThat(dead.payload()).isEqualTo(json);
        assertThat(dead.occurredAtMillis()).isPositive();
        assertThat(dead.crawlId()).isNull();
        assertThat(dead.segmentId()).isNull();
        assertThat(dead.warcFile()).isNull();
        assertThat(dead.warcOffset()).isNull();
        assertThat(dead.warcRecordId()).isNull();
    }

    @Test
    void messagesShorterThanTheHeaderAreDeadLettered() throws Exception {
        harness.processElement(message(1, new byte[] {0, 0, 0}), 0);
        harness.processElement(message(2, new byte[0]), 0);

        assertThat(deadLetters())
                .extracting(DeadLetterRecord::reason)
                .containsExactly("NOT_CONFLUENT_AVRO", "NOT_CONFLUENT_AVRO");
        assertThat(deadLetters().get(0).message()).contains("3 bytes is shorter");
        assertThat(deadLetters().get(1).message()).contains("0 bytes is shorter");
    }

    @Test
    void aTombstoneIsDeadLetteredWithoutPayload() throws Exception {
        harness.processElement(message(7, null), 0);

        DeadLetterRecord dead = single(deadLetters());
        assertThat(dead.reason()).isEqualTo("NOT_CONFLUENT_AVRO");
        assertThat(dead.message()).contains("null message");
        assertThat(dead.payload()).isNull();
    }

    @Test
    void thePayloadKeepsOnlyTheFirst64KiB() throws Exception {
        byte[] big = new byte[DeadLetterRecord.MAX_PAYLOAD + 1000];
        big[0] = 'x';

        harness.processElement(message(3, big), 0);

        assertThat(single(deadLetters()).payload()).hasSize(DeadLetterRecord.MAX_PAYLOAD);
    }

    @Test
    void rejectionsAreCountedByStageAndReasonAndTheStageGoesOn() throws Exception {
        for (int i = 0; i < 3; i++) {
            harness.processElement(message(i, new byte[] {1, 2, 3, 4, 5, 6}), 0);
        }
        harness.processElement(message(3, null), 0);

        assertThat(deadLetters()).hasSize(4);
        assertThat(
                        metrics.counter(
                                "ccpairs",
                                "stage",
                                AnnouncementDecoder.STAGE,
                                "reason",
                                "NOT_CONFLUENT_AVRO",
                                "dead_letters"))
                .isEqualTo(4);
        assertThat(metrics.counter("ccpairs", "announcements_decoded")).isZero();
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

    private static DeadLetterRecord single(List<DeadLetterRecord> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static KafkaMessage message(long offset, byte[] value) {
        return new KafkaMessage(TOPIC, 0, offset, 1_767_225_600_000L, null, value);
    }
}
