package org.ccpairs.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.io.CloseableIterable;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.version.DatasetSettings;
import org.ccpairs.jobs.version.DatasetTable;
import org.ccpairs.jobs.version.DatasetWriter;
import org.ccpairs.jobs.version.WrittenFiles;

/** A real, empty dataset table in a Hadoop-catalog warehouse folder (a JUnit {@code @TempDir}). */
public final class DatasetFixture {
    public static final long TARGET_FILE_SIZE = 128L << 20;

    private final DatasetSettings settings;
    private final Catalog catalog;

    public DatasetFixture(Path warehouse) {
        settings = DatasetSettings.hadoop(warehouse.toUri().toString());
        catalog = settings.catalogLoader().loadCatalog();
        DatasetTable.ensure(catalog, settings.tableIdentifier());
    }

    /** A new loader: operators close the one they are given. */
    public TableLoader tableLoader() {
        return settings.tableLoader();
    }

    /** The table as it is now in the catalog. */
    public Table table() {
        return catalog.loadTable(settings.tableIdentifier());
    }

    /** The pair ids in snapshot {@code snapshotId}, one per row (duplicates show up twice). */
    public List<String> pairIdsAt(long snapshotId) {
        return rowsAt(snapshotId).stream().map(r -> (String) r.getField("pair_id")).toList();
    }

    /** The rows in snapshot {@code snapshotId}. */
    public List<Record> rowsAt(long snapshotId) {
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> it =
                IcebergGenerics.read(table()).useSnapshot(snapshotId).build()) {
            it.forEach(rows::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The pair ids at the table's current snapshot; empty when it has none. */
    public List<String> currentPairIds() {
        Table table = table();
        return table.currentSnapshot() == null
                ? List.of()
                : pairIdsAt(table.currentSnapshot().snapshotId());
    }

    /** Tag name to snapshot id, sorted by name. */
    public Map<String, Long> tags() {
        Map<String, Long> tags = new TreeMap<>();
        table().refs()
                .forEach(
                        (name, ref) -> {
                            if (ref.isTag()) {
                                tags.put(name, ref.snapshotId());
                            }
                        });
        return tags;
    }

    /** How many snapshots the table has. */
    public int snapshotCount() {
        int n = 0;
        for (var ignored : table().snapshots()) {
            n++;
        }
        return n;
    }

    /**
     * What a real {@link DatasetWriter} hands on at checkpoint {@code checkpointId} after writing
     * {@code pairs}: closed data files of the table, one {@link WrittenFiles} per segment, not yet
     * committed.
     */
    public List<WrittenFiles> write(long checkpointId, List<Pair> pairs) throws Exception {
        try (OneInputStreamOperatorTestHarness<Pair, WrittenFiles> writer =
                new OneInputStreamOperatorTestHarness<>(
                        new DatasetWriter(tableLoader(), TARGET_FILE_SIZE))) {
            writer.open();
            for (Pair p : pairs) {
                writer.processElement(p, p.segmentSeq());
            }
            writer.prepareSnapshotPreBarrier(checkpointId);
            return writer.extractOutputValues();
        }
    }
}
