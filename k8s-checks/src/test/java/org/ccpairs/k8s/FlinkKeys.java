package org.ccpairs.k8s;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBNativeMetricOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.ccpairs.cli.ConfigReference;

/**
 * Whether the keys of a {@code flinkConfiguration} are real: ccpairs' own {@link ConfigOption}s
 * (the classes of {@link ConfigReference}), Flink 2.1's options (read from its option classes, by
 * their current key: a deprecated key is reported with its replacement), a metric reporter's
 * settings, or the Flink Kubernetes Operator 1.13's keys in {@link #OPERATOR_KEYS}.
 */
final class FlinkKeys {
    private static final List<Class<?>> FLINK_CLASSES =
            List.of(
                    CheckpointingOptions.class,
                    StateBackendOptions.class,
                    StateRecoveryOptions.class,
                    HighAvailabilityOptions.class,
                    RestartStrategyOptions.class,
                    MetricOptions.class,
                    PipelineOptions.class,
                    CoreOptions.class,
                    ExecutionOptions.class,
                    TaskManagerOptions.class,
                    JobManagerOptions.class,
                    RocksDBOptions.class,
                    RocksDBConfigurableOptions.class,
                    RocksDBNativeMetricOptions.class);

    /**
     * Keys of the Flink Kubernetes Operator 1.13 (operator and autoscaler configuration reference)
     * that a FlinkDeployment may set; the operator's classes are not on this classpath.
     */
    static final Set<String> OPERATOR_KEYS =
            Set.of(
                    "kubernetes.operator.periodic.savepoint.interval",
                    "kubernetes.operator.periodic.checkpoint.interval",
                    "kubernetes.operator.savepoint.history.max.count",
                    "kubernetes.operator.savepoint.history.max.age",
                    "kubernetes.operator.savepoint.format.type",
                    "kubernetes.operator.job.upgrade.last-state-fallback.enabled",
                    "kubernetes.operator.job.restart.failed",
                    "kubernetes.operator.cluster.health-check.enabled",
                    "job.autoscaler.enabled",
                    "job.autoscaler.scaling.enabled",
                    "job.autoscaler.stabilization.interval",
                    "job.autoscaler.metrics.window",
                    "job.autoscaler.target.utilization",
                    "job.autoscaler.target.utilization.boundary",
                    "job.autoscaler.restart.time",
                    "job.autoscaler.catch-up.duration",
                    "job.autoscaler.scale-down.interval",
                    "job.autoscaler.scale-up.grace-period",
                    "job.autoscaler.vertex.max-parallelism",
                    "job.autoscaler.vertex.min-parallelism",
                    "job.autoscaler.memory.tuning.enabled");

    /**
     * Settings of Flink's S3 filesystem plugins (flink-s3-fs-presto / -hadoop, not on this
     * classpath) that k8s/ may set; credentials are deliberately not among them.
     */
    static final Set<String> S3_KEYS = Set.of("s3.endpoint", "s3.path.style.access");

    /** Settings a reporter takes under {@code metrics.reporter.<name>.}. */
    private static final Set<String> REPORTER_KEYS =
            Set.of(
                    "factory.class",
                    "port",
                    "interval",
                    "scope.delimiter",
                    "filter.includes",
                    "filter.excludes");

    private FlinkKeys() {}

    /** One message per key that is not a real, current setting. */
    static List<String> problems(Collection<String> keys) {
        Set<String> known = new HashSet<>(OPERATOR_KEYS);
        known.addAll(S3_KEYS);
        Map<String, String> deprecated = new HashMap<>();
        List<Class<?>> classes = new ArrayList<>(FLINK_CLASSES);
        classes.addAll(ConfigReference.OPTION_CLASSES);
        for (Class<?> c : classes) {
            for (ConfigOption<?> o : options(c)) {
                known.add(o.key());
                for (FallbackKey f : o.fallbackKeys()) {
                    deprecated.put(f.getKey(), o.key());
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (String key : keys) {
            if (known.contains(key)) {
                continue;
            }
            if (deprecated.containsKey(key)) {
                problems.add(key + " is deprecated: use " + deprecated.get(key));
            } else if (key.startsWith("metrics.reporter.")) {
                String rest = key.substring("metrics.reporter.".length());
                if (!REPORTER_KEYS.contains(rest.substring(rest.indexOf('.') + 1))) {
                    problems.add(key + " is not a metric reporter setting");
                }
            } else {
                problems.add(
                        key + " is neither a ccpairs, Flink 2.1 nor Flink operator 1.13 setting");
            }
        }
        return problems;
    }

    private static List<ConfigOption<?>> options(Class<?> c) {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field f : c.getFields()) {
            if (Modifier.isStatic(f.getModifiers())
                    && ConfigOption.class.isAssignableFrom(f.getType())) {
                try {
                    options.add((ConfigOption<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return options;
    }
}
