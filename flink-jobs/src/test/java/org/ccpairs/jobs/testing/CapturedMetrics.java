package org.ccpairs.jobs.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.ExecutionAttemptID;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;

/**
 * Records every metric an operator under a test harness registers, so that tests can read the
 * {@code ccpairs} counters the way a reporter would see them. Pass {@link #environment()} to the
 * harness constructor; the default harness environment drops metrics.
 */
public final class CapturedMetrics {
    private record Registered(List<String> path, Metric metric) {}

    private final List<Registered> registered = new CopyOnWriteArrayList<>();
    private final TaskMetricGroup taskGroup;

    public CapturedMetrics() {
        TestingMetricRegistry registry =
                TestingMetricRegistry.builder()
                        .setDelimiter('.')
                        .setRegisterConsumer(
                                (metric, name, group) -> {
                                    List<String> path =
                                            new ArrayList<>(
                                                    Arrays.asList(group.getScopeComponents()));
                                    path.add(name);
                                    registered.add(new Registered(path, metric));
                                })
                        // a closed group unregisters its metrics, as a reporter would see it
                        .setUnregisterConsumer(
                                (metric, name, group) ->
                                        registered.removeIf(r -> r.metric() == metric))
                        .build();
        taskGroup =
                TaskManagerMetricGroup.createTaskManagerMetricGroup(
                                registry, "localhost", ResourceID.generate())
                        .addJob(new JobID(), "test-job")
                        .addTask(ExecutionAttemptID.randomId(), "test-task");
    }

    /** A one-subtask harness environment whose operators report into this capture. */
    public MockEnvironment environment() {
        return new MockEnvironmentBuilder().setMetricGroup(taskGroup).build();
    }

    /**
     * The value of the counter whose scope ends with {@code path}, e.g. {@code counter("ccpairs",
     * "duplicates_dropped")}.
     *
     * @throws AssertionError when no such counter was registered (or more than one), so that a
     *     misspelt name cannot pass as a zero count
     */
    public long counter(String... path) {
        Metric metric = find(path);
        if (metric == null) {
            throw new AssertionError(
                    "no metric ends with "
                            + List.of(path)
                            + "; registered: "
                            + registered.stream().map(r -> String.join(".", r.path())).toList());
        }
        return ((Counter) metric).getCount();
    }

    /**
     * The value of the gauge whose scope ends with {@code path}, or empty when none is registered
     * (never registered, or unregistered again).
     */
    public java.util.Optional<Object> gauge(String... path) {
        Metric metric = find(path);
        return metric == null
                ? java.util.Optional.empty()
                : java.util.Optional.ofNullable(
                        ((org.apache.flink.metrics.Gauge<?>) metric).getValue());
    }

    private Metric find(String... path) {
        List<String> suffix = List.of(path);
        Metric found = null;
        for (Registered r : registered) {
            List<String> p = r.path();
            if (p.size() >= suffix.size()
                    && p.subList(p.size() - suffix.size(), p.size()).equals(suffix)) {
                if (found != null) {
                    throw new AssertionError("more than one metric ends with " + suffix);
                }
                found = r.metric();
            }
        }
        return found;
    }
}
