package org.ccpairs.jobs.version;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.WriteResultSerializer;
import org.ccpairs.jobs.metrics.Metrics;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.Segment;

/**
 * Cuts dataset versions: when a checkpoint completes and one or more segments have become complete,
 * it commits their data files as one Iceberg snapshot, tags it {@code v<N>}, and emits the version
 * event.
 *
 * <p>Input 1 carries the writers' closed files, input 2 the segments as the sequencer starts them.
 * A segment is complete when the watermark (which counts segments, see {@code SegmentSequencer})
 * has reached its sequence number; all of its files then belong to this or an earlier checkpoint.
 * Files of segments not yet complete wait in state, so a version holds exactly the segments it
 * lists.
 *
 * <p>Exactly once: the table is the source of truth. Each version snapshot records its number, this
 * operator's lineage id, the checkpoint and the highest segment it completed ({@link
 * VersionSummary}). After a restore, versions this lineage committed but whose effects the restored
 * state does not know are not committed again, and their events are emitted again when the restored
 * state had not emitted them; the exactly-once Kafka sink downstream drops events of a failed
 * attempt. Must run with parallelism 1.
 */
public class VersionCommitter extends AbstractStreamOperator<DatasetVersionRecord>
        implements TwoInputStreamOperator<WrittenFiles, Segment, DatasetVersionRecord> {
    private final TableLoader tableLoader;
    private final String tableName;

    private transient ListState<WrittenFiles> pendingState;
    private transient ListState<Segment> openSegmentsState;
    private transient ListState<Long> marksState;
    private transient ListState<String> lineageState;
    private transient ListState<Long> lastEmittedState;
    private transient ListState<Long> watermarkState;

    private transient List<WrittenFiles> pending;
    private transient NavigableMap<Long, Segment> openSegments;

    /**
     * Watermark seen at each checkpoint not yet acted on: checkpoint id, watermark, alternating.
     */
    private transient NavigableMap<Long, Long> watermarkAtCheckpoint;

    private transient String lineage;
    private transient long lastEmittedVersion;
    private transient long watermark;

    /** The highest segment sequence a version of this lineage holds; later copies are replays. */
    private transient long committedUpTo;

    /** Commit time of the newest version in the table, 0 when it has none. */
    private transient long lastCommitMillis;

    private transient List<DatasetVersionRecord> toReemit;

    private transient Table table;
    private transient WriteResultSerializer serializer;
    private transient Counter versionsCommitted;

    /**
     * @param tableLoader the dataset table, which must exist
     * @param tableName its identifier in the catalog, as reported in version events
     */
    public VersionCommitter(TableLoader tableLoader, String tableName) {
        this.tableLoader = tableLoader;
        this.tableName = tableName;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        var store = context.getOperatorStateStore();
        pendingState =
                store.getListState(
                        new ListStateDescriptor<>(
                                "pending-files", TypeInformation.of(WrittenFiles.class)));
        openSegmentsState =
                store.getListState(
                        new ListStateDescriptor<>(
                                "open-segments", TypeInformation.of(Segment.class)));
        marksState =
                store.getListState(new ListStateDescriptor<>("checkpoint-watermarks", Types.LONG));
        lineageState = store.getListState(new ListStateDescriptor<>("lineage", Types.STRING));
        lastEmittedState =
                store.getListState(new ListStateDescriptor<>("last-emitted-version", Types.LONG));
        watermarkState = store.getListState(new ListStateDescriptor<>("watermark", Types.LONG));

        pending = new ArrayList<>();
        pendingState.get().forEach(pending::add);
        openSegments = new TreeMap<>();
        openSegmentsState.get().forEach(s -> openSegments.put(s.seq(), s));
        watermarkAtCheckpoint = new TreeMap<>();
        Iterator<Long> marks = marksState.get().iterator();
        while (marks.hasNext()) {
            watermarkAtCheckpoint.put(marks.next(), marks.next());
        }
        lineage = null;
        for (String l : lineageState.get()) {
            lineage = l;
        }
        if (lineage == null) {
            lineage = UUID.randomUUID().toString();
        }
        lastEmittedVersion = 0;
        for (Long v : lastEmittedState.get()) {
            lastEmittedVersion = v;
        }
        // Upstream sends a watermark only with the next announcement: without restoring it, a
        // segment
        // complete at the restored checkpoint would wait for the next segment.
        watermark = Long.MIN_VALUE;
        for (Long w : watermarkState.get()) {
            watermark = Math.max(watermark, w);
        }
        committedUpTo = 0;

        tableLoader.open();
        table = tableLoader.loadTable();
        toReemit = new ArrayList<>();
        lastCommitMillis = VersionSummary.latestVersionCommitMillis(table);
        if (context.isRestored()) {
            reconcileWithTable();
        }
    }

    /**
     * Forgets what versions of this lineage already hold, in the restored state and in what a
     * replay after an older restore point sends again, and finds the events to emit again.
     */
    private void reconcileWithTable() {
        long maxCommittedSeq = 0;
        for (Snapshot s : VersionSummary.versionsOf(table, lineage, 0)) {
            maxCommittedSeq =
                    Math.max(
                            maxCommittedSeq,
                            Long.parseLong(s.summary().get(VersionSummary.MAX_SEGMENT_SEQ)));
            DatasetVersionRecord record = VersionSummary.toRecord(table, tableName, s);
            if (record.version() > lastEmittedVersion) {
                toReemit.add(record);
            }
        }
        committedUpTo = maxCommittedSeq;
        pending.removeIf(f -> f.segmentSeq() <= committedUpTo);
        openSegments.headMap(committedUpTo, true).clear();
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
        serializer = new WriteResultSerializer();
        versionsCommitted = Metrics.ccpairs(getMetricGroup()).counter("versions_committed");
        Metrics.ccpairs(getMetricGroup()).gauge("last_version", () -> lastEmittedVersion);
        Metrics.ccpairs(getMetricGroup()).gauge("segments_open", () -> openSegments.size());
        Metrics.ccpairs(getMetricGroup()).gauge("pending_data_files", () -> pending.size());
        // the two freshness numbers: how long the oldest open segment waits, how old the data is
        Metrics.ccpairs(getMetricGroup())
                .gauge("oldest_open_segment_age_seconds", this::oldestOpenSegmentAge);
        Metrics.ccpairs(getMetricGroup())
                .gauge(
                        "last_version_age_seconds",
                        () ->
                                lastCommitMillis == 0
                                        ? 0
                                        : (System.currentTimeMillis() - lastCommitMillis) / 1000);
        for (DatasetVersionRecord record : toReemit) {
            output.collect(new StreamRecord<>(record));
            lastEmittedVersion = record.version();
        }
        toReemit.clear();
    }

    @Override
    public void processElement1(StreamRecord<WrittenFiles> element) {
        if (element.getValue().segmentSeq() > committedUpTo) {
            pending.add(element.getValue());
        }
    }

    @Override
    public void processElement2(StreamRecord<Segment> element) {
        Segment segment = element.getValue();
        if (segment.seq() > committedUpTo) {
            openSegments.put(segment.seq(), segment);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = Math.max(watermark, mark.getTimestamp());
        super.processWatermark(mark);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        watermarkAtCheckpoint.put(context.getCheckpointId(), watermark);
        pendingState.update(pending);
        openSegmentsState.update(new ArrayList<>(openSegments.values()));
        List<Long> marks = new ArrayList<>();
        watermarkAtCheckpoint.forEach(
                (checkpoint, wm) -> {
                    marks.add(checkpoint);
                    marks.add(wm);
                });
        marksState.update(marks);
        lineageState.update(List.of(lineage));
        lastEmittedState.update(List.of(lastEmittedVersion));
        watermarkState.update(List.of(watermark));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        Map.Entry<Long, Long> mark = watermarkAtCheckpoint.floorEntry(checkpointId);
        if (mark == null) {
            return;
        }
        long completeUpTo = mark.getValue();
        watermarkAtCheckpoint.headMap(checkpointId, true).clear();
        List<Segment> completed =
                new ArrayList<>(openSegments.headMap(completeUpTo, true).values());
        if (completed.isEmpty()) {
            return;
        }
        long maxSeq = completed.get(completed.size() - 1).seq();
        List<WrittenFiles> files = new ArrayList<>();
        for (WrittenFiles f : pending) {
            if (f.segmentSeq() <= maxSeq) {
                files.add(f);
            }
        }
        DatasetVersionRecord record = commit(checkpointId, completed, files);
        pending.removeAll(files);
        openSegments.headMap(maxSeq, true).clear();
        committedUpTo = maxSeq;
        output.collect(new StreamRecord<>(record));
        lastEmittedVersion = record.version();
        lastCommitMillis = record.committedAtMillis();
        versionsCommitted.inc();
    }

    private DatasetVersionRecord commit(
            long checkpointId, List<Segment> completed, List<WrittenFiles> files) throws Exception {
        table.refresh();
        long version = VersionSummary.latestVersion(table) + 1;
        completed.sort(Comparator.comparingLong(Segment::seq));
        Transaction txn = table.newTransaction();
        AppendFiles append = txn.newAppend();
        for (WrittenFiles f : files) {
            for (DataFile dataFile :
                    serializer.deserialize(f.serializerVersion(), f.writeResult()).dataFiles()) {
                append.appendFile(dataFile);
            }
        }
        append.set(VersionSummary.VERSION, Long.toString(version))
                .set(VersionSummary.LINEAGE, lineage)
                .set(VersionSummary.CHECKPOINT_ID, Long.toString(checkpointId))
                .set(
                        VersionSummary.MAX_SEGMENT_SEQ,
                        Long.toString(completed.get(completed.size() - 1).seq()))
                .set(VersionSummary.SEGMENTS_COMPLETE, VersionSummary.encodeSegments(completed))
                .commit();
        long snapshotId = txn.table().currentSnapshot().snapshotId();
        txn.manageSnapshots().createTag("v" + version, snapshotId).commit();
        txn.commitTransaction();
        table.refresh();
        DatasetVersionRecord record =
                VersionSummary.toRecord(table, tableName, table.snapshot(snapshotId));
        LOG.info(
                "Committed dataset version {} (snapshot {}): {} pairs added, segments {}",
                version,
                snapshotId,
                record.pairsAdded(),
                completed.stream().map(Segment::label).toList());
        return record;
    }

    private long oldestOpenSegmentAge() {
        long oldest = Long.MAX_VALUE;
        for (Segment s : openSegments.values()) {
            if (s.announcedAtMillis() > 0) {
                oldest = Math.min(oldest, s.announcedAtMillis());
            }
        }
        return oldest == Long.MAX_VALUE ? 0 : (System.currentTimeMillis() - oldest) / 1000;
    }

    @Override
    public void close() throws Exception {
        if (tableLoader != null) {
            tableLoader.close();
        }
        super.close();
    }
}
