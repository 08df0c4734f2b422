package org.ccpairs.jobs.linkcheck;

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
 * rejections side output.
 */
public class LinkOutcomeRouter extends ProcessFunction<Pair, Pair> {
    public static final String STAGE = "linkcheck";

    private final OutputTag<RejectionRecord> rejections;
    private final RejectionSampler sampler;
    private transient ReasonCounters outcomes;
    private transient RejectionCounters rejected;
    private transient Counter sampled;

    public LinkOutcomeRouter(OutputTag<RejectionRecord> rejections, RejectionSampler sampler) {
        this.rejections = rejections;
        this.sampler = sampler;
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
        if (status == LinkStatus.OK) {
            out.collect(pair);
            return;
        }
        rejected.inc(status.name());
        if (sampler.sampled(pair.pairId())) {
            sampled.inc();
            ctx.output(
                    rejections,
                    RejectionRecord.of(
                            STAGE,
                            status.name(),
                            check == null ? "no link-check result" : check.detail(),
                            pair,
                            System.currentTimeMillis()));
        }
    }
}
