package org.ccpairs.jobs.filter;

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
 * The prefilter stage, before dedup and any network I/O: the cheap rules ({@link
 * PrefilterSettings#rules()}), then the screener (language, caption safety score) on the pairs that
 * passed, then the rules on what it found. Passing pairs go on with their {@link
 * org.ccpairs.jobs.model.Screening}; every rejection is counted under stage {@code prefilter} and
 * its reason, and a sample goes to the rejections side output. Fails closed: a filter or the
 * screener throwing rejects the pair as {@code FILTER_ERROR}.
 */
public class PrefilterFunction extends ProcessFunction<Pair, Pair> {
    public static final String STAGE = "prefilter";

    private final PrefilterSettings settings;
    private final OutputTag<RejectionRecord> rejectionsTag;
    private final RejectionSampler sampler;

    private transient FilterChain rules;
    private transient FilterChain annotatedRules;
    private transient PairScreener screener;
    private transient StageRejections rejections;
    private transient Counter passed;

    public PrefilterFunction(
            PrefilterSettings settings,
            OutputTag<RejectionRecord> rejectionsTag,
            RejectionSampler sampler) {
        this.settings = settings;
        this.rejectionsTag = rejectionsTag;
        this.sampler = sampler;
    }

    @Override
    public void open(OpenContext openContext) {
        rules = settings.rules();
        annotatedRules = settings.annotatedRules();
        screener = PairScreener.from(settings);
        rejections = new StageRejections(getRuntimeContext().getMetricGroup(), STAGE, sampler);
        passed = Metrics.ccpairs(getRuntimeContext().getMetricGroup()).counter("pairs_prefiltered");
    }

    @Override
    public void processElement(Pair pair, Context ctx, Collector<Pair> out) {
        Decision d = rules.decide(pair);
        Pair screened = pair;
        if (d.passed()) {
            try {
                screened = pair.withScreening(screener.screen(pair));
                d = annotatedRules.decide(screened);
            } catch (RuntimeException e) {
                d =
                        new Decision(
                                "screener",
                                Decision.FILTER_ERROR,
                                "screener failed: "
                                        + e.getClass().getName()
                                        + ": "
                                        + e.getMessage());
            }
        }
        if (d.passed()) {
            passed.inc();
            out.collect(screened);
        } else {
            rejections.reject(pair, d.reason(), d.detail(), r -> ctx.output(rejectionsTag, r));
        }
    }
}
