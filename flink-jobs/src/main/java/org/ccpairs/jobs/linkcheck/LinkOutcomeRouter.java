package org.ccpairs.jobs.linkcheck;

import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.metrics.Metrics;
import org.ccpairs.jobs.metrics.ReasonCounters;
import org.ccpairs.jobs.metrics.RejectionCounters;
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

    private final OutputTag<RejectionRecord> rejections;
    private final RejectionSampler sampler;
    private final Set<String> allowedFormats;
    private transient ReasonCounters outcomes;
    private transient RejectionCounters rejected;
    private transient Counter sampled;

    /**
     * @param allowedFormats image formats kept, as extensions name them (see {@link ImageFormats})
     */
    public LinkOutcomeRouter(
            OutputTag<RejectionRecord> rejections,
            RejectionSampler sampler,
            Set<String> allowedFormats) {
        this.rejections = rejections;
        this.sampler = sampler;
        this.allowedFormats = Set.copyOf(allowedFormats);
    }

    @Override
    public void open(OpenContext openContext) {
        outcomes =
                new ReasonCounters(
                        Metrics.ccpairs(getRuntimeContext().getMetricGroup()), "link_checks");
        rejected = new RejectionCounters(getRuntimeContext().getMetricGroup(), STAGE);
        sampled =
                Metrics.ccpairs(getRuntimeContext().getMetricGroup()).counter("rejections_sampled");
    }

    @Override
    public void processElement(Pair pair, Context ctx, Collector<Pair> out) {
        LinkCheck check = pair.linkCheck();
        LinkStatus status = check == null ? LinkStatus.CHECK_FAILED : check.status();
        outcomes.inc(status.name(), 1);
        if (status != LinkStatus.OK) {
            reject(
                    pair,
                    status.name(),
                    check == null ? "no link-check result" : check.detail(),
                    ctx);
            return;
        }
        String format = ImageFormats.of(check);
        if (format != null && !allowedFormats.contains(format)) {
            reject(
                    pair,
                    IMAGE_FORMAT,
                    format
                            + " (Content-Type "
                            + check.contentType()
                            + ") is not among filter.url.allowed-extensions",
                    ctx);
            return;
        }
        out.collect(pair);
    }

    private void reject(Pair pair, String reason, String detail, Context ctx) {
        rejected.inc(reason);
        if (sampler.sampled(pair.pairId())) {
            sampled.inc();
            ctx.output(
                    rejections,
                    RejectionRecord.of(STAGE, reason, detail, pair, System.currentTimeMillis()));
        }
    }
}
