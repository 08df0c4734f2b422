package org.ccpairs.jobs.metrics;

import org.apache.flink.metrics.MetricGroup;

/**
 * Where ccpairs' metrics live: under the {@code ccpairs} group of each operator, which Flink's
 * Prometheus reporter exports as {@code flink_taskmanager_job_task_operator_ccpairs_<name>} with
 * labels for the job, task and every key/value group. Names and labels are listed in
 * docs/metrics.md.
 */
public final class Metrics {
    public static final String GROUP = "ccpairs";

    private Metrics() {}

    public static MetricGroup ccpairs(MetricGroup operatorGroup) {
        return operatorGroup.addGroup(GROUP);
    }
}
