package org.ccpairs.jobs.safety;

import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.ccpairs.jobs.model.Pair;

/**
 * Asks the {@link ImageSafetyScorer} for each pair's score and passes the pair on with it ({@code
 * image_safety_score}). Never fails the job: a failed, invalid or timed-out score passes the pair
 * on without one and with the reason ({@link NoScore}), and {@link ImageSafetyRouter} rejects it
 * (fail closed).
 */
public class ImageSafetyFunction extends RichAsyncFunction<Pair, ScoredPair> {
    private final ImageSafetyScorer scorer;

    public ImageSafetyFunction(ImageSafetyScorer scorer) {
        this.scorer = scorer;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        scorer.open();
    }

    @Override
    public void asyncInvoke(Pair pair, ResultFuture<ScoredPair> result) {
        try {
            scorer.score(pair)
                    .whenComplete(
                            (score, error) -> result.complete(List.of(scored(pair, score, error))));
        } catch (RuntimeException e) {
            result.complete(
                    List.of(ScoredPair.unscored(pair, NoScore.FAILED, NoScore.describe(e))));
        }
    }

    @Override
    public void timeout(Pair pair, ResultFuture<ScoredPair> result) {
        // the default would fail the job
        result.complete(
                List.of(ScoredPair.unscored(pair, NoScore.TIMEOUT, "no score within the timeout")));
    }

    static ScoredPair scored(Pair pair, Double score, Throwable error) {
        if (error != null) {
            return ScoredPair.unscored(pair, NoScore.of(error), NoScore.describe(error));
        }
        if (score == null || !(score >= 0 && score <= 1)) {
            return ScoredPair.unscored(
                    pair,
                    NoScore.OUT_OF_RANGE,
                    score == null
                            ? "no score"
                            : String.format(Locale.ROOT, "score %s is outside [0, 1]", score));
        }
        return ScoredPair.scored(pair.withScreening(pair.screeningOrNone().withImageSafety(score)));
    }

    @Override
    public void close() throws Exception {
        scorer.close();
    }
}
