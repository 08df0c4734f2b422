package org.ccpairs.jobs.read;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;
import org.ccpairs.jobs.metrics.SegmentGroups;
import org.ccpairs.jobs.model.Segment;

/**
 * How many files of each segment this reader still has to read (queued, being read, or waiting for
 * a retry), exported as {@code ccpairs_crawl_segment_kind_files_unread} while it is above zero.
 *
 * <p>The series of a segment disappears from a subtask when its last file there is finished, so a
 * missing series means zero and the number of series is bounded by the files in the readers'
 * queues. Summed over subtasks it is exact: a segment's files done are its files announced minus
 * the sum (once every reader has received the segment, which the readers' input watermark tells).
 * Derived from the checkpointed queue, so it survives restores. Not thread-safe: the reader's
 * mailbox thread owns it.
 */
final class SegmentBacklog {
    private final MetricGroup ccpairsGroup;

    /** Keyed by the labels: a segment announced again while still being read shares its series. */
    private final Map<Labels, Unread> bySegment = new HashMap<>();

    private record Labels(String crawl, String segment, String kind) {
        static Labels of(Segment s) {
            return new Labels(s.crawlId(), s.segmentId(), s.fileKind());
        }
    }

    private static final class Unread {
        final MetricGroup group;
        int files;

        Unread(MetricGroup group) {
            this.group = group;
        }
    }

    SegmentBacklog(MetricGroup ccpairsGroup) {
        this.ccpairsGroup = ccpairsGroup;
    }

    void fileAdded(Segment segment) {
        bySegment.computeIfAbsent(
                        Labels.of(segment),
                        s -> {
                            Unread unread = new Unread(SegmentGroups.open(ccpairsGroup, segment));
                            unread.group.gauge("files_unread", () -> unread.files);
                            return unread;
                        })
                .files++;
    }

    void fileDone(Segment segment) {
        Unread unread = bySegment.get(Labels.of(segment));
        if (unread == null) {
            return;
        }
        if (--unread.files == 0) {
            bySegment.remove(Labels.of(segment));
            SegmentGroups.close(unread.group);
        }
    }

    /** Segments with unread files here, for tests. */
    int segments() {
        return bySegment.size();
    }
}
