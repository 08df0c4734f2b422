package org.ccpairs.jobs.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.ccpairs.jobs.model.Announcement;
import org.ccpairs.jobs.model.FileSplit;
import org.ccpairs.jobs.model.KafkaCoordinates;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.testing.CapturedMetrics;
import org.junit.jupiter.api.Test;

class SegmentSequencerTest {
    private static final String CRAWL = "CC-MAIN-2024-51";
    private static final long ANNOUNCED_AT = 1_767_225_600_000L;

    @Test
    void eachAnnouncementBecomesOneSplitPerFileThenAWatermark() throws Exception {
        CapturedMetrics metrics = new CapturedMetrics();
        try (var harness =
                new OneInputStreamOperatorTestHarness<Announcement, FileSplit>(
                        new SegmentSequencer(), metrics.environment())) {
            harness.open();

            harness.processElement(announcement("seg-a", "file:///a1", "file:///a2"), 100);
            harness.processElement(announcement("seg-b", "file:///b1"), 200);

            Segment a = new Segment(1, CRAWL, "seg-a", "WARC", 2, ANNOUNCED_AT);
            Segment b = new Segment(2, CRAWL, "seg-b", "WARC", 1, ANNOUNCED_AT);
            // the watermark follows the splits of its segment on the same output, so everything
            // a segment produces downstream is ahead of the watermark that completes it
            assertThat(harness.getOutput())
                    .containsExactly(
                            new StreamRecord<>(new FileSplit(a, "file:///a1", 0), 1),
                            new StreamRecord<>(new FileSplit(a, "file:///a2", 1), 1),
                            new Watermark(1),
                            new StreamRecord<>(new FileSplit(b, "file:///b1", 0), 2),
                            new Watermark(2));
            assertThat(harness.getSideOutput(SegmentSequencer.SEGMENTS))
                    .containsExactly(new StreamRecord<>(a, 1), new StreamRecord<>(b, 2));
            assertThat(metrics.counter("ccpairs", "segments_started")).isEqualTo(2);
            assertThat(metrics.counter("ccpairs", "files_announced")).isEqualTo(3);
        }
    }

    @Test
    void upstreamWatermarksAreSwallowedExceptTheEndOfInput() throws Exception {
        try (var harness = open(new OneInputStreamOperatorTestHarness<>(new SegmentSequencer()))) {
            harness.processWatermark(5);
            harness.processWatermark(Long.MIN_VALUE);
            harness.processElement(announcement("seg-a", "file:///a1"), 0);
            harness.processWatermark(1_000_000);

            assertThat(watermarks(harness)).containsExactly(1L);

            harness.processWatermark(Long.MAX_VALUE);

            assertThat(watermarks(harness)).containsExactly(1L, Long.MAX_VALUE);
        }
    }

    @Test
    void numberingContinuesAfterARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var first = open(new OneInputStreamOperatorTestHarness<>(new SegmentSequencer()))) {
            first.processElement(announcement("seg-a", "file:///a1"), 0);
            first.processElement(announcement("seg-b", "file:///b1"), 0);
            snapshot = first.snapshot(1, 1);
        }

        try (var restored =
                new OneInputStreamOperatorTestHarness<Announcement, FileSplit>(
                        new SegmentSequencer())) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(announcement("seg-c", "file:///c1", "file:///c2"), 0);

            Segment c = new Segment(3, CRAWL, "seg-c", "WARC", 2, ANNOUNCED_AT);
            assertThat(restored.getSideOutput(SegmentSequencer.SEGMENTS))
                    .containsExactly(new StreamRecord<>(c, 3));
            // the restored watermark first: upstream will not send the announcements before it
            // again
            assertThat(restored.getOutput())
                    .containsExactly(
                            new Watermark(2),
                            new StreamRecord<>(new FileSplit(c, "file:///c1", 0), 3),
                            new StreamRecord<>(new FileSplit(c, "file:///c2", 1), 3),
                            new Watermark(3));
        }
    }

    @Test
    void aSnapshotTakenBeforeAnAnnouncementRenumbersItIdentically() throws Exception {
        OperatorSubtaskState beforeB;
        List<Object> original;
        try (var first = open(new OneInputStreamOperatorTestHarness<>(new SegmentSequencer()))) {
            first.processElement(announcement("seg-a", "file:///a1"), 0);
            beforeB = first.snapshot(1, 1);
            first.getOutput().clear();
            first.processElement(announcement("seg-b", "file:///b1"), 0);
            original = new ArrayList<>(first.getOutput());
        }

        try (var replay =
                new OneInputStreamOperatorTestHarness<Announcement, FileSplit>(
                        new SegmentSequencer())) {
            replay.initializeState(beforeB);
            replay.open();
            assertThat(replay.getOutput())
                    .as("the restored watermark")
                    .containsExactly(new Watermark(1));
            replay.getOutput().clear();
            replay.processElement(announcement("seg-b", "file:///b1"), 0);

            assertThat(replay.getOutput()).containsExactlyElementsOf(original);
        }
    }

    @Test
    void refusesToRunWithParallelismAboveOne() throws Exception {
        try (var harness =
                new OneInputStreamOperatorTestHarness<Announcement, FileSplit>(
                        new SegmentSequencer(), 2, 2, 0)) {
            assertThatThrownBy(harness::open)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("must run with parallelism 1");
        }
    }

    private static <H extends OneInputStreamOperatorTestHarness<Announcement, FileSplit>> H open(
            H harness) throws Exception {
        harness.open();
        return harness;
    }

    private static List<Long> watermarks(OneInputStreamOperatorTestHarness<?, ?> harness) {
        List<Long> marks = new ArrayList<>();
        for (Object o : harness.getOutput()) {
            if (o instanceof Watermark w) {
                marks.add(w.getTimestamp());
            }
        }
        return marks;
    }

    private static Announcement announcement(String segmentId, String... files) {
        return new Announcement(
                CRAWL,
                segmentId,
                "WARC",
                List.of(files),
                ANNOUNCED_AT,
                new KafkaCoordinates("ccpairs.segments", 0, 0));
    }
}
