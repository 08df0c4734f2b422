package org.ccpairs.jobs.version;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.flink.sink.WriteResultSerializer;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.Segment;

/**
 * Commits one dataset version: the data files of the segments it completes (and, for a version cut
 * by the maximum interval, of segments it holds in part), as one Iceberg snapshot with its {@link
 * VersionSummary} properties, tagged {@code v<N>}, in one transaction (so a version without its tag
 * is never visible). The number is one more than the table's newest version.
 */
final class VersionCommit {
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
     * Commits the files of {@code completion} as the next version, at {@code checkpointId}.
     *
     * @throws IOException when a data file's metadata cannot be read back
     * @throws org.apache.iceberg.exceptions.CommitFailedException when the catalog refuses the
     *     commit
     */
    DatasetVersionRecord commit(long checkpointId, CommitterState.Completion completion)
            throws IOException {
        table.refresh();
        long version = VersionSummary.latestVersion(table) + 1;
        List<Segment> complete =
                completion.complete().stream()
                        .sorted(Comparator.comparingLong(Segment::seq))
                        .toList();
        Transaction txn = table.newTransaction();
        AppendFiles append = txn.newAppend();
        for (WrittenFiles f : completion.files()) {
            for (DataFile dataFile :
                    serializer.deserialize(f.serializerVersion(), f.writeResult()).dataFiles()) {
                append.appendFile(dataFile);
            }
        }
        append.set(VersionSummary.VERSION, Long.toString(version))
                .set(VersionSummary.LINEAGE, lineage)
                .set(VersionSummary.CHECKPOINT_ID, Long.toString(checkpointId))
                .set(VersionSummary.MAX_SEGMENT_SEQ, Long.toString(completion.maxCompleteSeq()))
                .set(VersionSummary.SEGMENTS_COMPLETE, VersionSummary.encodeSegments(complete))
                .set(
                        VersionSummary.SEGMENTS_PARTIAL,
                        VersionSummary.encodeSegments(completion.partial()))
                .commit();
        long snapshotId = txn.table().currentSnapshot().snapshotId();
        txn.manageSnapshots().createTag("v" + version, snapshotId).commit();
        txn.commitTransaction();
        table.refresh();
        return VersionSummary.toRecord(table, tableName, table.snapshot(snapshotId));
    }
}
