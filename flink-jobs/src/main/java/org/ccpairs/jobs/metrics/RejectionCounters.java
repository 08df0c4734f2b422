package org.ccpairs.jobs.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts the pairs a filter stage dropped, by reason, as {@code
 * ccpairs_stage_reason_pairs_rejected{stage=..., reason=...}} in Prometheus. Every rejection is
 * counted, sampled or not; counters are created on first use.
 */
public final class RejectionCounters {
    private final MetricGroup stageGroup;
    private final Map<String, Counter> byReason = new HashMap<>();

    public RejectionCounters(MetricGroup operatorGroup, String stage) {
        this.stageGroup = Metrics.ccpairs(operatorGroup).addGroup("stage", stage);
    }

    public void inc(String reason) {
        byReason.computeIfAbsent(
                        reason, r -> stageGroup.addGroup("reason", r).counter("pairs_rejected"))
                .inc();
    }
}
