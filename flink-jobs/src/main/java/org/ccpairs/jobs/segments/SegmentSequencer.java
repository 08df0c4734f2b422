package org.ccpairs.jobs.segments;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.ccpairs.jobs.metrics.Metrics;
import org.ccpairs.jobs.model.Announcement;
import org.ccpairs.jobs.model.FileSplit;
import org.ccpairs.jobs.model.Segment;

/**
 * Numbers segments in announcement order and turns each into one split per file.
 *
 * <p>The sequence number is the segment's event time, and after the last split of segment {@code n}
 * this operator emits watermark {@code n}. Flink forwards a watermark only after every record ahead
 * of it on every channel, through every stage (an unordered async stage included); so when
 * watermark {@code n} reaches the dataset committer, every pair of segments {@code 1..n} has
 * reached it too. That is how the job knows a segment is complete without counting anything. Each
 * new segment is also sent, on the {@link #SEGMENTS} side output, straight to the committer so that
 * it can name the segments a version covers. Must run with parallelism 1; the counter is operator
 * state, so numbering survives restarts (announcements after the restored Kafka offset are
 * renumbered identically). The newest segments are exported with their files and announcement time
 * ({@link RecentSegments}) and kept in operator state, so that progress is still visible after a
 * restore.
 */
public class SegmentSequencer extends AbstractStreamOperator<FileSplit>
        implements OneInputStreamOperator<Announcement, FileSplit> {
    public static final OutputTag<Segment> SEGMENTS = new OutputTag<>("segments") {};

    private transient ListState<Long> lastSeqState;
    private transient long lastSeq;
    private transient Counter segmentsStarted;
    private transient Counter filesAnnounced;
    private transient ListState<Segment> recentState;
    private transient List<Segment> restoredRecent;
    private transient RecentSegments recent;

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        lastSeqState =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>("last-segment-seq", Types.LONG));
        lastSeq = 0;
        for (Long seq : lastSeqState.get()) {
            lastSeq = Math.max(lastSeq, seq);
        }
        recentState =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "recent-segments", TypeInformation.of(Segment.class)));
        restoredRecent = new ArrayList<>();
        recentState.get().forEach(restoredRecent::add);
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks() != 1) {
            throw new IllegalStateException("SegmentSequencer must run with parallelism 1");
        }
        segmentsStarted = Metrics.ccpairs(getMetricGroup()).counter("segments_started");
        filesAnnounced = Metrics.ccpairs(getMetricGroup()).counter("files_announced");
        Metrics.ccpairs(getMetricGroup()).gauge("last_segment_seq", () -> lastSeq);
        recent = new RecentSegments(Metrics.ccpairs(getMetricGroup()));
        restoredRecent.forEach(recent::add);
        restoredRecent = null;
        if (lastSeq > 0) {
            // After a restore the announcements up to lastSeq are not read again, so their
            // watermark
            // would never be sent again: downstream operators that combine inputs wait for it.
            output.emitWatermark(new Watermark(lastSeq));
        }
    }

    @Override
    public void processElement(StreamRecord<Announcement> element) {
        Announcement a = element.getValue();
        long seq = ++lastSeq;
        List<String> files = a.files();
        Segment segment =
                new Segment(
                        seq,
                        a.crawlId(),
                        a.segmentId(),
                        a.fileKind(),
                        files.size(),
                        a.announcedAtMillis());
        output.collect(SEGMENTS, new StreamRecord<>(segment, seq));
        recent.add(segment);
        for (int i = 0; i < files.size(); i++) {
            output.collect(new StreamRecord<>(new FileSplit(segment, files.get(i), i), seq));
        }
        output.emitWatermark(new Watermark(seq));
        segmentsStarted.inc();
        filesAnnounced.inc(files.size());
    }

    /** Upstream watermarks mean nothing here; only the end of a bounded input is passed on. */
    @Override
    public void processWatermark(Watermark mark) {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            output.emitWatermark(mark);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        lastSeqState.update(List.of(lastSeq));
        recentState.update(recent.segments());
    }
}
