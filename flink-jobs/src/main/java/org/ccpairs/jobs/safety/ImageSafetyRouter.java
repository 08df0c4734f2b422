package org.ccpairs.jobs.safety;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.audit.StageRejections;
import org.ccpairs.jobs.metrics.Metrics;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RejectionRecord;

/**
 * After {@link ImageSafetyFunction}: rejects pairs without an image score as {@code
 * IMAGE_NOT_SCORED} (fail closed; the detail and {@code ccpairs_cause_images_not_scored} say why)
 * and pairs at or above the threshold as {@code UNSAFE_IMAGE}, under stage {@code safety}.
 */
public class ImageSafetyRouter extends ProcessFunction<ScoredPair, Pair> {
    public static final String NOT_SCORED = "IMAGE_NOT_SCORED";
    public static final String UNSAFE = "UNSAFE_IMAGE";

    private final double threshold;
    private final OutputTag<RejectionRecord> rejectionsTag;
    private final RejectionSampler sampler;
    private transient StageRejections rejections;
    private transient Map<NoScore, Counter> notScored;

    public ImageSafetyRouter(
            double threshold, OutputTag<RejectionRecord> rejectionsTag, RejectionSampler sampler) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException(
                    "'safety.image.threshold' must be in (0, 1], got " + threshold);
        }
        this.threshold = threshold;
        this.rejectionsTag = rejectionsTag;
        this.sampler = sampler;
    }

    @Override
    public void open(OpenContext openContext) {
        rejections =
                new StageRejections(
                        getRuntimeContext().getMetricGroup(), SafetyListFunction.STAGE, sampler);
        // every cause from the start, at 0, so that dashboards and alerts see them before the first
        notScored = new EnumMap<>(NoScore.class);
        for (NoScore cause : NoScore.values()) {
            notScored.put(
                    cause,
                    Metrics.ccpairs(getRuntimeContext().getMetricGroup())
                            .addGroup("cause", cause.name())
                            .counter("images_not_scored"));
        }
    }

    @Override
    public void processElement(ScoredPair scored, Context ctx, Collector<Pair> out) {
        Pair pair = scored.pair();
        Double score = pair.screeningOrNone().imageSafetyScore();
        if (scored.noScore() != null || score == null) {
            NoScore cause = scored.noScore() == null ? NoScore.FAILED : scored.noScore();
            notScored.get(cause).inc();
            rejections.reject(
                    pair,
                    NOT_SCORED,
                    "no image-safety score: "
                            + cause
                            + (scored.detail() == null ? "" : " (" + scored.detail() + ")"),
                    r -> ctx.output(rejectionsTag, r));
        } else if (score >= threshold) {
            rejections.reject(
                    pair,
                    UNSAFE,
                    String.format(Locale.ROOT, "image score %.2f >= %.2f", score, threshold),
                    r -> ctx.output(rejectionsTag, r));
        } else {
            out.collect(pair);
        }
    }
}
