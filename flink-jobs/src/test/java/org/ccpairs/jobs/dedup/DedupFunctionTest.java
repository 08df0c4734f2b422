package org.ccpairs.jobs.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.testing.CapturedMetrics;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.Test;

/**
 * {@link DedupFunction} on the heap state backend of Flink's keyed operator harness.
 *
 * <p>Time: state TTL reads its own clock, which the harness exposes as {@code
 * setStateTtlProcessingTime}; {@code setProcessingTime} only drives timers. Tests move the TTL
 * clock explicitly and never sleep.
 *
 * <p>What Flink guarantees for this TTL configuration ({@code NeverReturnExpired}, {@code
 * OnReadAndWrite}, {@code cleanupFullSnapshot}) and what these tests therefore assert:
 *
 * <ul>
 *   <li>an expired entry is never returned, and reading it removes it, so a pair unseen for longer
 *       than the TTL passes again and its key holds one entry, not two;
 *   <li>every sighting (read or write) restarts the TTL;
 *   <li>a full snapshot, which is what the heap backend always takes, leaves expired entries out,
 *       so a restored operator holds exactly the live keys.
 * </ul>
 *
 * Expired entries of keys that never come back stay in the live heap state until a snapshot or the
 * heap backend's default incremental cleanup (a few entries per state access, best effort) reaches
 * them; that is not asserted beyond a bound. On RocksDB the compaction filter drops them during
 * compactions, which a harness cannot trigger deterministically.
 */
class DedupFunctionTest {
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final long MINUTE = 60_000;

    @Test
    void theFirstPairPassesAndDuplicatesAreDroppedAndCounted() throws Exception {
        CapturedMetrics metrics = new CapturedMetrics();
        Pair cat = TestPairs.pair(1, "https://img.example.org/cat.png", "A cat");
        Pair catInLaterSegment = TestPairs.pair(2, "https://IMG.example.org:443/cat.png", "A cat");
        Pair dog = TestPairs.pair(1, "https://img.example.org/dog.png", "A dog");
        assertThat(catInLaterSegment.dedupKey()).isEqualTo(cat.dedupKey());

        try (var harness = harness(metrics)) {
            harness.open();
            harness.processElement(cat, 0);
            harness.processElement(dog, 0);
            harness.processElement(cat, 0);
            harness.processElement(catInLaterSegment, 0);

            assertThat(harness.extractOutputValues()).containsExactly(cat, dog);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
            assertThat(metrics.counter("ccpairs", "pairs_unique")).isEqualTo(2);
            assertThat(metrics.counter("ccpairs", "duplicates_dropped")).isEqualTo(2);
        }
    }

    @Test
    void aPairUnseenForLongerThanTheTtlPassesAgainWithoutGrowingState() throws Exception {
        Pair cat = TestPairs.pair(1, "https://img.example.org/cat.png", "A cat");
        try (var harness = harness(new CapturedMetrics())) {
            harness.open();
            harness.setStateTtlProcessingTime(0);
            harness.processElement(cat, 0);

            harness.setStateTtlProcessingTime(TTL.toMillis() - 1);
            harness.processElement(cat, 0);
            assertThat(harness.extractOutputValues()).hasSize(1);

            // the sighting at TTL - 1 restarted the clock: 2 * TTL - 2 is still within it
            harness.setStateTtlProcessingTime(2 * TTL.toMillis() - 2);
            harness.processElement(cat, 0);
            assertThat(harness.extractOutputValues()).hasSize(1);

            // unseen for a full TTL: forgotten, so published again
            harness.setStateTtlProcessingTime(3 * TTL.toMillis());
            harness.processElement(cat, 0);
            assertThat(harness.extractOutputValues()).containsExactly(cat, cat);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        }
    }

    @Test
    void theDedupStateSurvivesASnapshotAndRestore() throws Exception {
        Pair cat = TestPairs.pair(1, "https://img.example.org/cat.png", "A cat");
        Pair dog = TestPairs.pair(1, "https://img.example.org/dog.png", "A dog");
        OperatorSubtaskState snapshot;
        try (var before = harness(new CapturedMetrics())) {
            before.open();
            before.processElement(cat, 0);
            snapshot = before.snapshot(1, 1);
        }

        try (var after = harness(new CapturedMetrics())) {
            after.initializeState(snapshot);
            after.open();
            after.processElement(cat, 0);
            after.processElement(dog, 0);

            assertThat(after.extractOutputValues()).containsExactly(dog);
            assertThat(after.numKeyedStateEntries()).isEqualTo(2);
        }
    }

    @Test
    void aRestoredOperatorKeepsOnlyTheKeysStillWithinTheTtl() throws Exception {
        List<Pair> old = TestPairs.pairs(1, 50);
        List<Pair> recent = TestPairs.pairs(2, 10);
        OperatorSubtaskState snapshot;
        try (var before = harness(new CapturedMetrics())) {
            before.open();
            before.setStateTtlProcessingTime(0);
            for (Pair p : old) {
                before.processElement(p, 0);
            }
            before.setStateTtlProcessingTime(5 * MINUTE);
            for (Pair p : recent) {
                before.processElement(p, 0);
            }
            assertThat(before.numKeyedStateEntries()).isEqualTo(60);

            // the old keys are expired now, the recent ones are not; nothing touched the old ones
            before.setStateTtlProcessingTime(TTL.toMillis() + MINUTE);
            snapshot = before.snapshot(1, 1);
        }

        try (var after = harness(new CapturedMetrics())) {
            after.setStateTtlProcessingTime(TTL.toMillis() + MINUTE);
            after.initializeState(snapshot);
            after.open();

            assertThat(after.numKeyedStateEntries()).isEqualTo(recent.size());

            for (Pair p : recent) {
                after.processElement(p, 0);
            }
            after.processElement(old.get(0), 0);
            assertThat(after.extractOutputValues()).containsExactly(old.get(0));
        }
    }

    @Test
    void liveStateStaysBoundedWhileNewPairsKeepComing() throws Exception {
        try (var harness = harness(new CapturedMetrics())) {
            harness.open();
            long now = 0;
            int maxEntries = 0;
            // ten TTLs' worth of traffic, 20 new pairs a minute: without cleanup 2000 entries
            for (int minute = 0; minute < 100; minute++) {
                harness.setStateTtlProcessingTime(now);
                for (Pair p : TestPairs.pairs(minute + 1, 20)) {
                    harness.processElement(p, now);
                }
                maxEntries = Math.max(maxEntries, harness.numKeyedStateEntries());
                now += MINUTE;
            }

            assertThat(harness.extractOutputValues()).hasSize(2000);
            // at most the last 10 minutes' keys (200) are live; the heap backend's incremental
            // cleanup removes expired ones a few per state access (about 210 held here), so
            // allow twice the live count rather than pin that best-effort behaviour
            assertThat(maxEntries).isLessThan(2 * 200);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<Long, Pair, Pair> harness(
            CapturedMetrics metrics) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DedupFunction(TTL)),
                Pair::dedupKey,
                Types.LONG,
                metrics.environment());
    }
}
