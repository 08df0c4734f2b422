package org.ccpairs.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.ccpairs.jobs.version.DatasetOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ccpairs run}: the always-on job, in this JVM, against the given Kafka, registry and
 * warehouse.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the always-on job in this process (a local Flink cluster) until interrupted.",
            "It reads announcements from the segments topic, publishes pairs, dataset versions and"
                + " dead letters, and commits versions to the dataset table. On Kubernetes, run the"
                + " same job with the Flink operator instead (see k8s/).",
            "Any setting can be given with --conf KEY=VALUE (see docs/configuration.md)."
        })
final class RunCommand implements Callable<Integer> {
    @Mixin KafkaEndpoints endpoints;

    @Option(
            names = {"-w", "--warehouse"},
            description = "Dataset warehouse (hadoop catalog). Default: .ccpairs/warehouse.")
    String warehouse;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "30s",
            description =
                    "How often state is checkpointed and pairs are published. Default:"
                            + " ${DEFAULT-VALUE}.")
    Duration checkpointInterval;

    @Option(
            names = {"-p", "--parallelism"},
            defaultValue = "2",
            description = "Parallelism. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(
            names = "--metrics-port",
            defaultValue = "9249",
            description =
                    "Port of the Prometheus endpoint (/metrics); 0 turns it off. Default:"
                            + " ${DEFAULT-VALUE}.")
    int metricsPort;

    @Option(
            names = "--conf",
            paramLabel = "KEY=VALUE",
            description = "Any job or Flink setting, repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Configuration conf = Configuration.fromMap(settings);
        endpoints.applyTo(conf);
        if (!settings.containsKey(DatasetOptions.WAREHOUSE.key())) {
            conf.set(
                    DatasetOptions.WAREHOUSE,
                    warehouse != null
                            ? warehouse
                            : LocalStackEndpoints.warehouse().toUri().toString());
        }
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        if (metricsPort > 0) {
            JobLauncher.enablePrometheus(conf, metricsPort);
        }
        JobLauncher.ensureTopics(conf, Math.max(parallelism, 3));
        JobClient job = JobLauncher.start(conf, "ccpairs");
        MetricsEndpoint endpoint = metricsPort > 0 ? MetricsEndpoint.publish(metricsPort) : null;
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    if (endpoint != null) {
                                        endpoint.close();
                                    }
                                    job.cancel().join();
                                },
                                "ccpairs-cancel"));
        System.out.println(
                "ccpairs job "
                        + job.getJobID()
                        + " running"
                        + (metricsPort > 0
                                ? "; metrics on http://localhost:" + metricsPort + "/metrics"
                                : "")
                        + "; announce segments with './ccpairs announce', stop with Ctrl-C");
        job.getJobExecutionResult().get();
        return 0;
    }
}
