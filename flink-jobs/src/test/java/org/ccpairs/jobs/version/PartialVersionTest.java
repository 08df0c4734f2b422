package org.ccpairs.jobs.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.types.Either;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.testing.DatasetFixture;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versions cut by {@code dataset.version-max-interval}: a segment still being read does not hold
 * back the pairs already written; they go into a version that lists the segment as partial, and the
 * version that completes it adds only the rest. The interval here is one millisecond, so every
 * checkpoint may cut one.
 */
class PartialVersionTest {
    @TempDir Path warehouse;

    private final Segment segment1 = TestPairs.segment(1);
    private final List<Pair> early = TestPairs.pairs(1, 3);
    private final List<Pair> late =
            List.of(
                    TestPairs.pair(
                            1,
                            "https://img.example.org/late/1.png",
                            "read after the partial version"),
                    TestPairs.pair(1, "https://img.example.org/late/2.png", "also read later"));
    private DatasetFixture dataset;

    @BeforeEach
    void table() throws Exception {
        dataset = new DatasetFixture(warehouse);
    }

    @Test
    void aSlowSegmentGoesOutInPartsAndIsCompletedOnce() throws Exception {
        try (var committer = committer()) {
            committer.open();
            committer.processElement2(Either.Left(segment1), 1);
            committer.send(dataset.write(1, early));
            committer.checkpoint(1);

            DatasetVersionRecord v1 = committer.versions().get(0);
            assertThat(v1.segmentsComplete()).isEmpty();
            assertThat(v1.segmentsPartial()).containsExactly(segment1);
            assertThat(v1.pairsAdded()).isEqualTo(3);
            assertThat(dataset.pairIdsAt(v1.snapshotId()))
                    .containsExactlyInAnyOrderElementsOf(ids(early));

            committer.checkpoint(2);
            assertThat(committer.versions()).as("nothing new, no version").hasSize(1);

            committer.send(dataset.write(3, late));
            committer.watermark(1);
            committer.checkpoint(3);

            DatasetVersionRecord v2 = committer.versions().get(1);
            assertThat(v2.segmentsComplete()).containsExactly(segment1);
            assertThat(v2.segmentsPartial()).isEmpty();
            assertThat(v2.pairsAdded()).isEqualTo(2);
            assertThat(v2.pairsTotal()).isEqualTo(5);
            assertThat(dataset.pairIdsAt(v2.snapshotId()))
                    .containsExactlyInAnyOrderElementsOf(ids(early, late));
        }
    }

    @Test
    void aPartialVersionCommittedBeforeAFailureIsNotCommittedAgain() throws Exception {
        OperatorSubtaskState beforeNotify;
        try (var first = committer()) {
            first.open();
            first.processElement2(Either.Left(segment1), 1);
            first.send(dataset.write(1, early));
            beforeNotify = first.snapshot(1, 1);
            first.notifyOfCompletedCheckpoint(1); // commits v1 (partial), then the job dies
            assertThat(first.versions()).hasSize(1);
        }
        try (var restored = committer()) {
            restored.initializeState(beforeNotify);
            restored.open();
            assertThat(restored.versions()).as("the event of v1 again").hasSize(1);

            restored.send(dataset.write(2, late));
            restored.watermark(1);
            restored.checkpoint(2);

            DatasetVersionRecord v2 = restored.versions().get(1);
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v2.segmentsComplete()).containsExactly(segment1);
            assertThat(v2.pairsAdded()).as("only what v1 did not hold").isEqualTo(2);
            assertThat(dataset.pairIdsAt(v2.snapshotId()))
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(ids(early, late));
        }
    }

    @Test
    void withoutAnIntervalNoPartialVersionIsCut() throws Exception {
        try (var committer =
                new CommitterHarness(
                        new VersionCommitter(dataset.tableLoader(), "ccpairs.pairs"))) {
            committer.open();
            committer.processElement2(Either.Left(segment1), 1);
            committer.send(dataset.write(1, early));
            committer.checkpoint(1);
            assertThat(committer.versions()).isEmpty();
        }
    }

    private CommitterHarness committer() throws Exception {
        return new CommitterHarness(
                new VersionCommitter(dataset.tableLoader(), "ccpairs.pairs", Duration.ofMillis(1)));
    }

    @SafeVarargs
    private static List<String> ids(List<Pair>... lists) {
        List<String> ids = new ArrayList<>();
        for (List<Pair> l : lists) {
            l.forEach(p -> ids.add(p.pairId()));
        }
        return ids;
    }
}
