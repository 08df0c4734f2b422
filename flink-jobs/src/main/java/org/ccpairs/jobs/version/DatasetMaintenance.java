package org.ccpairs.jobs.version;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.ManageSnapshots;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.RewriteDataFilesActionResult;
import org.apache.iceberg.flink.actions.Actions;
import org.ccpairs.jobs.model.DatasetVersionRecord;

/**
 * Upkeep of the dataset table, run now and then beside the job (a Kubernetes CronJob, or {@code
 * ccpairs versions maintain}): compacts the small files that frequent version commits produce, and
 * expires old snapshots without ever losing a version that is still within the retention policy.
 *
 * <p>What it changes, in order:
 *
 * <ol>
 *   <li>With a {@linkplain Policy#versionRetention() version retention}, the tags {@code vN} of
 *       versions committed longer ago than that are removed, except the newest version's. Without
 *       one (the default), every version is kept.
 *   <li>Compaction rewrites the current snapshot's data files into files of about {@linkplain
 *       Policy#targetFileBytes() the target size} (Iceberg's Flink rewrite action; a {@code
 *       replace} snapshot that adds and removes no pairs). Versions already tagged keep the files
 *       they were committed with, so they read exactly as before; versions after it build on the
 *       compacted files.
 *   <li>Snapshots older than {@linkplain Policy#snapshotAge() the snapshot age} are expired and the
 *       files only they referenced deleted. Iceberg never expires a snapshot a tag points to, so a
 *       version whose tag is kept stays readable, whatever its age.
 * </ol>
 *
 * <p>The job may commit while this runs: Iceberg's optimistic commits retry on the newer metadata,
 * and a rewrite that conflicts with a version's deletes fails without changing the table (run it
 * again later).
 */
public final class DatasetMaintenance {
    /**
     * What to keep.
     *
     * @param versionRetention versions committed longer ago lose their tag; null keeps every
     *     version
     * @param snapshotAge untagged snapshots older than this are expired
     * @param retainLastSnapshots this many of the newest snapshots are kept whatever their age
     * @param targetFileBytes compaction writes files of about this size; 0 skips compaction
     */
    public record Policy(
            Duration versionRetention,
            Duration snapshotAge,
            int retainLastSnapshots,
            long targetFileBytes) {
        public Policy {
            if (versionRetention != null && versionRetention.isNegative()) {
                throw new IllegalArgumentException("version retention must not be negative");
            }
            if (snapshotAge.isNegative()) {
                throw new IllegalArgumentException("snapshot age must not be negative");
            }
            if (retainLastSnapshots < 1) {
                throw new IllegalArgumentException("at least the newest snapshot must be retained");
            }
            if (targetFileBytes < 0) {
                throw new IllegalArgumentException("target file size must not be negative");
            }
        }
    }

    /** What a run did. */
    public record Result(
            List<Long> versionsUntagged,
            int filesRewritten,
            int filesWritten,
            int snapshotsExpired,
            long millis) {}

    private final Table table;
    private final Clock clock;

    public DatasetMaintenance(Table table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /**
     * Runs every step of {@code policy}; compaction runs as a Flink batch job on {@code env}.
     *
     * @throws org.apache.iceberg.exceptions.CommitFailedException when a commit conflicts beyond
     *     Iceberg's retries
     */
    public Result run(Policy policy, StreamExecutionEnvironment env) {
        long start = System.nanoTime();
        List<Long> untagged = untagOldVersions(policy.versionRetention());
        int rewritten = 0;
        int written = 0;
        if (policy.targetFileBytes() > 0) {
            table.refresh();
            if (table.currentSnapshot() != null) {
                RewriteDataFilesActionResult compacted =
                        Actions.forTable(env, table)
                                .rewriteDataFiles()
                                .targetSizeInBytes(policy.targetFileBytes())
                                .execute();
                rewritten = compacted.deletedDataFiles().size();
                written = compacted.addedDataFiles().size();
            }
        }
        int expired = expireSnapshots(policy.snapshotAge(), policy.retainLastSnapshots());
        return new Result(
                untagged, rewritten, written, expired, (System.nanoTime() - start) / 1_000_000);
    }

    private List<Long> untagOldVersions(Duration retention) {
        List<Long> untagged = new ArrayList<>();
        if (retention == null) {
            return untagged;
        }
        table.refresh();
        List<DatasetVersionRecord> versions =
                VersionSummary.versionsOf(table, null, 0).stream()
                        .map(s -> VersionSummary.toRecord(table, table.name(), s))
                        .toList();
        long cutoff = clock.millis() - retention.toMillis();
        ManageSnapshots tags = table.manageSnapshots();
        for (int i = 0; i < versions.size() - 1; i++) { // the newest version always stays
            DatasetVersionRecord v = versions.get(i);
            String tag = "v" + v.version();
            if (v.committedAtMillis() < cutoff && table.refs().containsKey(tag)) {
                tags.removeTag(tag);
                untagged.add(v.version());
            }
        }
        if (!untagged.isEmpty()) {
            tags.commit();
        }
        return untagged;
    }

    private int expireSnapshots(Duration age, int retainLast) {
        table.refresh();
        AtomicInteger expired = new AtomicInteger();
        List<Long> before = new ArrayList<>();
        for (Snapshot s : table.snapshots()) {
            before.add(s.snapshotId());
        }
        table.expireSnapshots()
                .expireOlderThan(clock.millis() - age.toMillis())
                .retainLast(retainLast)
                .cleanExpiredFiles(true)
                .commit();
        table.refresh();
        for (Long id : before) {
            if (table.snapshot(id) == null) {
                expired.incrementAndGet();
            }
        }
        return expired.get();
    }
}
