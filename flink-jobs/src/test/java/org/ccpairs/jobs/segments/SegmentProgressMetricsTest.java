package org.ccpairs.jobs.segments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.ccpairs.jobs.model.Announcement;
import org.ccpairs.jobs.model.FileSplit;
import org.ccpairs.jobs.model.KafkaCoordinates;
import org.ccpairs.jobs.testing.CapturedMetrics;
import org.junit.jupiter.api.Test;

/** The per-segment gauges of the sequencer: what they show, their bound, and a restore. */
class SegmentProgressMetricsTest {
    private static final String CRAWL = "CC-MAIN-2024-51";
    private static final long ANNOUNCED_AT = 1_767_225_600_000L;

    @Test
    void eachSegmentIsExportedWithItsFilesSequenceAndAnnouncementTime() throws Exception {
        CapturedMetrics metrics = new CapturedMetrics();
        try (var harness = harness(metrics)) {
            harness.open();
            harness.processElement(announcement("seg-a", 2));
            harness.processElement(announcement("seg-b", 3));

            assertThat(segmentGauge(metrics, "seg-a", "files")).contains(2);
            assertThat(segmentGauge(metrics, "seg-b", "files")).contains(3);
            assertThat(segmentGauge(metrics, "seg-b", "seq")).contains(2L);
            assertThat(segmentGauge(metrics, "seg-a", "announced_timestamp_seconds"))
                    .contains(ANNOUNCED_AT / 1000);
            assertThat(metrics.gauge("ccpairs", "last_segment_seq")).contains(2L);
        }
    }

    @Test
    void onlyTheNewestSegmentsAreKeptAndAReannouncementReplacesItsEntry() throws Exception {
        CapturedMetrics metrics = new CapturedMetrics();
        try (var harness = harness(metrics)) {
            harness.open();
            for (int i = 1; i <= RecentSegments.WINDOW + 5; i++) {
                harness.processElement(announcement("seg-" + i, 1));
            }
            assertThat(segmentGauge(metrics, "seg-5", "files"))
                    .as("dropped out of the window")
                    .isEmpty();
            assertThat(segmentGauge(metrics, "seg-6", "files")).contains(1);

            harness.processElement(announcement("seg-6", 4)); // announced again, e.g. --force

            assertThat(segmentGauge(metrics, "seg-6", "files")).contains(4);
            assertThat(segmentGauge(metrics, "seg-6", "seq"))
                    .contains((long) RecentSegments.WINDOW + 6);
            assertThat(segmentGauge(metrics, "seg-7", "files"))
                    .as("still inside: the re-announcement took the old entry's place")
                    .contains(1);
        }
    }

    @Test
    void theSegmentsSurviveARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var first = harness(new CapturedMetrics())) {
            first.open();
            first.processElement(announcement("seg-a", 2));
            snapshot = first.snapshot(1, 1);
        }
        CapturedMetrics metrics = new CapturedMetrics();
        try (var restored = harness(metrics)) {
            restored.initializeState(snapshot);
            restored.open();

            assertThat(segmentGauge(metrics, "seg-a", "files")).contains(2);
            assertThat(segmentGauge(metrics, "seg-a", "seq")).contains(1L);
        }
    }

    private static java.util.Optional<Object> segmentGauge(
            CapturedMetrics metrics, String segment, String name) {
        return metrics.gauge("ccpairs", "crawl", CRAWL, "segment", segment, "kind", "WARC", name);
    }

    private static OneInputStreamOperatorTestHarness<Announcement, FileSplit> harness(
            CapturedMetrics metrics) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new SegmentSequencer(), metrics.environment());
    }

    private static org.apache.flink.streaming.runtime.streamrecord.StreamRecord<Announcement>
            announcement(String segmentId, int files) {
        List<String> urls =
                java.util.stream.IntStream.range(0, files)
                        .mapToObj(i -> "file:///" + segmentId + "/" + i)
                        .toList();
        return new org.apache.flink.streaming.runtime.streamrecord.StreamRecord<>(
                new Announcement(
                        CRAWL,
                        segmentId,
                        "WARC",
                        urls,
                        ANNOUNCED_AT,
                        new KafkaCoordinates("ccpairs.segments", 0, 0)));
    }
}
