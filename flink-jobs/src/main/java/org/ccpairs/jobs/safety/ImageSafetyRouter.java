package org.ccpairs.jobs.safety;

import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.audit.StageRejections;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RejectionRecord;

/**
 * After {@link ImageSafetyFunction}: rejects pairs without an image score as {@code
 * IMAGE_NOT_SCORED} (fail closed) and pairs at or above the threshold as {@code UNSAFE_IMAGE},
 * under stage {@code safety}.
 */
public class ImageSafetyRouter extends ProcessFunction<Pair, Pair> {
    public static final String NOT_SCORED = "IMAGE_NOT_SCORED";
    public static final String UNSAFE = "UNSAFE_IMAGE";

    private final double threshold;
    private final OutputTag<RejectionRecord> rejectionsTag;
    private final RejectionSampler sampler;
    private transient StageRejections rejections;

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
    }

    @Override
    public void processElement(Pair pair, Context ctx, Collector<Pair> out) {
        Double score = pair.screeningOrNone().imageSafetyScore();
        if (score == null) {
            rejections.reject(
                    pair,
                    NOT_SCORED,
                    "the image-safety scorer gave no score",
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
