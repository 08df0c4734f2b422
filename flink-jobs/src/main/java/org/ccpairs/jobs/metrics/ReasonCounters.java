package org.ccpairs.jobs.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * One counter per reason, created on first use, exported as {@code
 * ccpairs_reason_<name>{reason=...}} (Flink's reporter puts the label key into the name).
 */
public final class ReasonCounters {
    private final MetricGroup group;
    private final String name;
    private final Map<String, Counter> byReason = new HashMap<>();

    public ReasonCounters(MetricGroup ccpairsGroup, String name) {
        this.group = ccpairsGroup;
        this.name = name;
    }

    public void inc(String reason, long n) {
        if (n > 0) {
            byReason.computeIfAbsent(reason, r -> group.addGroup("reason", r).counter(name)).inc(n);
        }
    }
}
