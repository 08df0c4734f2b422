package org.ccpairs.jobs.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Retraction;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.testing.DatasetFixture;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maintenance on a real table with five small versions, compacted by Iceberg's Flink rewrite on a
 * local environment: versions read exactly as before, the current snapshot has one file, expiry
 * never touches a kept version, and the committer numbers the next version right after it.
 */
class DatasetMaintenanceTest {
    @TempDir Path warehouse;

    private DatasetFixture dataset;
    private final Map<Long, List<String>> idsByVersion = new TreeMap<>();
    private TwoInputStreamOperatorTestHarness<
                    WrittenFiles, Either<Segment, Retraction>, DatasetVersionRecord>
            committer;

    @BeforeEach
    void fiveVersions() throws Exception {
        dataset = new DatasetFixture(warehouse);
        committer = committer();
        for (long seq = 1; seq <= 5; seq++) {
            commitSegment(seq);
        }
        for (Map.Entry<String, Long> tag : dataset.tags().entrySet()) {
            idsByVersion.put(
                    Long.parseLong(tag.getKey().substring(1)), dataset.pairIdsAt(tag.getValue()));
        }
        assertThat(idsByVersion).hasSize(5);
        assertThat(dataFilesNow()).as("one file per version before compaction").isEqualTo(5);
    }

    @Test
    void compactionLeavesEveryVersionAsItWasAndTheCurrentSnapshotInOneFile() throws Exception {
        DatasetMaintenance.Result result = maintenance().run(keepEveryVersion(128L << 20), local());

        assertThat(result.filesRewritten()).isEqualTo(5);
        assertThat(result.filesWritten()).isEqualTo(1);
        assertThat(result.versionsUntagged()).isEmpty();
        assertThat(dataFilesNow()).isEqualTo(1);
        assertThat(dataset.currentPairIds())
                .containsExactlyInAnyOrderElementsOf(idsByVersion.get(5L));
        assertVersionsReadAsBefore(List.of(1L, 2L, 3L, 4L, 5L));

        commitSegment(6);
        DatasetVersionRecord v6 = committer.extractOutputValues().get(5);
        assertThat(v6.version()).isEqualTo(6);
        assertThat(v6.pairsAdded()).isEqualTo(3);
        assertThat(v6.pairsTotal()).isEqualTo(18);
        List<String> added = new ArrayList<>();
        VersionDiff.of(versions(), "v5", "v6").addedIds(added::add);
        assertThat(added).as("the compaction between adds nothing").hasSize(3);
    }

    @Test
    void expiryRemovesOnlyVersionsPastTheRetentionAndNeverTheNewest() throws Exception {
        DatasetMaintenance.Result result =
                maintenance()
                        .run(
                                new DatasetMaintenance.Policy(Duration.ZERO, Duration.ZERO, 1, 0),
                                local());

        assertThat(result.versionsUntagged()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(result.snapshotsExpired()).isEqualTo(4);
        assertThat(result.filesRewritten()).as("compaction off").isZero();
        assertThat(dataset.tags()).containsOnlyKeys("v5");
        assertVersionsReadAsBefore(List.of(5L));
        assertThat(versions().list()).extracting(DatasetVersionRecord::version).containsExactly(5L);

        commitSegment(6);
        assertThat(committer.extractOutputValues().get(5).version()).isEqualTo(6);
    }

    @Test
    void compactionThenExpiryKeepsTaggedVersionsReadable() throws Exception {
        DatasetMaintenance maintenance = maintenance();
        maintenance.run(keepEveryVersion(128L << 20), local());
        commitSegment(6);
        DatasetMaintenance.Result second =
                maintenance.run(
                        new DatasetMaintenance.Policy(null, Duration.ZERO, 1, 128L << 20), local());

        assertThat(second.snapshotsExpired())
                .as("the first compaction's snapshot, no version's")
                .isEqualTo(1);
        assertThat(dataset.tags()).containsOnlyKeys("v1", "v2", "v3", "v4", "v5", "v6");
        assertVersionsReadAsBefore(List.of(1L, 2L, 3L, 4L, 5L));
        assertThat(versions().list()).hasSize(6);

        commitSegment(7);
        assertThat(committer.extractOutputValues().get(6).version())
                .as("numbered right after the newest version")
                .isEqualTo(7);
    }

    @AfterEach
    void closeCommitter() throws Exception {
        committer.close();
    }

    @Test
    void aPolicyMustKeepTheNewestSnapshot() {

        assertThatThrownBy(() -> new DatasetMaintenance.Policy(null, Duration.ZERO, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("newest snapshot");
    }

    private void assertVersionsReadAsBefore(List<Long> versions) {
        Map<String, Long> tags = dataset.tags();
        for (long v : versions) {
            assertThat(dataset.pairIdsAt(tags.get("v" + v)))
                    .as("v" + v)
                    .containsExactlyInAnyOrderElementsOf(idsByVersion.get(v));
        }
    }

    private static DatasetMaintenance.Policy keepEveryVersion(long targetFileBytes) {
        return new DatasetMaintenance.Policy(null, Duration.ofDays(7), 10, targetFileBytes);
    }

    private DatasetMaintenance maintenance() {
        return new DatasetMaintenance(dataset.table(), Clock.systemUTC());
    }

    private static StreamExecutionEnvironment local() {
        return StreamExecutionEnvironment.createLocalEnvironment(1);
    }

    private DatasetVersions versions() {
        return DatasetVersions.open(DatasetSettings.hadoop(warehouse.toUri().toString()));
    }

    private int dataFilesNow() throws Exception {
        Table table = dataset.table();
        int files = 0;
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask ignored : tasks) {
                files++;
            }
        }
        return files;
    }

    private TwoInputStreamOperatorTestHarness<
                    WrittenFiles, Either<Segment, Retraction>, DatasetVersionRecord>
            committer() throws Exception {
        var harness =
                new TwoInputStreamOperatorTestHarness<>(
                        new VersionCommitter(dataset.tableLoader(), "ccpairs.pairs"));
        harness.open();
        return harness;
    }

    private void commitSegment(long seq) throws Exception {
        List<Pair> pairs = TestPairs.pairs(seq, 3);
        committer.processElement2(Either.Left(TestPairs.segment(seq)), seq);
        for (WrittenFiles f : dataset.write(seq, pairs)) {
            committer.processElement1(f, seq);
        }
        committer.processWatermark1(new Watermark(seq));
        committer.processWatermark2(new Watermark(seq));
        committer.snapshot(seq, seq);
        committer.notifyOfCompletedCheckpoint(seq);
    }
}
