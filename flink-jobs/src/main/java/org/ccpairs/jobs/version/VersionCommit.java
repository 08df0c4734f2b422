package org.ccpairs.jobs.version;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.flink.sink.WriteResultSerializer;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.RetractedPair;
import org.ccpairs.jobs.model.Retraction;
import org.ccpairs.jobs.model.Segment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits one dataset version: the data files of the segments it completes (and, for a version cut
 * by the maximum interval, of segments it holds in part) and the deletes of the pairs it retracts,
 * as one Iceberg snapshot with its {@link VersionSummary} properties, tagged {@code v<N>}, in one
 * transaction (so a version without its tag is never visible). The number is one more than the
 * table's newest version.
 *
 * <p>A retraction deletes every live row of its pair: in the table as it is, and in the files this
 * version adds (a pair can be retracted before the version that holds it is committed). The rows
 * are deleted with position deletes in the same snapshot; a retraction whose pair is nowhere is
 * reported as unmatched. If a concurrent commit (a compaction) rewrote a file the deletes point at,
 * the commit is validated against it, fails, and is tried again from a fresh lookup.
 */
final class VersionCommit {
    private static final Logger LOG = LoggerFactory.getLogger(VersionCommit.class);
    private static final int ATTEMPTS = 3;

    /** What the commit did; {@code version} is null when there was nothing to commit. */
    record Committed(
            DatasetVersionRecord version,
            List<RetractedPair> retracted,
            List<Retraction> unmatched) {}

    private final Table table;
    private final String tableName;
    private final String lineage;
    private final WriteResultSerializer serializer = new WriteResultSerializer();

    /**
     * @param tableName the table's identifier, as reported in version events
     * @param lineage the committing operator's lineage id
     */
    VersionCommit(Table table, String tableName, String lineage) {
        this.table = table;
        this.tableName = tableName;
        this.lineage = lineage;
    }

    /**
     * Commits the files and retractions of {@code completion} as the next version, at {@code
     * checkpointId}; commits nothing when it only holds retractions and none finds a pair.
     *
     * @throws IOException when a data file's metadata cannot be read back, or a delete file cannot
     *     be written
     * @throws org.apache.iceberg.exceptions.CommitFailedException when the catalog refuses the
     *     commit
     */
    Committed commit(long checkpointId, CommitterState.Completion completion) throws IOException {
        List<DataFile> dataFiles = new ArrayList<>();
        for (WrittenFiles f : completion.files()) {
            dataFiles.addAll(
                    List.of(
                            serializer
                                    .deserialize(f.serializerVersion(), f.writeResult())
                                    .dataFiles()));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(checkpointId, completion, dataFiles);
            } catch (ValidationException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warn(
                        "A concurrent commit conflicts with this version's deletes ({}); looking"
                                + " the retracted pairs up again",
                        e.getMessage());
            }
        }
    }

    private Committed attempt(
            long checkpointId, CommitterState.Completion completion, List<DataFile> dataFiles)
            throws IOException {
        table.refresh();
        Snapshot base = table.currentSnapshot();
        long version = VersionSummary.latestVersion(table) + 1;
        long previousTotal = VersionSummary.latestVersionTotal(table);

        Retractions found = lookUp(base, dataFiles, completion.retractions());
        if (dataFiles.isEmpty()
                && completion.complete().isEmpty()
                && completion.partial().isEmpty()
                && found.hits.isEmpty()) {
            return new Committed(null, List.of(), found.unmatched); // nothing would change
        }
        List<DeleteFile> deletes = RetractionDeletes.write(table, found.hits);
        long added = dataFiles.stream().mapToLong(DataFile::recordCount).sum();
        long removed = found.hits.size();

        Transaction txn = table.newTransaction();
        SnapshotUpdate<?> update;
        if (deletes.isEmpty()) {
            AppendFiles append = txn.newAppend();
            dataFiles.forEach(append::appendFile);
            update = append;
        } else {
            RowDelta delta = txn.newRowDelta();
            dataFiles.forEach(delta::addRows);
            deletes.forEach(delta::addDeletes);
            if (base != null) {
                delta.validateFromSnapshot(base.snapshotId());
            }
            delta.validateDataFilesExist(found.referencedFiles(dataFiles)).validateDeletedFiles();
            update = delta;
        }
        List<Segment> complete =
                completion.complete().stream()
                        .sorted(Comparator.comparingLong(Segment::seq))
                        .toList();
        Map<String, String> props = new LinkedHashMap<>();
        props.put(VersionSummary.VERSION, Long.toString(version));
        props.put(VersionSummary.LINEAGE, lineage);
        props.put(VersionSummary.CHECKPOINT_ID, Long.toString(checkpointId));
        props.put(VersionSummary.MAX_SEGMENT_SEQ, Long.toString(completion.maxCompleteSeq()));
        props.put(VersionSummary.SEGMENTS_COMPLETE, VersionSummary.encodeSegments(complete));
        props.put(
                VersionSummary.SEGMENTS_PARTIAL,
                VersionSummary.encodeSegments(completion.partial()));
        props.put(VersionSummary.PAIRS_ADDED, Long.toString(added));
        props.put(VersionSummary.PAIRS_TOTAL, Long.toString(previousTotal + added - removed));
        found.removedByReason.forEach(
                (reason, n) -> props.put(VersionSummary.REMOVED_PREFIX + reason, Long.toString(n)));
        if (!found.unmatched.isEmpty()) {
            props.put(
                    VersionSummary.RETRACTIONS_UNMATCHED, Integer.toString(found.unmatched.size()));
        }
        props.forEach(update::set);
        try {
            update.commit();
            long snapshotId = txn.table().currentSnapshot().snapshotId();
            txn.manageSnapshots().createTag("v" + version, snapshotId).commit();
            txn.commitTransaction();
        } catch (ValidationException e) {
            deletes.forEach(d -> table.io().deleteFile(d.location()));
            throw e;
        }
        table.refresh();
        Snapshot committed = table.snapshot(table.refs().get("v" + version).snapshotId());
        DatasetVersionRecord record = VersionSummary.toRecord(table, tableName, committed);
        List<RetractedPair> retracted =
                found.matched.stream()
                        .map(r -> new RetractedPair(r, version, committed.snapshotId()))
                        .toList();
        return new Committed(record, retracted, found.unmatched);
    }

    /**
     * Finds the rows of the retracted pairs: live rows of the table at {@code base}, and rows of
     * the files this version adds.
     */
    private Retractions lookUp(
            Snapshot base, List<DataFile> dataFiles, List<Retraction> retractions) {
        Retractions found = new Retractions();
        if (retractions.isEmpty()) {
            return found;
        }
        Map<String, Retraction> byPair = new HashMap<>();
        for (Retraction r : retractions) {
            byPair.putIfAbsent(r.pairId(), r); // the first request for a pair names the reason
        }
        if (base != null) {
            found.hits.addAll(RetractionLookup.find(table, base.snapshotId(), byPair.keySet()));
        }
        for (DataFile file : dataFiles) {
            found.hits.addAll(RetractionLookup.findIn(table, file, byPair.keySet()));
        }
        Set<String> hitPairs = new LinkedHashSet<>();
        for (RetractionLookup.Hit hit : found.hits) {
            hitPairs.add(hit.pairId());
            found.removedByReason.merge(byPair.get(hit.pairId()).reason(), 1L, Long::sum);
        }
        for (Retraction r : byPair.values()) {
            (hitPairs.contains(r.pairId()) ? found.matched : found.unmatched).add(r);
        }
        return found;
    }

    /** The rows a version's retractions delete, and which retractions found nothing. */
    private static final class Retractions {
        final List<RetractionLookup.Hit> hits = new ArrayList<>();
        final Map<String, Long> removedByReason = new TreeMap<>();
        final List<Retraction> matched = new ArrayList<>();
        final List<Retraction> unmatched = new ArrayList<>();

        /** The committed data files the deletes point at (not those this version adds). */
        List<CharSequence> referencedFiles(List<DataFile> adding) {
            Set<String> added = new HashSet<>();
            adding.forEach(f -> added.add(f.location()));
            Set<CharSequence> referenced = new LinkedHashSet<>();
            for (RetractionLookup.Hit hit : hits) {
                if (!added.contains(hit.file().location())) {
                    referenced.add(hit.file().location());
                }
            }
            return new ArrayList<>(referenced);
        }
    }
}
