package org.ccpairs.jobs.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts dead letters of one stage by reason, as {@code ccpairs_dead_letters{stage=...,
 * reason=...}} in Prometheus. Counters are created on first use, so every reason that ever occurred
 * is visible.
 */
public final class DeadLetterCounters {
    private final MetricGroup stageGroup;
    private final Map<String, Counter> byReason = new HashMap<>();

    public DeadLetterCounters(MetricGroup operatorGroup, String stage) {
        this.stageGroup = Metrics.ccpairs(operatorGroup).addGroup("stage", stage);
    }

    public void inc(String reason) {
        byReason.computeIfAbsent(
                        reason, r -> stageGroup.addGroup("reason", r).counter("dead_letters"))
                .inc();
    }
}
