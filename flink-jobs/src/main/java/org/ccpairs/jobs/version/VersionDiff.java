package org.ccpairs.jobs.version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.ccpairs.jobs.model.DatasetVersionRecord;

/**
 * What changed from version A to a later version B: the pairs added and removed, counted (removals
 * by reason) from the versions' metadata, and listed from the table itself. Listed, "added" means
 * in B and not in A, "removed" in A and not in B: what a reader holding A does to get B.
 */
public final class VersionDiff {
    private final DatasetVersions versions;
    private final DatasetVersionRecord from;
    private final DatasetVersionRecord to;
    private final List<DatasetVersionRecord> between;

    private VersionDiff(
            DatasetVersions versions, DatasetVersionRecord from, DatasetVersionRecord to) {
        this.versions = versions;
        this.from = from;
        this.to = to;
        this.between =
                versions.list().stream()
                        .filter(v -> v.version() > from.version() && v.version() <= to.version())
                        .toList();
    }

    /**
     * The diff from {@code from} to {@code to}.
     *
     * @throws IllegalArgumentException for unknown versions, or when {@code to} is not after {@code
     *     from}
     */
    public static VersionDiff of(DatasetVersions versions, String from, String to) {
        DatasetVersionRecord a = versions.get(from);
        DatasetVersionRecord b = versions.get(to);
        if (b.version() <= a.version()) {
            throw new IllegalArgumentException(
                    "the second version must come after the first: v"
                            + a.version()
                            + " to v"
                            + b.version());
        }
        return new VersionDiff(versions, a, b);
    }

    public DatasetVersionRecord from() {
        return from;
    }

    public DatasetVersionRecord to() {
        return to;
    }

    /** The versions after {@code from} up to and including {@code to}. */
    public List<DatasetVersionRecord> versions() {
        return between;
    }

    public long added() {
        return between.stream().mapToLong(DatasetVersionRecord::pairsAdded).sum();
    }

    public Map<String, Long> removedByReason() {
        Map<String, Long> removed = new TreeMap<>();
        between.forEach(
                v -> v.pairsRemovedByReason().forEach((r, n) -> removed.merge(r, n, Long::sum)));
        return removed;
    }

    /**
     * Passes the id of every pair in {@code to} that is not in {@code from}. When the versions in
     * between only added pairs and nothing else touched the table (no compaction), that is the rows
     * of the data files they added, and only those are read; otherwise both versions' ids are
     * compared.
     */
    public void addedIds(Consumer<String> sink) {
        List<DataFile> added = filesAddedOnlyByVersions();
        if (added == null) {
            Set<String> before = ids(from.snapshotId());
            forEachId(
                    to.snapshotId(),
                    id -> {
                        if (!before.contains(id)) {
                            sink.accept(id);
                        }
                    });
            return;
        }
        Schema pairId = new Schema(versions.table().schema().findField("pair_id"));
        for (DataFile file : added) {
            try (CloseableIterable<Record> rows =
                    Parquet.read(versions.table().io().newInputFile(file.location()))
                            .project(pairId)
                            .createReaderFunc(
                                    fileSchema ->
                                            GenericParquetReaders.buildReader(pairId, fileSchema))
                            .build()) {
                rows.forEach(r -> sink.accept((String) r.getField("pair_id")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The data files the versions after {@code from} up to {@code to} added, when those versions
     * are the only snapshots in between and none of them removed anything; null otherwise.
     */
    private List<DataFile> filesAddedOnlyByVersions() {
        if (between.stream().anyMatch(v -> v.pairsRemoved() > 0)) {
            return null;
        }
        Table table = versions.table();
        List<DataFile> files = new ArrayList<>();
        Snapshot s = table.snapshot(to.snapshotId());
        while (s != null && s.snapshotId() != from.snapshotId()) {
            if (s.summary().get(VersionSummary.VERSION) == null) {
                return null; // a compaction or another writer's commit
            }
            s.addedDataFiles(table.io()).forEach(files::add);
            s = s.parentId() == null ? null : table.snapshot(s.parentId());
        }
        return s == null ? null : files;
    }

    /**
     * Passes the id of every pair in {@code from} that is not in {@code to}. When no version in
     * between removed anything this reads nothing; otherwise it compares both versions' ids.
     */
    public void removedIds(Consumer<String> sink) {
        if (between.stream().allMatch(v -> v.pairsRemoved() == 0)) {
            return;
        }
        Set<String> after = ids(to.snapshotId());
        forEachId(
                from.snapshotId(),
                id -> {
                    if (!after.contains(id)) {
                        sink.accept(id);
                    }
                });
    }

    private Set<String> ids(long snapshotId) {
        Set<String> ids = new HashSet<>();
        forEachId(snapshotId, ids::add);
        return ids;
    }

    /** Passes the id of every live row of snapshot {@code snapshotId}. */
    private void forEachId(long snapshotId, Consumer<String> sink) {
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(versions.table())
                        .useSnapshot(snapshotId)
                        .select("pair_id")
                        .build()) {
            rows.forEach(r -> sink.accept((String) r.getField("pair_id")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
