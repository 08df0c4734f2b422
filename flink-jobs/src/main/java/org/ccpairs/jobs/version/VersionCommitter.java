package org.ccpairs.jobs.version;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.types.Either;
import org.apache.flink.util.OutputTag;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.flink.TableLoader;
import org.ccpairs.jobs.metrics.Metrics;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.RetractedPair;
import org.ccpairs.jobs.model.Retraction;
import org.ccpairs.jobs.model.Segment;

/**
 * Cuts dataset versions: when a checkpoint completes and one or more segments have become complete,
 * it commits their data files as one Iceberg snapshot, tags it {@code v<N>}, and emits the version
 * event.
 *
 * <p>Input 1 carries the writers' closed files, input 2 the segments as the sequencer starts them
 * and the retractions of published pairs. A version applies the retractions its checkpoint holds;
 * when no segment completes, a checkpoint that holds retractions cuts a version of its own. Every
 * pair a version removes goes to the {@link #RETRACTED} side output. A segment is complete when the
 * watermark (which counts segments, see {@code SegmentSequencer}) has reached its sequence number;
 * all of its files then belong to this or an earlier checkpoint. Files of segments not yet complete
 * wait in state, so a version holds exactly the segments it lists.
 *
 * <p>Exactly once: the table is the source of truth. Each version snapshot records its number, this
 * operator's lineage id, the checkpoint and the highest segment it completed ({@link
 * VersionSummary}). After a restore, versions this lineage committed but whose effects the restored
 * state does not know are not committed again, and their events are emitted again when the restored
 * state had not emitted them; the exactly-once Kafka sink downstream drops events of a failed
 * attempt. Must run with parallelism 1.
 */
public class VersionCommitter extends AbstractStreamOperator<DatasetVersionRecord>
        implements TwoInputStreamOperator<
                WrittenFiles, Either<Segment, Retraction>, DatasetVersionRecord> {
    /** The pairs each version removed, with the request that removed them. */
    public static final OutputTag<RetractedPair> RETRACTED =
            new OutputTag<>("retracted", TypeInformation.of(RetractedPair.class));

    /** The type of input 2. */
    public static final TypeInformation<Either<Segment, Retraction>> CONTROL_TYPE =
            new EitherTypeInfo<>(
                    TypeInformation.of(Segment.class), TypeInformation.of(Retraction.class));

    private final TableLoader tableLoader;
    private final String tableName;
    private final Duration maxInterval;

    private transient CommitterState state;
    private transient Table table;
    private transient List<DatasetVersionRecord> toReemit;
    private transient List<RetractedPair> retractionsToReemit;

    /** Commit time of the newest version in the table, 0 when it has none. */
    private transient long lastCommitMillis;

    private transient long startedMillis;

    private transient Counter versionsCommitted;
    private transient Counter dataFilesCommitted;
    private transient Counter pairsRetracted;
    private transient Counter retractionsUnmatched;

    /** How long the last version's Iceberg commit took, in milliseconds. */
    private transient long lastCommitDurationMillis;

    /**
     * @param tableLoader the dataset table, which must exist
     * @param tableName its identifier in the catalog, as reported in version events
     */
    public VersionCommitter(TableLoader tableLoader, String tableName) {
        this(tableLoader, tableName, Duration.ZERO);
    }

    /**
     * @param maxInterval cut a partial version when this long passed without a version; zero: never
     */
    public VersionCommitter(TableLoader tableLoader, String tableName, Duration maxInterval) {
        this.tableLoader = tableLoader;
        this.tableName = tableName;
        this.maxInterval = maxInterval;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        state = new CommitterState(context.getOperatorStateStore());
        tableLoader.open();
        table = tableLoader.loadTable();
        lastCommitMillis = VersionSummary.latestVersionCommitMillis(table);
        startedMillis = System.currentTimeMillis();
        toReemit = new ArrayList<>();
        retractionsToReemit = new ArrayList<>();
        if (context.isRestored()) {
            reconcileWithTable();
        }
    }

    /**
     * Forgets what versions of this lineage already hold, in the restored state and in what a
     * replay after an older restore point sends again, and finds the events to emit again.
     */
    private void reconcileWithTable() {
        long maxCompleteSeq = 0;
        for (Snapshot s : VersionSummary.versionsOf(table, state.lineage(), 0)) {
            Map<String, String> summary = s.summary();
            maxCompleteSeq =
                    Math.max(
                            maxCompleteSeq,
                            Long.parseLong(summary.get(VersionSummary.MAX_SEGMENT_SEQ)));
            // a partial version holds the files of its partial segments written up to its
            // checkpoint
            Set<Long> partial = new HashSet<>();
            VersionSummary.decodeSegments(summary.get(VersionSummary.SEGMENTS_PARTIAL))
                    .forEach(p -> partial.add(p.seq()));
            long checkpointId = Long.parseLong(summary.get(VersionSummary.CHECKPOINT_ID));
            state.committedBefore(checkpointId, partial);
            List<Retraction> applied = state.appliedBefore(checkpointId);
            DatasetVersionRecord record = VersionSummary.toRecord(table, tableName, s);
            if (record.version() > state.lastEmittedVersion()) {
                toReemit.add(record);
                for (Retraction r : RetractionLookup.removedBy(table, s, applied)) {
                    retractionsToReemit.add(new RetractedPair(r, record.version(), s.snapshotId()));
                }
            }
        }
        state.committedThrough(maxCompleteSeq);
        if (!toReemit.isEmpty()) {
            LOG.info(
                    "Dataset versions {} were committed before the restore; emitting their events"
                            + " again",
                    toReemit.stream().map(DatasetVersionRecord::version).toList());
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks() != 1) {
            throw new IllegalStateException("VersionCommitter must run with parallelism 1");
        }
        MetricGroup ccpairs = Metrics.ccpairs(getMetricGroup());
        versionsCommitted = ccpairs.counter("versions_committed");
        pairsRetracted = ccpairs.counter("pairs_retracted");
        retractionsUnmatched = ccpairs.counter("retractions_unmatched");
        ccpairs.gauge("pending_retractions", () -> state.pendingRetractions());
        dataFilesCommitted = ccpairs.counter("data_files_committed");
        ccpairs.gauge("last_version_commit_ms", () -> lastCommitDurationMillis);
        ccpairs.gauge("last_version", () -> state.lastEmittedVersion());
        ccpairs.gauge("segments_open", () -> state.openSegments());
        ccpairs.gauge("pending_data_files", () -> state.pendingFiles());
        // the two freshness numbers: how long the oldest open segment waits, how old the data is
        ccpairs.gauge(
                "oldest_open_segment_age_seconds",
                () -> ageSeconds(state.oldestOpenSegmentAnnouncedAt()));
        ccpairs.gauge("last_version_age_seconds", () -> ageSeconds(lastCommitMillis));
        for (DatasetVersionRecord record : toReemit) {
            output.collect(new StreamRecord<>(record));
            state.emitted(record.version());
        }
        for (RetractedPair r : retractionsToReemit) {
            output.collect(RETRACTED, new StreamRecord<>(r));
        }
        toReemit.clear();
        retractionsToReemit.clear();
    }

    @Override
    public void processElement1(StreamRecord<WrittenFiles> element) {
        state.addFiles(element.getValue());
    }

    @Override
    public void processElement2(StreamRecord<Either<Segment, Retraction>> element) {
        Either<Segment, Retraction> control = element.getValue();
        if (control.isLeft()) {
            state.addSegment(control.left());
        } else {
            state.addRetraction(control.right());
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        state.watermark(mark.getTimestamp());
        super.processWatermark(mark);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        state.snapshot(context.getCheckpointId());
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        CommitterState.Completion completion = state.completedAt(checkpointId);
        if (completion == null && intervalElapsed()) {
            completion = state.partialAt(checkpointId);
        }
        if (completion == null) {
            completion = state.retractionsOnlyAt(checkpointId);
        }
        if (completion == null) {
            return;
        }
        long start = System.nanoTime();
        VersionCommit.Committed committed =
                new VersionCommit(table, tableName, state.lineage())
                        .commit(checkpointId, completion);
        DatasetVersionRecord record = committed.version();
        if (!committed.unmatched().isEmpty()) {
            LOG.warn(
                    "{} retraction(s) found no pair to remove (never published, or removed"
                            + " already), e.g. {}",
                    committed.unmatched().size(),
                    committed.unmatched().get(0));
            retractionsUnmatched.inc(committed.unmatched().size());
        }
        if (record == null) {
            state.committed(completion);
            return;
        }
        lastCommitDurationMillis = (System.nanoTime() - start) / 1_000_000;
        int files = VersionSummary.addedDataFiles(table.snapshot(record.snapshotId()));
        LOG.info(
                "Committed dataset version {} (snapshot {}) in {} ms: {} pairs added in {} data"
                        + " files, segments complete {}, partial {}",
                record.version(),
                record.snapshotId(),
                lastCommitDurationMillis,
                record.pairsAdded(),
                files,
                completion.complete().stream().map(Segment::label).toList(),
                completion.partial().stream().map(Segment::label).toList());
        state.committed(completion);
        output.collect(new StreamRecord<>(record));
        for (RetractedPair r : committed.retracted()) {
            output.collect(RETRACTED, new StreamRecord<>(r));
        }
        state.emitted(record.version());
        pairsRetracted.inc(committed.retracted().size());
        lastCommitMillis = record.committedAtMillis();
        versionsCommitted.inc();
        dataFilesCommitted.inc(files);
    }

    /**
     * Whether a partial version is due: the maximum interval is on and passed since the last
     * version.
     */
    private boolean intervalElapsed() {
        if (maxInterval.isZero()) {
            return false;
        }
        long since = lastCommitMillis > 0 ? lastCommitMillis : startedMillis;
        return System.currentTimeMillis() - since >= maxInterval.toMillis();
    }

    private static long ageSeconds(long sinceMillis) {
        return sinceMillis == 0 ? 0 : (System.currentTimeMillis() - sinceMillis) / 1000;
    }

    @Override
    public void close() throws Exception {
        if (tableLoader != null) {
            tableLoader.close();
        }
        super.close();
    }
}
