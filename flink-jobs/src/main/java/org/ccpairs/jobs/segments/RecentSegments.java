package org.ccpairs.jobs.segments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.metrics.MetricGroup;
import org.ccpairs.jobs.metrics.SegmentGroups;
import org.ccpairs.jobs.model.Segment;

/**
 * The newest segments the sequencer started, each exported with what is known about it when it is
 * announced: {@code ccpairs_crawl_segment_kind_files} (files listed), {@code ..._seq} (its sequence
 * number, which the watermarks count) and {@code ..._announced_timestamp_seconds}. Together with
 * the readers' {@code files_unread} and the committer's input watermark they give each segment's
 * progress (docs/metrics.md, {@code ./ccpairs status}).
 *
 * <p>Bounded to the newest {@link #WINDOW} segments, two months of monthly crawls of one kind, so
 * that the number of series stays small; older ones are in dataset versions long before they drop
 * out. A segment announced again (same crawl, segment and kind) replaces its earlier entry. Not
 * thread-safe: the sequencer's task thread owns it.
 */
final class RecentSegments {
    static final int WINDOW = 200;

    private final MetricGroup ccpairsGroup;
    private final TreeMap<Long, Segment> bySeq = new TreeMap<>();
    private final Map<String, Long> seqByKey = new HashMap<>();
    private final Map<Long, MetricGroup> groups = new HashMap<>();

    /**
     * @param ccpairsGroup where the gauges go; null to keep the list without metrics (before the
     *     operator is opened)
     */
    RecentSegments(MetricGroup ccpairsGroup) {
        this.ccpairsGroup = ccpairsGroup;
    }

    void add(Segment segment) {
        Long previous = seqByKey.put(key(segment), segment.seq());
        if (previous != null) {
            remove(previous);
        }
        bySeq.put(segment.seq(), segment);
        if (ccpairsGroup != null) {
            MetricGroup group = SegmentGroups.open(ccpairsGroup, segment);
            group.gauge("files", segment::fileCount);
            group.gauge("seq", segment::seq);
            group.gauge("announced_timestamp_seconds", () -> segment.announcedAtMillis() / 1000);
            groups.put(segment.seq(), group);
        }
        while (bySeq.size() > WINDOW) {
            Segment oldest = bySeq.firstEntry().getValue();
            seqByKey.remove(key(oldest));
            remove(oldest.seq());
        }
    }

    private void remove(long seq) {
        bySeq.remove(seq);
        MetricGroup group = groups.remove(seq);
        if (group != null) {
            SegmentGroups.close(group);
        }
    }

    /** Oldest first, for the checkpoint. */
    List<Segment> segments() {
        return new ArrayList<>(bySeq.values());
    }

    private static String key(Segment s) {
        return s.crawlId() + '\u0000' + s.segmentId() + '\u0000' + s.fileKind();
    }
}
