package org.ccpairs.jobs.safety;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.io.CloseableIterable;
import org.ccpairs.jobs.metrics.Metrics;
import org.ccpairs.jobs.model.Retraction;
import org.ccpairs.jobs.version.LiveRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes safety lists retroactive: published pairs that a list in force matches are retracted
 * (reason {@code SAFETY_LIST}, source {@code listId@version}); the version committer removes them
 * in the next version. Reads of the dataset table, each of five columns ({@code pair_id}, {@code
 * image_url}, {@code page_url}, and the image digests {@code link_image_sha256} and {@code
 * link_image_md5}), matched with the same {@link SafetyLists} as new pairs:
 *
 * <ul>
 *   <li>when an update adds entries: every row of the newest version, against the added entries;
 *   <li>when the task starts with a start-up list ({@link StartupLists}: a file or URL) whose
 *       content it has not applied before: every row of the newest version, against that list, as
 *       if the list had arrived as an update. Its content digest ({@link
 *       SafetyList#contentDigest()}) is remembered, so a restart with the same list reads nothing;
 *       a changed list is applied again as a whole;
 *   <li>every {@code safety.lists.recheck-interval}, and before each update: the rows of data files
 *       added since the last such read, against every list in force. This catches pairs that passed
 *       the safety-list stage before an update reached it but were committed after the first read.
 * </ul>
 *
 * <p>It keeps the lists updated from the topic, the digests of the start-up lists it applied and
 * the data sequence number read up to in operator state. A start-up list that an update from the
 * topic has replaced is not applied (the updated version is in force). A failing read fails the
 * task; after the restore the update is read again from the topic, and a start-up list whose read
 * did not finish before the last checkpoint is applied again. Must run with parallelism 1. Emits no
 * watermarks of its own beyond its input's, which is the final one (its source's watermark strategy
 * is {@link org.ccpairs.jobs.segments.NoEventTime}).
 */
public class RetroactiveMatcher extends AbstractStreamOperator<Retraction>
        implements OneInputStreamOperator<SafetyListUpdate, Retraction>, ProcessingTimeCallback {
    public static final String REASON = "SAFETY_LIST";

    private static final Logger LOG = LoggerFactory.getLogger(RetroactiveMatcher.class);
    private static final List<String> COLUMNS =
            List.of("pair_id", "image_url", "page_url", "link_image_sha256", "link_image_md5");

    private final TableLoader tableLoader;
    private final StartupLists startup;
    private final long recheckMillis;

    private transient Table table;
    private transient Map<String, SafetyList> atStart;
    private transient Map<String, SafetyList> updated;
    private transient ListState<String[]> listsState;
    private transient ListState<Long> checkedState;
    private transient ListState<String[]> startListsState;

    /** Start-up list id → digest of the content that was applied to published pairs. */
    private transient Map<String, String> appliedAtStart;

    /** Rows of data files with a data sequence number up to this one were checked; -1: none. */
    private transient long checkedSeq;

    private transient Counter rowsScanned;
    private transient Counter retractions;

    public RetroactiveMatcher(TableLoader tableLoader, StartupLists startup, Duration recheck) {
        this.tableLoader = tableLoader;
        this.startup = startup;
        this.recheckMillis = recheck.toMillis();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        listsState =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "retroactive-lists",
                                        BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO));
        checkedState =
                context.getOperatorStateStore()
                        .getListState(new ListStateDescriptor<>("retroactive-checked", Types.LONG));
        updated = new HashMap<>();
        for (String[] l : listsState.get()) {
            updated.put(l[0], SafetyList.fromState(l[0], Arrays.copyOfRange(l, 1, l.length)));
        }
        checkedSeq = -1;
        for (Long seq : checkedState.get()) {
            checkedSeq = seq;
        }
        startListsState =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "retroactive-start-lists",
                                        BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO));
        appliedAtStart = new HashMap<>();
        for (String[] applied : startListsState.get()) {
            appliedAtStart.put(applied[0], applied[1]);
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        atStart = startup.load();
        tableLoader.open();
        table = tableLoader.loadTable();
        if (checkedSeq < 0) {
            // a fresh start: what is published already was checked when it passed
            Snapshot current = table.currentSnapshot();
            checkedSeq = current == null ? 0 : current.sequenceNumber();
        }
        MetricGroup group = Metrics.ccpairs(getMetricGroup());
        rowsScanned = group.counter("blocklist_rows_scanned");
        retractions = group.counter("blocklist_retractions");
        applyStartupLists();
        schedule();
    }

    /**
     * Reads the newest version against the start-up lists whose content was not applied before,
     * then remembers the content of every start-up list; a list no longer configured is forgotten,
     * so configuring it again applies it again.
     */
    private void applyStartupLists() {
        Map<String, String> digests = new HashMap<>();
        List<SafetyList> fresh = new ArrayList<>();
        for (SafetyList l : atStart.values()) {
            String digest = l.contentDigest();
            digests.put(l.id(), digest);
            if (!digest.equals(appliedAtStart.get(l.id())) && !updated.containsKey(l.id())) {
                fresh.add(l);
            }
        }
        if (!fresh.isEmpty()) {
            table.refresh();
            Snapshot current = table.currentSnapshot();
            if (current != null) {
                LOG.info(
                        "applying start-up safety lists {} to the published pairs of snapshot {}",
                        fresh.stream().map(SafetyList::id).toList(),
                        current.snapshotId());
                read(current, -1, new SafetyLists(fresh), new HashSet<>());
            }
        }
        appliedAtStart = digests;
    }

    private void schedule() {
        getProcessingTimeService()
                .registerTimer(
                        getProcessingTimeService().getCurrentProcessingTime() + recheckMillis,
                        this);
    }

    @Override
    public void onProcessingTime(long time) throws IOException {
        recheck(new HashSet<>());
        schedule();
    }

    @Override
    public void processElement(StreamRecord<SafetyListUpdate> element) throws IOException {
        SafetyListUpdate update = element.getValue();
        if (update.isNone()) {
            return;
        }
        Set<String> retracted = new HashSet<>();
        Snapshot checked = recheck(retracted); // with the lists before the update
        SafetyList current =
                updated.getOrDefault(
                        update.listId(),
                        atStart.getOrDefault(update.listId(), SafetyList.empty(update.listId())));
        if (update.version() <= current.version()) {
            return;
        }
        updated.put(update.listId(), current.apply(update));
        if (update.added().length == 0 || checked == null) {
            return;
        }
        SafetyLists added =
                new SafetyLists(
                        List.of(
                                new SafetyList(
                                        update.listId(),
                                        update.version(),
                                        Set.of(update.added()))));
        read(checked, -1, added, retracted);
    }

    /**
     * Reads the rows added since the last recheck against every list in force.
     *
     * @return the snapshot read up to; null when the table has none
     */
    private Snapshot recheck(Set<String> retracted) {
        table.refresh();
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return null;
        }
        if (current.sequenceNumber() > checkedSeq) {
            Map<String, SafetyList> lists = new HashMap<>(atStart);
            lists.putAll(updated);
            SafetyLists all = new SafetyLists(new ArrayList<>(lists.values()));
            if (all.size() > 0) {
                read(current, checkedSeq, all, retracted);
            }
            checkedSeq = current.sequenceNumber();
        }
        return current;
    }

    /** Matches the live rows of {@code snapshot} in files newer than {@code afterSeq}. */
    private void read(Snapshot snapshot, long afterSeq, SafetyLists lists, Set<String> retracted) {
        Schema requested = table.schema().select(COLUMNS);
        long now = System.currentTimeMillis();
        try (CloseableIterable<FileScanTask> tasks =
                table.newScan().useSnapshot(snapshot.snapshotId()).planFiles()) {
            for (FileScanTask task : tasks) {
                Long seq = task.file().dataSequenceNumber();
                if (seq != null && seq <= afterSeq) {
                    continue;
                }
                try (CloseableIterable<Record> rows = LiveRows.of(table, task, requested)) {
                    for (Record row : rows) {
                        rowsScanned.inc();
                        match(row, lists, retracted, now, output::collect);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void match(
            Record row,
            SafetyLists lists,
            Set<String> retracted,
            long now,
            Consumer<StreamRecord<Retraction>> out) {
        SafetyLists.Match m =
                lists.match((String) row.getField("image_url"), (String) row.getField("page_url"));
        if (m == null && lists.hasImageEntries()) {
            m =
                    lists.matchImage(
                            (String) row.getField("link_image_sha256"),
                            (String) row.getField("link_image_md5"));
        }
        String pairId = (String) row.getField("pair_id");
        if (m != null && retracted.add(pairId)) {
            retractions.inc();
            out.accept(
                    new StreamRecord<>(
                            new Retraction(pairId, REASON, m.source(), m.detail(), now)));
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<String[]> lists = new ArrayList<>();
        for (SafetyList l : updated.values()) {
            String[] s = l.toState();
            String[] withId = new String[s.length + 1];
            withId[0] = l.id();
            System.arraycopy(s, 0, withId, 1, s.length);
            lists.add(withId);
        }
        listsState.update(lists);
        checkedState.update(List.of(checkedSeq));
        List<String[]> applied = new ArrayList<>();
        appliedAtStart.forEach((id, digest) -> applied.add(new String[] {id, digest}));
        startListsState.update(applied);
    }

    @Override
    public void close() throws Exception {
        try {
            tableLoader.close();
        } finally {
            super.close();
        }
    }
}
