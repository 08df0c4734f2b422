package org.ccpairs.jobs.safety;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.ccpairs.jobs.model.Pair;

/**
 * Asks the {@link ImageSafetyScorer} for each pair's score and passes the pair on with it ({@code
 * image_safety_score}). Never fails the job: a failed or timed-out request passes the pair on
 * without a score, and {@link ImageSafetyRouter} rejects it (fail closed).
 */
public class ImageSafetyFunction extends RichAsyncFunction<Pair, Pair> {
    private final ImageSafetyScorer scorer;

    public ImageSafetyFunction(ImageSafetyScorer scorer) {
        this.scorer = scorer;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        scorer.open();
    }

    @Override
    public void asyncInvoke(Pair pair, ResultFuture<Pair> result) {
        try {
            scorer.score(pair)
                    .whenComplete(
                            (score, error) ->
                                    result.complete(
                                            List.of(
                                                    error == null && valid(score)
                                                            ? withScore(pair, score)
                                                            : pair)));
        } catch (RuntimeException e) {
            result.complete(List.of(pair));
        }
    }

    @Override
    public void timeout(Pair pair, ResultFuture<Pair> result) {
        result.complete(List.of(pair)); // the default would fail the job
    }

    private static boolean valid(Double score) {
        return score != null && score >= 0 && score <= 1;
    }

    private static Pair withScore(Pair pair, double score) {
        return pair.withScreening(pair.screeningOrNone().withImageSafety(score));
    }

    @Override
    public void close() throws Exception {
        scorer.close();
    }
}
