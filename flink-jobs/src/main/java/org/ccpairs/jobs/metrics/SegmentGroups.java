package org.ccpairs.jobs.metrics;

import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;
import org.ccpairs.jobs.model.Segment;

/**
 * Metric groups labelled with one segment, {@code crawl}, {@code segment} and {@code kind}, that go
 * away again when the segment needs no more watching. Prometheus exports their metrics as {@code
 * ccpairs_crawl_segment_kind_<name>{crawl=..., segment=..., kind=...}} (Flink's reporter puts the
 * label keys into the name).
 *
 * <p>Segments never stop coming (about a hundred a month per kind), so a metric per segment that
 * lived as long as the job would grow without bound in every subtask. Flink's {@link MetricGroup}
 * has no public way to remove a metric; closing the group does it (it unregisters the metrics from
 * every reporter), the way flink-connector-kinesis retires the metrics of a closed shard. A group
 * closed here is replaced by a fresh one when the same segment is opened again.
 */
public final class SegmentGroups {
    private SegmentGroups() {}

    /** The group of {@code segment} below {@code ccpairsGroup} (see {@link Metrics#ccpairs}). */
    public static MetricGroup open(MetricGroup ccpairsGroup, Segment segment) {
        return ccpairsGroup
                .addGroup("crawl", segment.crawlId())
                .addGroup("segment", segment.segmentId())
                .addGroup("kind", segment.fileKind());
    }

    /**
     * Removes the metrics of a group from {@link #open}; a no-op for groups that cannot be closed
     * (such as the unregistered groups of some tests).
     */
    public static void close(MetricGroup group) {
        if (group instanceof AbstractMetricGroup<?> closable) {
            closable.close();
        }
    }
}
