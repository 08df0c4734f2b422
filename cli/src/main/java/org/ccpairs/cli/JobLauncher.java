package org.ccpairs.cli;

import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ccpairs.connectors.kafka.KafkaOptions;
import org.ccpairs.connectors.kafka.TopicAdmin;
import org.ccpairs.jobs.CcpairsJobs;
import org.ccpairs.jobs.safety.SafetyOptions;

/** Starts the job in this JVM (a Flink MiniCluster) for {@code run} and {@code demo}. */
final class JobLauncher {
    private static final String PROMETHEUS_PREFIX = "metrics.reporter.prom.";

    private JobLauncher() {}

    /**
     * Creates the job's topics when missing: one partition for segments and versions, more for the
     * rest.
     */
    static void ensureTopics(Configuration conf, int pairsPartitions) {
        TopicAdmin.ensure(
                conf.get(KafkaOptions.BOOTSTRAP_SERVERS),
                conf.get(KafkaOptions.CLIENT_PROPERTIES),
                Map.of(
                        conf.get(KafkaOptions.SEGMENTS_TOPIC), 1,
                        conf.get(KafkaOptions.VERSIONS_TOPIC), 1,
                        conf.get(KafkaOptions.PAIRS_TOPIC), pairsPartitions,
                        conf.get(KafkaOptions.DLQ_TOPIC), 1,
                        conf.get(KafkaOptions.REJECTIONS_TOPIC), pairsPartitions,
                        conf.get(KafkaOptions.TAKEDOWNS_TOPIC), 1,
                        conf.get(KafkaOptions.RETRACTIONS_TOPIC), 1,
                        conf.get(SafetyOptions.LISTS_TOPIC), 1));
    }

    /**
     * Turns on Flink's Prometheus reporter on {@code port}, unless the settings already configure a
     * reporter of that name.
     */
    static void enablePrometheus(Configuration conf, int port) {
        if (!conf.containsKey(PROMETHEUS_PREFIX + "factory.class")) {
            conf.setString(
                    PROMETHEUS_PREFIX + "factory.class",
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            conf.setString(PROMETHEUS_PREFIX + "port", Integer.toString(port));
        }
    }

    private static final String BUFFER_DEBLOAT =
            "taskmanager.network.memory.buffer-debloat.enabled";

    /** Builds the job for {@code conf} and starts it without waiting for it. */
    static JobClient start(Configuration conf, String name) throws Exception {
        // keep aligned checkpoints short behind a slow stage (docs/reading.md), unless chosen
        if (!conf.containsKey(BUFFER_DEBLOAT)) {
            conf.setString(BUFFER_DEBLOAT, "true");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        CcpairsJobs.from(conf).build().addTo(env);
        return env.executeAsync(name);
    }
}
