package org.ccpairs.jobs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.ccpairs.connectors.warc.WarcPageReader;
import org.ccpairs.jobs.CcpairsJob;
import org.ccpairs.jobs.model.DeadLetterRecord;
import org.ccpairs.jobs.model.FileSplit;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.testing.Corpus;
import org.ccpairs.jobs.testing.ExpectedPairs;
import org.ccpairs.jobs.testing.RangeServer;
import org.junit.jupiter.api.Test;

/** The reading stage under Flink's operator harness, with its mailbox turns run by hand. */
class FileReaderOperatorTest {
    private static final Segment SEGMENT = new Segment(1, "CC-TEST", "s", "WARC", 1);
    private static final Duration BACKOFF = Duration.ofSeconds(2);

    @Test
    void readsTheFileAndPassesTheWatermarkOnlyAfterIt() throws Exception {
        Path file = Corpus.file("chatnoir-resiliparse/warcfile.warc.gz");
        try (var harness = harness(3)) {
            harness.open();
            harness.processElement(new StreamRecord<>(split(file), 1));
            harness.processWatermark(new Watermark(1));
            assertThat(watermarks(harness)).as("the file is not read yet").isEmpty();

            runMails(harness);

            assertThat(pairIds(harness))
                    .containsExactlyElementsOf(ids(ExpectedPairs.of(file, SEGMENT)));
            assertThat(last(harness)).isEqualTo(new Watermark(1));
            assertThat(deadLetters(harness)).isEmpty();
        }
    }

    @Test
    void aCheckpointInTheMiddleOfAFileResumesWithoutLossOrRepeat() throws Exception {
        Path file = Corpus.file("aut/example.warc.gz");
        List<String> expected = ids(ExpectedPairs.of(file, SEGMENT));
        List<String> emitted = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var first = harness(3)) {
            first.open();
            first.processElement(new StreamRecord<>(split(file), 1));
            runOneMail(first);
            runOneMail(first);
            emitted.addAll(pairIds(first));
            snapshot = first.snapshot(1, 1);
            assertThat(emitted)
                    .as("part of the file was read before the checkpoint")
                    .isNotEmpty()
                    .hasSizeLessThan(expected.size());
            runMails(first); // read on, then "fail": what it emitted after the checkpoint is lost
        }
        try (var second = harness(3)) {
            second.initializeState(snapshot);
            second.open();
            second.processWatermark(new Watermark(1));
            runMails(second);
            emitted.addAll(pairIds(second));
            assertThat(last(second)).isEqualTo(new Watermark(1));
        }
        assertThat(emitted).containsExactlyElementsOf(expected);
    }

    @Test
    void aFileThatCannotBeOpenedIsADeadLetterAndCountsAsDone() throws Exception {
        try (var harness = harness(3)) {
            harness.open();
            FileSplit missing = new FileSplit(SEGMENT, "file:///nonexistent/x.warc.gz", 0);
            harness.processElement(new StreamRecord<>(missing, 1));
            harness.processWatermark(new Watermark(1));
            runMails(harness);

            assertThat(deadLetters(harness))
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.stage()).isEqualTo("warc-read");
                                assertThat(d.reason()).isEqualTo("FILE_NOT_FOUND");
                                assertThat(d.warcFile()).isEqualTo(missing.file());
                                assertThat(d.segmentId()).isEqualTo("s");
                            });
            assertThat(watermarks(harness)).containsExactly(new Watermark(1));
        }
    }

    @Test
    void aBrokenDownloadIsResumedWithARangeRequestAfterABackoff() throws Exception {
        Path file = Corpus.file("chatnoir-resiliparse/warcfile.warc.gz");
        try (RangeServer server = new RangeServer(file).dropFirstResponseAfter(60_000);
                var harness = harness(3)) {
            harness.open();
            harness.setProcessingTime(0);
            harness.processElement(new StreamRecord<>(new FileSplit(SEGMENT, server.url(), 0), 1));
            harness.processWatermark(new Watermark(1));
            runMails(harness);
            assertThat(server.requests()).isEqualTo(1);
            assertThat(watermarks(harness)).as("the file is not done").isEmpty();

            harness.setProcessingTime(BACKOFF.toMillis()); // the retry timer fires
            runMails(harness);

            assertThat(pairIds(harness))
                    .containsExactlyElementsOf(ids(ExpectedPairs.of(file, SEGMENT)));
            assertThat(server.rangesRequested()).hasSize(2).first().isEqualTo("");
            assertThat(server.rangesRequested().get(1)).startsWith("bytes=");
            assertThat(deadLetters(harness)).isEmpty();
            assertThat(watermarks(harness)).containsExactly(new Watermark(1));
        }
    }

    @Test
    void aFileThatKeepsBreakingBecomesADeadLetterAfterItsRetries() throws Exception {
        try (var harness = harness(2)) {
            harness.open();
            harness.setProcessingTime(0);
            String closedPort = "http://127.0.0.1:9/x.warc.gz"; // the discard port: nothing listens
            harness.processElement(new StreamRecord<>(new FileSplit(SEGMENT, closedPort, 0), 1));
            runMails(harness);
            for (int retry = 0; retry < 2; retry++) {
                harness.setProcessingTime(
                        harness.getProcessingTime() + (BACKOFF.toMillis() << retry));
                runMails(harness);
            }

            assertThat(deadLetters(harness))
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.reason()).isEqualTo("UNREACHABLE");
                                assertThat(d.message()).contains("after 2 retries");
                            });
        }
    }

    /**
     * A reader whose turns read at most 20 records, so that a test can stop in the middle of a
     * file.
     */
    private static OneInputStreamOperatorTestHarness<FileSplit, Pair> harness(int maxRetries)
            throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new FileReaderOperator(
                        FilePairReaderFactory.warc(WarcPageReader.DEFAULT_MAX_BODY_BYTES),
                        CcpairsJob.DEAD_LETTERS,
                        "ccpairs-test",
                        maxRetries,
                        BACKOFF,
                        20));
    }

    private static FileSplit split(Path file) {
        return new FileSplit(SEGMENT, file.toUri().toString(), 0);
    }

    /** Runs the operator's mailbox turns until none is left. */
    private static void runMails(OneInputStreamOperatorTestHarness<?, ?> harness) throws Exception {
        while (runOneMail(harness)) {
            // next turn
        }
    }

    private static boolean runOneMail(OneInputStreamOperatorTestHarness<?, ?> harness)
            throws Exception {
        Optional<Mail> mail = harness.getTaskMailbox().tryTake(TaskMailbox.MIN_PRIORITY);
        if (mail.isEmpty()) {
            return false;
        }
        mail.get().run();
        return true;
    }

    private static List<String> pairIds(
            OneInputStreamOperatorTestHarness<FileSplit, Pair> harness) {
        return harness.extractOutputValues().stream().map(Pair::pairId).toList();
    }

    /**
     * The watermarks that complete a segment (1 and up); while segment 1 has an unfinished file the
     * stage may pass on 0, which completes nothing.
     */
    private static List<Object> watermarks(OneInputStreamOperatorTestHarness<?, ?> harness) {
        return harness.getOutput().stream()
                .filter(o -> o instanceof Watermark w && w.getTimestamp() >= 1)
                .toList();
    }

    private static List<DeadLetterRecord> deadLetters(
            OneInputStreamOperatorTestHarness<?, ?> harness) {
        ConcurrentLinkedQueue<StreamRecord<DeadLetterRecord>> side =
                harness.getSideOutput(CcpairsJob.DEAD_LETTERS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private static Object last(OneInputStreamOperatorTestHarness<?, ?> harness) {
        List<Object> output = new ArrayList<>(harness.getOutput());
        return output.get(output.size() - 1);
    }

    private static List<String> ids(List<Pair> pairs) {
        return pairs.stream().map(Pair::pairId).toList();
    }
}
