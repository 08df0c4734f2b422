package org.ccpairs.jobs.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.types.Either;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RetractedPair;
import org.ccpairs.jobs.model.Retraction;
import org.ccpairs.jobs.testing.DatasetFixture;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retractions applied by the real committer to a real Iceberg table: the next version deletes the
 * pair's rows, counts them by reason and reports the pair on the side output; earlier versions keep
 * it; a restore neither deletes twice nor loses the report.
 */
class RetractionTest {
    @TempDir Path warehouse;
    @TempDir Path export;

    private DatasetFixture dataset;
    private final List<Pair> segment1 = TestPairs.pairs(1, 3);
    private final List<Pair> segment2 = TestPairs.pairs(2, 4);

    @BeforeEach
    void table() {
        dataset = new DatasetFixture(warehouse);
    }

    @Test
    void aRetractionRemovesThePairInTheNextVersionAndNotBefore() throws Exception {
        try (var committer = committer()) {
            committer.open();
            completeSegment(committer, 1, segment1, 1);

            committer.processElement2(Either.Right(takedown(segment1.get(0))), 2);
            committer.checkpoint(2);

            DatasetVersionRecord v2 = committer.versions().get(1);
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v2.pairsAdded()).isZero();
            assertThat(v2.pairsRemoved()).isEqualTo(1);
            assertThat(v2.pairsRemovedByReason()).containsExactly(Map.entry("TAKEDOWN", 1L));
            assertThat(v2.pairsTotal()).isEqualTo(2);
            assertThat(v2.segmentsComplete()).isEmpty();
            assertThat(dataset.pairIdsAt(v2.snapshotId()))
                    .containsExactlyInAnyOrder(segment1.get(1).pairId(), segment1.get(2).pairId());
            assertThat(dataset.pairIdsAt(committer.versions().get(0).snapshotId()))
                    .as("v1 is immutable")
                    .hasSize(3);
            assertThat(committer.retracted())
                    .containsExactly(
                            new RetractedPair(takedown(segment1.get(0)), 2, v2.snapshotId()));
        }
    }

    @Test
    void aPairRetractedBeforeItsVersionNeverShowsInTheTable() throws Exception {
        try (var committer = committer()) {
            committer.open();
            completeSegment(committer, 1, segment1, 1);
            committer.processElement2(Either.Left(TestPairs.segment(2)), 2);
            committer.send(dataset.write(2, segment2));
            committer.processElement2(Either.Right(optOut(segment2.get(3))), 2);
            committer.watermark(2);
            committer.checkpoint(2);

            DatasetVersionRecord v2 = committer.versions().get(1);
            assertThat(v2.segmentsComplete()).containsExactly(TestPairs.segment(2));
            assertThat(v2.pairsAdded()).isEqualTo(4);
            assertThat(v2.pairsRemovedByReason()).containsExactly(Map.entry("OPT_OUT", 1L));
            assertThat(v2.pairsTotal()).isEqualTo(3 + 4 - 1);
            assertThat(dataset.pairIdsAt(v2.snapshotId()))
                    .hasSize(6)
                    .doesNotContain(segment2.get(3).pairId());
        }
    }

    @Test
    void aRetractionOfAPairThatIsNotThereCommitsNothing() throws Exception {
        try (var committer = committer()) {
            committer.open();
            completeSegment(committer, 1, segment1, 1);
            committer.processElement2(Either.Right(takedown(segment1.get(0))), 2);
            committer.checkpoint(2);

            committer.processElement2(Either.Right(takedown(segment1.get(0))), 3); // again
            committer.processElement2(
                    Either.Right(
                            new Retraction(
                                    "0123456789abcdef0123456789abcdef",
                                    "TAKEDOWN",
                                    "test",
                                    "",
                                    1L)),
                    3);
            committer.checkpoint(3);

            assertThat(committer.versions()).hasSize(2);
            assertThat(dataset.snapshotCount()).isEqualTo(2);
            assertThat(committer.retracted()).hasSize(1);
        }
    }

    @Test
    void aVersionCommittedBeforeAFailureDeletesOnceAndItsRetractionsAreReportedAgain()
            throws Exception {
        OperatorSubtaskState beforeNotify;
        try (var first = committer()) {
            first.open();
            completeSegment(first, 1, segment1, 1);
            first.processElement2(Either.Right(takedown(segment1.get(1))), 2);
            beforeNotify = first.snapshot(2, 2);
            first.notifyOfCompletedCheckpoint(2); // commits v2, then the job dies
            assertThat(first.versions()).hasSize(2);
        }
        try (var restored = committer()) {
            restored.initializeState(beforeNotify);
            restored.open();

            assertThat(restored.versions()).extracting(DatasetVersionRecord::version).contains(2L);
            long v2 = dataset.tags().get("v2");
            assertThat(restored.retracted())
                    .containsExactly(new RetractedPair(takedown(segment1.get(1)), 2, v2));
            restored.checkpoint(3);
            assertThat(dataset.tags()).containsOnlyKeys("v1", "v2");
            assertThat(dataset.currentPairIds()).hasSize(2);
        }
    }

    @Test
    void diffListsTheRemovedPairAndExportLeavesItOut() throws Exception {
        try (var committer = committer()) {
            committer.open();
            completeSegment(committer, 1, segment1, 1);
            completeSegment(committer, 2, segment2, 2);
            committer.processElement2(Either.Right(takedown(segment1.get(2))), 3);
            committer.checkpoint(3);
        }
        DatasetVersions versions =
                DatasetVersions.open(DatasetSettings.hadoop(warehouse.toUri().toString()));

        VersionDiff diff = VersionDiff.of(versions, "v1", "v3");
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        diff.addedIds(added::add);
        diff.removedIds(removed::add);

        assertThat(diff.removedByReason()).containsExactly(Map.entry("TAKEDOWN", 1L));
        assertThat(removed).containsExactly(segment1.get(2).pairId());
        assertThat(added).containsExactlyInAnyOrderElementsOf(ids(segment2));
        VersionExport.Result exported =
                VersionExport.export(
                        versions, "v3", VersionExport.Format.JSONL, export, 1 << 20, n -> {});
        assertThat(exported.rows()).isEqualTo(6);
        assertThat(versions.get("v3").pairsTotal()).isEqualTo(6);
    }

    @Test
    void retractionsStillFindTheirPairsAfterACompaction() throws Exception {
        try (var committer = committer()) {
            committer.open();
            completeSegment(committer, 1, segment1, 1);
            completeSegment(committer, 2, segment2, 2);
            committer.processElement2(Either.Right(takedown(segment1.get(0))), 3);
            committer.checkpoint(3);

            new DatasetMaintenance(dataset.table(), Clock.systemUTC())
                    .run(
                            new DatasetMaintenance.Policy(null, Duration.ofDays(7), 10, 1L << 27),
                            org.apache.flink.streaming.api.environment.StreamExecutionEnvironment
                                    .createLocalEnvironment(1));
            assertThat(dataset.currentPairIds()).hasSize(6);

            committer.processElement2(Either.Right(takedown(segment2.get(0))), 4);
            committer.checkpoint(4);

            DatasetVersionRecord v4 = committer.versions().get(3);
            assertThat(v4.pairsRemoved()).isEqualTo(1);
            assertThat(v4.pairsTotal()).isEqualTo(5);
            assertThat(dataset.pairIdsAt(v4.snapshotId()))
                    .hasSize(5)
                    .doesNotContain(segment1.get(0).pairId(), segment2.get(0).pairId());
        }
    }

    private static Retraction takedown(Pair pair) {
        return new Retraction(pair.pairId(), "TAKEDOWN", "abuse@example.org", "ticket 42", 1L);
    }

    private static Retraction optOut(Pair pair) {
        return new Retraction(pair.pairId(), "OPT_OUT", "tdmrep", "", 2L);
    }

    private CommitterHarness committer() throws Exception {
        return new CommitterHarness(new VersionCommitter(dataset.tableLoader(), "ccpairs.pairs"));
    }

    private void completeSegment(CommitterHarness h, long seq, List<Pair> pairs, long checkpointId)
            throws Exception {
        h.processElement2(Either.Left(TestPairs.segment(seq)), seq);
        h.send(dataset.write(checkpointId, pairs));
        h.watermark(seq);
        h.checkpoint(checkpointId);
    }

    private static List<String> ids(List<Pair> pairs) {
        return pairs.stream().map(Pair::pairId).toList();
    }
}
