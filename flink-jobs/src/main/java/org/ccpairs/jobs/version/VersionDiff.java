package org.ccpairs.jobs.version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.ccpairs.jobs.model.DatasetVersionRecord;

/**
 * What changed from version A to a later version B: the pairs added and removed, counted (removals
 * by reason) from the versions' metadata, and listed from the table itself.
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

    /** Passes the id of every pair added, reading only the data files appended in between. */
    public void addedIds(Consumer<String> sink) {
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(versions.table())
                        .appendsBetween(from.snapshotId(), to.snapshotId())
                        .select("pair_id")
                        .build()) {
            rows.forEach(r -> sink.accept((String) r.getField("pair_id")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Passes the id of every pair removed. When no version in between removed anything this reads
     * nothing; otherwise it compares the pair ids of both versions.
     */
    public void removedIds(Consumer<String> sink) {
        if (between.stream().allMatch(v -> v.pairsRemoved() == 0)) {
            return;
        }
        Set<String> after = ids(versions.table().snapshot(to.snapshotId()));
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(versions.table())
                        .useSnapshot(from.snapshotId())
                        .select("pair_id")
                        .build()) {
            for (Record r : rows) {
                String id = (String) r.getField("pair_id");
                if (!after.contains(id)) {
                    sink.accept(id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Set<String> ids(Snapshot snapshot) {
        Set<String> ids = new HashSet<>();
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(versions.table())
                        .useSnapshot(snapshot.snapshotId())
                        .select("pair_id")
                        .build()) {
            rows.forEach(r -> ids.add((String) r.getField("pair_id")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }
}
