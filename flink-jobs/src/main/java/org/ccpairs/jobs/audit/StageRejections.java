package org.ccpairs.jobs.audit;

import java.util.function.Consumer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.ccpairs.jobs.metrics.Metrics;
import org.ccpairs.jobs.metrics.RejectionCounters;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RejectionRecord;

/**
 * What a filter stage does with a pair it drops: count it by stage and reason ({@code
 * ccpairs_stage_reason_pairs_rejected}), and when the sampler picks it, hand a {@link
 * RejectionRecord} to the stage's rejections side output ({@code ccpairs_rejections_sampled}).
 * Create in {@code open()}.
 */
public final class StageRejections {
    private final String stage;
    private final RejectionSampler sampler;
    private final RejectionCounters counters;
    private final Counter sampled;

    public StageRejections(MetricGroup operatorGroup, String stage, RejectionSampler sampler) {
        this.stage = stage;
        this.sampler = sampler;
        this.counters = new RejectionCounters(operatorGroup, stage);
        this.sampled = Metrics.ccpairs(operatorGroup).counter("rejections_sampled");
    }

    /** Counts the rejection of {@code pair} and passes the sampled ones to {@code output}. */
    public void reject(Pair pair, String reason, String detail, Consumer<RejectionRecord> output) {
        counters.inc(reason);
        if (sampler.sampled(pair.pairId())) {
            sampled.inc();
            output.accept(
                    RejectionRecord.of(stage, reason, detail, pair, System.currentTimeMillis()));
        }
    }
}
