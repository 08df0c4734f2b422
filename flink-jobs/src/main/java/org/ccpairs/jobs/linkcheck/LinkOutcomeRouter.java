package org.ccpairs.jobs.linkcheck;

import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.audit.StageRejections;
import org.ccpairs.jobs.metrics.Metrics;
import org.ccpairs.jobs.metrics.ReasonCounters;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.model.LinkStatus;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RejectionRecord;

/**
 * Lets pairs whose link check ended {@code OK} through and drops the rest: every outcome is counted
 * by reason, every rejection by stage and reason, and a sample of the rejections goes to the
 * rejections side output. An image that answered {@code OK} in a format not among {@code
 * filter.url.allowed-extensions} (a GIF behind a {@code .jpg} or a {@code .php} URL, an SVG) is
 * dropped as {@code IMAGE_FORMAT}: the URL rule saw only the URL's extension.
 */
public class LinkOutcomeRouter extends ProcessFunction<Pair, Pair> {
    public static final String STAGE = "linkcheck";
    public static final String IMAGE_FORMAT = "IMAGE_FORMAT";

    private final OutputTag<RejectionRecord> rejectionsTag;
    private final RejectionSampler sampler;
    private final Set<String> allowedFormats;
    private transient ReasonCounters outcomes;
    private transient StageRejections rejections;

    /**
     * @param allowedFormats image formats kept, as extensions name them (see {@link ImageFormats})
     */
    public LinkOutcomeRouter(
            OutputTag<RejectionRecord> rejectionsTag,
            RejectionSampler sampler,
            Set<String> allowedFormats) {
        this.rejectionsTag = rejectionsTag;
        this.sampler = sampler;
        this.allowedFormats = Set.copyOf(allowedFormats);
    }

    @Override
    public void open(OpenContext openContext) {
        outcomes =
                new ReasonCounters(
                        Metrics.ccpairs(getRuntimeContext().getMetricGroup()), "link_checks");
        rejections = new StageRejections(getRuntimeContext().getMetricGroup(), STAGE, sampler);
    }

    @Override
    public void processElement(Pair pair, Context ctx, Collector<Pair> out) {
        LinkCheck check = pair.linkCheck();
        LinkStatus status = check == null ? LinkStatus.CHECK_FAILED : check.status();
        outcomes.inc(status.name(), 1);
        if (status != LinkStatus.OK) {
            rejections.reject(
                    pair,
                    status.name(),
                    check == null ? "no link-check result" : check.detail(),
                    r -> ctx.output(rejectionsTag, r));
            return;
        }
        String refused = ImageFormats.refusal(check, allowedFormats);
        if (refused != null) {
            rejections.reject(pair, IMAGE_FORMAT, refused, r -> ctx.output(rejectionsTag, r));
            return;
        }
        out.collect(pair);
    }
}
