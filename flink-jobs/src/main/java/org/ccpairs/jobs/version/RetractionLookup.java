package org.ccpairs.jobs.version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.MetadataColumns;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.ccpairs.jobs.model.Retraction;

/**
 * Finds where pairs live in a snapshot of the dataset table: the data file and row position of
 * every live row with one of the given pair ids (rows already deleted are not found). The scan
 * prunes by the {@code pair_id} bloom filters the table writes, so a lookup reads little more than
 * the footers of the files it cannot rule out.
 */
final class RetractionLookup {
    private static final String PAIR_ID = "pair_id";

    /** A live row: its data file, its position in it, its pair id. */
    record Hit(DataFile file, long position, String pairId) {}

    private RetractionLookup() {}

    /** The live rows of {@code pairIds} in snapshot {@code snapshotId} of {@code table}. */
    static List<Hit> find(Table table, long snapshotId, Collection<String> pairIds) {
        if (pairIds.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new HashSet<>(pairIds);
        Expression filter = Expressions.in(PAIR_ID, wanted.toArray());
        Schema requested =
                new Schema(table.schema().findField(PAIR_ID), MetadataColumns.ROW_POSITION);
        List<Hit> hits = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks =
                table.newScan().useSnapshot(snapshotId).filter(filter).planFiles()) {
            for (FileScanTask task : tasks) {
                try (CloseableIterable<Record> rows = LiveRows.of(table, task, requested)) {
                    for (Record row : rows) {
                        String id = (String) row.getField(PAIR_ID);
                        if (wanted.contains(id)) {
                            hits.add(
                                    new Hit(
                                            task.file(),
                                            (Long)
                                                    row.getField(
                                                            MetadataColumns.ROW_POSITION.name()),
                                            id));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    /**
     * Which of {@code applied}, the retractions version snapshot {@code version} applied, removed a
     * pair: those whose pair was live just before it, or in a file it added. For events lost to a
     * failure right after the commit.
     */
    static List<Retraction> removedBy(Table table, Snapshot version, List<Retraction> applied) {
        if (applied.isEmpty()) {
            return List.of();
        }
        Set<String> ids = new HashSet<>();
        applied.forEach(r -> ids.add(r.pairId()));
        Set<String> found = new HashSet<>();
        Long parent = version.parentId();
        if (parent != null && table.snapshot(parent) != null) {
            find(table, parent, ids).forEach(h -> found.add(h.pairId()));
        }
        for (DataFile file : version.addedDataFiles(table.io())) {
            findIn(table, file, ids).forEach(h -> found.add(h.pairId()));
        }
        Map<String, Retraction> first = new LinkedHashMap<>();
        for (Retraction r : applied) {
            if (found.contains(r.pairId())) {
                first.putIfAbsent(r.pairId(), r);
            }
        }
        return new ArrayList<>(first.values());
    }

    /**
     * The rows of {@code pairIds} in {@code file}, a data file not committed yet (so no deletes
     * apply to it).
     */
    static List<Hit> findIn(Table table, DataFile file, Collection<String> pairIds) {
        if (pairIds.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new HashSet<>(pairIds);
        Schema read = new Schema(table.schema().findField(PAIR_ID), MetadataColumns.ROW_POSITION);
        List<Hit> hits = new ArrayList<>();
        try (CloseableIterable<Record> rows =
                Parquet.read(table.io().newInputFile(file.location()))
                        .project(read)
                        .filter(Expressions.in(PAIR_ID, wanted.toArray()))
                        .createReaderFunc(
                                fileSchema -> GenericParquetReaders.buildReader(read, fileSchema))
                        .build()) {
            for (Record row : rows) {
                String id = (String) row.getField(PAIR_ID);
                if (wanted.contains(id)) {
                    hits.add(
                            new Hit(
                                    file,
                                    (Long) row.getField(MetadataColumns.ROW_POSITION.name()),
                                    id));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }
}
