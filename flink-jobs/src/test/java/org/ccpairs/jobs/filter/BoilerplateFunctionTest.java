package org.ccpairs.jobs.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.ccpairs.jobs.CcpairsJob;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.testing.CapturedMetrics;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.Test;

/** {@link BoilerplateFunction} in the keyed operator harness; the TTL clock is moved by hand. */
class BoilerplateFunctionTest {
    private static final Duration TTL = Duration.ofMinutes(10);

    /** Real boilerplate from the corpus: 105 product images of books.toscrape.com say this. */
    private static final String STARS = "5.00 out of 5 stars";

    @Test
    void aCaptionOnMoreThanTheLimitOfPairsIsDroppedFromThenOnAcrossSegments() throws Exception {
        CapturedMetrics metrics = new CapturedMetrics();
        List<Pair> stars = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            // first 7 in segment 1, the rest in segment 2: the count spans segments
            stars.add(
                    TestPairs.pair(
                            i < 7 ? 1 : 2,
                            "https://img.example.org/" + i + ".jpg",
                            i % 2 == 0 ? STARS : STARS.toUpperCase()));
        }
        Pair other = TestPairs.pair(2, "https://img.example.org/x.jpg", "Tipping the Velvet");
        try (var h = harness(metrics)) {
            h.open();
            for (Pair p : stars) {
                h.processElement(p, 0);
            }
            h.processElement(other, 0);

            assertThat(h.extractOutputValues())
                    .containsExactlyElementsOf(concat(stars.subList(0, 10), List.of(other)));
            assertThat(h.numKeyedStateEntries()).isEqualTo(2);
            assertThat(
                            metrics.counter(
                                    "stage",
                                    "boilerplate",
                                    "reason",
                                    BoilerplateFunction.BOILERPLATE,
                                    "pairs_rejected"))
                    .isEqualTo(4);
            assertThat(h.getSideOutput(CcpairsJob.REJECTIONS)).hasSize(4);
        }
    }

    @Test
    void theCountSurvivesARestoreAndExpiresAfterTheTtl() throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = harness(new CapturedMetrics())) {
            before.open();
            before.setStateTtlProcessingTime(0);
            for (int i = 0; i < 10; i++) {
                before.processElement(
                        TestPairs.pair(1, "https://a.example.org/" + i + ".jpg", STARS), 0);
            }
            snapshot = before.snapshot(1, 1);
        }
        try (var after = harness(new CapturedMetrics())) {
            after.setStateTtlProcessingTime(1);
            after.initializeState(snapshot);
            after.open();
            after.processElement(TestPairs.pair(2, "https://a.example.org/10.jpg", STARS), 0);
            assertThat(after.extractOutputValues()).as("the 11th, after a restore").isEmpty();

            // unseen for longer than the TTL: counting starts again, with one state entry
            after.setStateTtlProcessingTime(1 + TTL.toMillis() + 1);
            after.processElement(TestPairs.pair(3, "https://a.example.org/11.jpg", STARS), 0);
            assertThat(after.extractOutputValues()).hasSize(1);
            assertThat(after.numKeyedStateEntries()).isEqualTo(1);
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static KeyedOneInputStreamOperatorTestHarness<Long, Pair, Pair> harness(
            CapturedMetrics metrics) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new BoilerplateFunction(
                                10, TTL, CcpairsJob.REJECTIONS, new RejectionSampler(1.0))),
                BoilerplateFunction.KEY,
                Types.LONG,
                metrics.environment());
    }
}
