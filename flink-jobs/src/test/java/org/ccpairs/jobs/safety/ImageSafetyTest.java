package org.ccpairs.jobs.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.ccpairs.jobs.CcpairsJob;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.testing.CollectedResults;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.Test;

/** The image-safety hook: scores land on the pair, and anything but a valid score rejects. */
class ImageSafetyTest {
    private static final Pair SAFE =
            TestPairs.pair(1, "https://img.example.org/safe.jpg", "A safe image");
    private static final Pair UNSAFE =
            TestPairs.pair(1, "https://img.example.org/nsfw.jpg", "Another image");
    private static final Pair BROKEN =
            TestPairs.pair(1, "https://img.example.org/broken.jpg", "A broken image");
    private static final Pair SLOW =
            TestPairs.pair(1, "https://img.example.org/slow.jpg", "A slow image");
    private static final Pair ODD =
            TestPairs.pair(1, "https://img.example.org/odd.jpg", "An oddly scored image");

    @Test
    void scoresAreStoredAndPairsWithoutAValidScoreOrAboveTheThresholdRejected() throws Exception {
        ImageSafetyScorer scorer =
                pair ->
                        switch (pair.imageUrl().substring(pair.imageUrl().lastIndexOf('/') + 1)) {
                            case "safe.jpg" -> CompletableFuture.completedFuture(0.1);
                            case "nsfw.jpg" -> CompletableFuture.completedFuture(0.95);
                            case "broken.jpg" ->
                                    CompletableFuture.failedFuture(
                                            new IllegalStateException("model crashed"));
                            case "odd.jpg" -> CompletableFuture.completedFuture(1.5);
                            default -> new CompletableFuture<>(); // never completes
                        };
        ImageSafetyFunction f = new ImageSafetyFunction(scorer);
        CollectedResults<ScoredPair> results = new CollectedResults<>(5);
        for (Pair p : List.of(SAFE, UNSAFE, BROKEN, ODD)) {
            f.asyncInvoke(p, results.future());
        }
        f.timeout(SLOW, results.future());
        assertThat(results.await(0)).as("every pair completed at once").isTrue();
        List<ScoredPair> scored = results.results();
        assertThat(scored).hasSize(5);
        assertThat(scored.get(0).pair().screening().imageSafetyScore()).isEqualTo(0.1);
        assertThat(scored.get(0).noScore()).isNull();
        assertThat(scored.get(2).pair().screening()).as("no score after a failure").isNull();
        assertThat(scored)
                .extracting(ScoredPair::noScore)
                .containsExactly(null, null, NoScore.FAILED, NoScore.OUT_OF_RANGE, NoScore.TIMEOUT);

        try (var h =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(
                                new ImageSafetyRouter(
                                        0.8, CcpairsJob.REJECTIONS, new RejectionSampler(1.0))))) {
            h.open();
            for (ScoredPair p : scored) {
                h.processElement(p, 0);
            }
            assertThat(h.extractOutputValues())
                    .extracting(Pair::imageUrl)
                    .containsExactly(SAFE.imageUrl());
            assertThat(h.getSideOutput(CcpairsJob.REJECTIONS))
                    .extracting(r -> r.getValue().reason() + ": " + r.getValue().detail())
                    .containsExactly(
                            "UNSAFE_IMAGE: image score 0.95 >= 0.80",
                            "IMAGE_NOT_SCORED: no image-safety score: FAILED (model crashed)",
                            "IMAGE_NOT_SCORED: no image-safety score: OUT_OF_RANGE (score 1.5 is"
                                    + " outside [0, 1])",
                            "IMAGE_NOT_SCORED: no image-safety score: TIMEOUT (no score within the"
                                    + " timeout)");
        }
    }

    @Test
    void turningItOnWithoutAScorerFailsFast() {
        Configuration conf = new Configuration();
        conf.set(SafetyOptions.IMAGE_SCORER_ENABLED, true);
        assertThatThrownBy(() -> CcpairsJob.builder().configuration(conf).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("safety.image.enabled")
                .hasMessageContaining("ImageSafetyScorer");
    }
}
