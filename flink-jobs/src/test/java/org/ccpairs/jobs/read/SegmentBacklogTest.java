package org.ccpairs.jobs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.ccpairs.connectors.warc.WarcPageReader;
import org.ccpairs.jobs.CcpairsJob;
import org.ccpairs.jobs.model.FileSplit;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.testing.CapturedMetrics;
import org.ccpairs.jobs.testing.Corpus;
import org.junit.jupiter.api.Test;

/**
 * {@code files_unread} per segment: counts the reader's files of a segment until they are done,
 * then disappears; restored with the queue.
 */
class SegmentBacklogTest {
    private static final Segment A = new Segment(1, "CC-TEST", "a", "WARC", 2);
    private static final Segment B = new Segment(2, "CC-TEST", "b", "WARC", 1);

    @Test
    void unreadFilesAreCountedPerSegmentAndTheSeriesGoesWhenTheyAreRead() throws Exception {
        String file = Corpus.file("chatnoir-resiliparse/warcfile.warc.gz").toUri().toString();
        CapturedMetrics metrics = new CapturedMetrics();
        try (var harness = harness(metrics)) {
            harness.open();
            harness.processElement(new StreamRecord<>(new FileSplit(A, file, 0), 1));
            harness.processElement(new StreamRecord<>(new FileSplit(A, file, 1), 1));
            harness.processElement(
                    new StreamRecord<>(new FileSplit(B, "file:///nonexistent/b.warc.gz", 0), 2));

            assertThat(unread(metrics, "a")).contains(2);
            assertThat(unread(metrics, "b")).contains(1);

            runMails(harness);

            assertThat(unread(metrics, "a")).as("read to the end").isEmpty();
            assertThat(unread(metrics, "b")).as("a dead letter counts as done").isEmpty();
        }
    }

    @Test
    void theBacklogIsRestoredWithTheQueue() throws Exception {
        OperatorSubtaskState snapshot;
        String file = Corpus.file("chatnoir-resiliparse/warcfile.warc.gz").toUri().toString();
        try (var first = harness(new CapturedMetrics())) {
            first.open();
            first.processElement(new StreamRecord<>(new FileSplit(A, file, 0), 1));
            first.processElement(new StreamRecord<>(new FileSplit(A, file, 1), 1));
            snapshot = first.snapshot(1, 1);
        }
        CapturedMetrics metrics = new CapturedMetrics();
        try (var restored = harness(metrics)) {
            restored.initializeState(snapshot);
            restored.open();
            assertThat(unread(metrics, "a")).contains(2);
        }
    }

    private static Optional<Object> unread(CapturedMetrics metrics, String segment) {
        return metrics.gauge(
                "ccpairs", "crawl", "CC-TEST", "segment", segment, "kind", "WARC", "files_unread");
    }

    private static OneInputStreamOperatorTestHarness<FileSplit, Pair> harness(
            CapturedMetrics metrics) throws Exception {
        return new OneInputStreamOperatorTestHarness<FileSplit, Pair>(
                new ReaderFactory(
                        new FileReaderOperator(
                                FilePairReaderFactory.warc(WarcPageReader.DEFAULT_MAX_BODY_BYTES),
                                CcpairsJob.DEAD_LETTERS,
                                "ccpairs-test",
                                0,
                                Duration.ofSeconds(1),
                                20)),
                metrics.environment());
    }

    /** A factory, unlike a bare operator, gets the task's mailbox from the harness. */
    private static final class ReaderFactory
            extends org.apache.flink.streaming.api.operators.SimpleOperatorFactory<Pair>
            implements org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory<
                    FileSplit, Pair> {
        ReaderFactory(FileReaderOperator operator) {
            super(operator);
        }
    }

    private static void runMails(OneInputStreamOperatorTestHarness<?, ?> harness) throws Exception {
        Optional<Mail> mail;
        while ((mail = harness.getTaskMailbox().tryTake(TaskMailbox.MIN_PRIORITY)).isPresent()) {
            mail.get().run();
        }
    }
}
