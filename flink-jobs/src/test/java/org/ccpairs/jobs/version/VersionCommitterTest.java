package org.ccpairs.jobs.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.testing.DatasetFixture;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link VersionCommitter} under a two-input harness against a real Iceberg table, fed with data
 * files a real {@link DatasetWriter} wrote. Input 1 carries the writers' files, input 2 the
 * segments; a watermark of {@code n} on both inputs means segments up to {@code n} are complete. A
 * checkpoint is {@code snapshot(c)} followed by {@code notifyOfCompletedCheckpoint(c)}; a failure
 * is simulated by restoring a new harness from an earlier snapshot against the same table.
 */
class VersionCommitterTest {
    @TempDir Path warehouse;

    private final Segment segment1 = TestPairs.segment(1);
    private final Segment segment2 = TestPairs.segment(2);
    private final List<Pair> pairs1 = TestPairs.pairs(1, 3);
    private final List<Pair> pairs2 = TestPairs.pairs(2, 2);

    private DatasetFixture dataset;
    private List<WrittenFiles> files1;
    private List<WrittenFiles> files2;

    @BeforeEach
    void writeFiles() throws Exception {
        dataset = new DatasetFixture(warehouse);
        files1 = dataset.write(1, pairs1);
        files2 = dataset.write(1, pairs2);
    }

    @Test
    void aVersionHoldsExactlyTheSegmentsTheWatermarkCompleted() throws Exception {
        try (var committer = committer()) {
            committer.open();
            committer.startSegments(segment1, segment2);
            committer.send(files1);
            committer.send(files2);
            committer.watermark(1);

            committer.checkpoint(1);

            Table table = dataset.table();
            assertThat(committer.versions()).hasSize(1);
            DatasetVersionRecord v1 = committer.versions().get(0);
            Snapshot snapshot1 = table.snapshot(v1.snapshotId());
            assertThat(v1)
                    .isEqualTo(
                            new DatasetVersionRecord(
                                    1,
                                    "ccpairs.pairs",
                                    table.location(),
                                    snapshot1.snapshotId(),
                                    snapshot1.timestampMillis(),
                                    List.of(segment1),
                                    3,
                                    3));
            assertThat(dataset.tags()).isEqualTo(Map.of("v1", v1.snapshotId()));
            assertThat(dataset.pairIdsAt(v1.snapshotId()))
                    .containsExactlyInAnyOrderElementsOf(ids(pairs1));
            assertThat(snapshot1.summary())
                    .containsEntry(VersionSummary.VERSION, "1")
                    .containsEntry(VersionSummary.CHECKPOINT_ID, "1")
                    .containsEntry(VersionSummary.MAX_SEGMENT_SEQ, "1")
                    .containsKey(VersionSummary.LINEAGE);

            // segment 2's files wait: another checkpoint without a new watermark commits nothing
            committer.checkpoint(2);
            assertThat(committer.versions()).hasSize(1);
            assertThat(dataset.snapshotCount()).isEqualTo(1);

            committer.watermark(2);
            committer.checkpoint(3);

            table = dataset.table();
            assertThat(committer.versions()).hasSize(2);
            DatasetVersionRecord v2 = committer.versions().get(1);
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v2.segmentsComplete()).containsExactly(segment2);
            assertThat(v2.pairsAdded()).isEqualTo(2);
            assertThat(v2.pairsTotal()).isEqualTo(5);
            assertThat(dataset.tags())
                    .isEqualTo(Map.of("v1", v1.snapshotId(), "v2", v2.snapshotId()));
            assertThat(dataset.pairIdsAt(v2.snapshotId()))
                    .containsExactlyInAnyOrderElementsOf(ids(pairs1, pairs2));
            assertThat(dataset.pairIdsAt(v1.snapshotId()))
                    .as("v1 is immutable")
                    .containsExactlyInAnyOrderElementsOf(ids(pairs1));
            assertThat(table.snapshot(v2.snapshotId()).summary())
                    .containsEntry(VersionSummary.CHECKPOINT_ID, "3")
                    .containsEntry(
                            VersionSummary.LINEAGE,
                            snapshot1.summary().get(VersionSummary.LINEAGE));
        }
    }

    @Test
    void segmentsCompletedByTheSameCheckpointShareOneVersion() throws Exception {
        try (var committer = committer()) {
            committer.open();
            committer.startSegments(segment1, segment2);
            committer.send(files2);
            committer.send(files1);
            committer.watermark(2);

            committer.checkpoint(1);

            assertThat(committer.versions()).hasSize(1);
            DatasetVersionRecord v1 = committer.versions().get(0);
            assertThat(v1.segmentsComplete()).containsExactly(segment1, segment2);
            assertThat(v1.pairsAdded()).isEqualTo(5);
            assertThat(dataset.pairIdsAt(v1.snapshotId()))
                    .containsExactlyInAnyOrderElementsOf(ids(pairs1, pairs2));
        }
    }

    @Test
    void aSegmentWrittenAcrossSeveralCheckpointsIsCommittedWhole() throws Exception {
        List<Pair> early = pairs1.subList(0, 2);
        List<Pair> late = pairs1.subList(2, 3);
        try (var committer = committer()) {
            committer.open();
            committer.startSegments(segment1);
            committer.send(dataset.write(1, early));
            committer.checkpoint(1);
            assertThat(committer.versions()).isEmpty();

            // the rest of the segment, then its watermark, then the barrier with the last files
            committer.send(dataset.write(2, late));
            committer.watermark(1);
            committer.checkpoint(2);

            assertThat(committer.versions()).hasSize(1);
            assertThat(dataset.pairIdsAt(committer.versions().get(0).snapshotId()))
                    .containsExactlyInAnyOrderElementsOf(ids(pairs1));
        }
    }

    @Test
    void aSegmentWithoutFilesStillGetsAnEmptyVersion() throws Exception {
        try (var committer = committer()) {
            committer.open();
            committer.startSegments(segment1);
            committer.watermark(1); // every pair of segment 1 was a duplicate: no files

            committer.checkpoint(1);

            assertThat(committer.versions()).hasSize(1);
            DatasetVersionRecord v1 = committer.versions().get(0);
            assertThat(v1.version()).isEqualTo(1);
            assertThat(v1.segmentsComplete()).containsExactly(segment1);
            assertThat(v1.pairsAdded()).isZero();
            assertThat(v1.pairsTotal()).isZero();
            assertThat(dataset.tags()).containsOnlyKeys("v1");
            assertThat(dataset.pairIdsAt(v1.snapshotId())).isEmpty();

            committer.startSegments(segment2);
            committer.send(files2);
            committer.watermark(2);
            committer.checkpoint(2);

            DatasetVersionRecord v2 = committer.versions().get(1);
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v2.pairsAdded()).isEqualTo(2);
            assertThat(v2.pairsTotal()).isEqualTo(2);
        }
    }

    @Test
    void aWatermarkOnOneInputAloneCompletesNothing() throws Exception {
        try (var committer = committer()) {
            committer.open();
            committer.startSegments(segment1);
            committer.send(files1);

            committer.processWatermark1(new Watermark(1));
            committer.checkpoint(1);
            assertThat(committer.versions()).isEmpty();

            committer.processWatermark2(new Watermark(1));
            committer.checkpoint(2);
            assertThat(committer.versions())
                    .extracting(DatasetVersionRecord::version)
                    .containsExactly(1L);
        }
    }

    @Test
    void theCombinedWatermarkIsTheMinimumOfBothInputs() throws Exception {
        try (var committer = committer()) {
            committer.open();
            committer.startSegments(segment1, segment2);
            committer.send(files1);
            committer.send(files2);

            committer.processWatermark1(new Watermark(2));
            committer.processWatermark2(new Watermark(1));
            committer.checkpoint(1);

            assertThat(committer.versions()).hasSize(1);
            assertThat(committer.versions().get(0).segmentsComplete()).containsExactly(segment1);
        }
    }

    @Test
    void aCheckpointThatCompletesBeforeTheWatermarkCommitsNothing() throws Exception {
        try (var committer = committer()) {
            committer.open();
            committer.startSegments(segment1);
            committer.send(files1);
            committer.snapshot(1, 1);
            committer.watermark(1); // after the barrier of checkpoint 1
            committer.notifyOfCompletedCheckpoint(1);

            assertThat(committer.versions()).isEmpty();
            assertThat(dataset.table().currentSnapshot()).isNull();

            committer.checkpoint(2);
            assertThat(committer.versions()).hasSize(1);
        }
    }

    /**
     * The Iceberg commit happened at checkpoint 1, then the job died before any later checkpoint:
     * the restored state still lists segment 1's files as pending and has emitted no version.
     */
    @Test
    void afterACrashBetweenCommitAndNextCheckpointNothingIsCommittedTwice() throws Exception {
        OperatorSubtaskState beforeCommit;
        DatasetVersionRecord v1;
        try (var committer = committer()) {
            committer.open();
            committer.startSegments(segment1, segment2);
            committer.send(files1);
            committer.send(files2);
            committer.watermark(1);
            beforeCommit = committer.snapshot(1, 1);
            committer.notifyOfCompletedCheckpoint(1);
            v1 = committer.versions().get(0);
        }
        String lineage =
                dataset.table().snapshot(v1.snapshotId()).summary().get(VersionSummary.LINEAGE);

        try (var restored = committer()) {
            restored.initializeState(beforeCommit);
            restored.open();

            assertThat(restored.versions())
                    .as("the restored state had not emitted v1, so it is emitted again")
                    .containsExactly(v1);
            assertThat(dataset.snapshotCount()).isEqualTo(1);
            assertThat(dataset.tags()).containsOnlyKeys("v1");
            assertThat(dataset.currentPairIds()).containsExactlyInAnyOrderElementsOf(ids(pairs1));

            restored.checkpoint(2);
            assertThat(restored.versions()).containsExactly(v1);
            assertThat(dataset.snapshotCount()).as("no second version of segment 1").isEqualTo(1);

            restored.watermark(2);
            restored.checkpoint(3);

            assertThat(restored.versions()).hasSize(2);
            DatasetVersionRecord v2 = restored.versions().get(1);
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v2.segmentsComplete()).containsExactly(segment2);
            assertThat(v2.pairsAdded()).isEqualTo(2);
            assertThat(v2.pairsTotal()).isEqualTo(5);
            assertThat(dataset.currentPairIds())
                    .as("every pair exactly once")
                    .containsExactlyInAnyOrderElementsOf(ids(pairs1, pairs2));
            assertThat(dataset.tags()).containsOnlyKeys("v1", "v2");
            assertThat(dataset.table().snapshot(v2.snapshotId()).summary())
                    .containsEntry(VersionSummary.LINEAGE, lineage);
        }
    }

    @Test
    void afterARestoreFromACheckpointThatHadEmittedTheVersionNothingIsEmittedAgain()
            throws Exception {
        OperatorSubtaskState afterEmit;
        try (var committer = committer()) {
            committer.open();
            committer.startSegments(segment1, segment2);
            committer.send(files1);
            committer.send(files2);
            committer.watermark(1);
            committer.checkpoint(1);
            assertThat(committer.versions()).hasSize(1);
            afterEmit = committer.snapshot(2, 2);
        }

        try (var restored = committer()) {
            restored.initializeState(afterEmit);
            restored.open();

            assertThat(restored.versions()).isEmpty();

            restored.watermark(2);
            restored.checkpoint(3);

            assertThat(restored.versions())
                    .extracting(DatasetVersionRecord::version)
                    .containsExactly(2L);
            assertThat(restored.versions().get(0).segmentsComplete()).containsExactly(segment2);
            assertThat(dataset.currentPairIds())
                    .containsExactlyInAnyOrderElementsOf(ids(pairs1, pairs2));
        }
    }

    @Test
    void versionNumbersContinueFromTheTableForANewLineage() throws Exception {
        try (var first = committer()) {
            first.open();
            first.startSegments(segment1);
            first.send(files1);
            first.watermark(1);
            first.checkpoint(1);
        }

        // a new job (no restored state) on the same table
        try (var second = committer()) {
            second.open();
            second.startSegments(TestPairs.segment(1));
            second.send(files2);
            second.watermark(1);
            second.checkpoint(1);

            assertThat(second.versions())
                    .extracting(DatasetVersionRecord::version)
                    .containsExactly(2L);
            assertThat(dataset.tags()).containsOnlyKeys("v1", "v2");
        }
    }

    @Test
    void refusesToRunWithParallelismAboveOne() throws Exception {
        try (var committer =
                new CommitterHarness(
                        new VersionCommitter(dataset.tableLoader(), "ccpairs.pairs"), 2, 2, 1)) {
            assertThatThrownBy(committer::open)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("must run with parallelism 1");
        }
    }

    /**
     * The watermark each checkpoint saw is kept in state, but after a restore the operator's
     * watermark starts at MIN_VALUE again and the first notification after the restore looks only
     * at its own checkpoint's (MIN_VALUE) entry and then clears the restored ones. Upstream sends
     * the next watermark only with the next announcement, so a segment that was complete at the
     * restored checkpoint but not yet committed (the job died between snapshot and notification,
     * which Flink does not repeat after a restore) waits for the next segment.
     */
    @Test
    void aSegmentCompleteAtTheRestoredCheckpointIsCommittedAtTheNextOne() throws Exception {
        OperatorSubtaskState completeButNotCommitted;
        try (var committer = committer()) {
            committer.open();
            committer.startSegments(segment1);
            committer.send(files1);
            committer.watermark(1);
            completeButNotCommitted = committer.snapshot(1, 1);
            // dies before notifyOfCompletedCheckpoint(1)
        }
        assertThat(dataset.table().currentSnapshot()).isNull();

        try (var restored = committer()) {
            restored.initializeState(completeButNotCommitted);
            restored.open();
            restored.checkpoint(2);

            assertThat(restored.versions()).hasSize(1);
            assertThat(restored.versions().get(0).segmentsComplete()).containsExactly(segment1);
            assertThat(dataset.currentPairIds()).containsExactlyInAnyOrderElementsOf(ids(pairs1));
        }
    }

    /**
     * The Javadoc promises that versions this lineage committed are not committed again after a
     * restore. Reconciliation only prunes what the restored state holds; when the state is older
     * than the commit (a retained checkpoint or savepoint taken before it), the replayed segment
     * arrives afterwards and is committed a second time, duplicating its rows.
     */
    @Test
    void aSegmentReplayedAfterRestoringAnOlderCheckpointIsNotCommittedAgain() throws Exception {
        OperatorSubtaskState beforeSegment1;
        try (var committer = committer()) {
            committer.open();
            beforeSegment1 = committer.snapshot(1, 1);
            committer.startSegments(segment1);
            committer.send(files1);
            committer.watermark(1);
            committer.checkpoint(2);
            assertThat(committer.versions()).hasSize(1);
        }

        try (var restored = committer()) {
            restored.initializeState(beforeSegment1);
            restored.open();
            // upstream replays segment 1 from the restored offsets: same seq, rewritten files
            restored.startSegments(segment1);
            restored.send(dataset.write(3, pairs1));
            restored.watermark(1);
            restored.checkpoint(3);

            assertThat(dataset.currentPairIds()).containsExactlyInAnyOrderElementsOf(ids(pairs1));
            assertThat(dataset.tags()).containsOnlyKeys("v1");
        }
    }

    /**
     * The committer reads its own summary back right after committing ({@code
     * VersionSummary.toRecord}), which fails on such ids: notifyCheckpointComplete throws after the
     * Iceberg commit, and every restore fails the same way in reconciliation.
     */
    @Test
    void segmentIdsWithSeparatorCharactersAreCommittedAndReported() throws Exception {
        Segment odd = new Segment(1, TestPairs.CRAWL, "part|1", "WARC", 1);
        try (var committer = committer()) {
            committer.open();
            committer.startSegments(odd);
            committer.watermark(1);
            committer.checkpoint(1);

            assertThat(committer.versions()).hasSize(1);
            assertThat(committer.versions().get(0).segmentsComplete()).containsExactly(odd);
        }
    }

    private CommitterHarness committer() throws Exception {
        return new CommitterHarness(new VersionCommitter(dataset.tableLoader(), "ccpairs.pairs"));
    }

    @SafeVarargs
    private static List<String> ids(List<Pair>... pairLists) {
        List<String> ids = new ArrayList<>();
        for (List<Pair> pairs : pairLists) {
            pairs.forEach(p -> ids.add(p.pairId()));
        }
        return ids;
    }
}
