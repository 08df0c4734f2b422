package org.ccpairs.k8s;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.sink.KafkaSettings;
import org.ccpairs.jobs.version.DatasetSettings;

/** The job's settings out of a FlinkDeployment's flinkConfiguration, parsed as the job does. */
record JobSettings(
        KafkaSettings kafka,
        RegistrySettings registry,
        DatasetSettings dataset,
        Duration checkpointInterval,
        Duration checkpointTimeout) {
    static JobSettings of(Map<String, Object> flinkDeployment) {
        Map<String, String> map = new HashMap<>();
        Yaml.map(flinkDeployment, "spec.flinkConfiguration")
                .forEach((k, v) -> map.put(k, String.valueOf(v)));
        Configuration conf = Configuration.fromMap(map);
        return new JobSettings(
                KafkaSettings.from(conf),
                RegistrySettings.from(conf),
                DatasetSettings.from(conf),
                conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL),
                conf.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT));
    }

    /**
     * {@code CcpairsJobs.TRANSACTION_TIMEOUT_MS}: what the exactly-once sinks ask the broker for.
     */
    long sinkTransactionTimeoutMillis() {
        try {
            var field =
                    org.ccpairs.jobs.CcpairsJobs.class.getDeclaredField("TRANSACTION_TIMEOUT_MS");
            field.setAccessible(true);
            return Long.parseLong((String) field.get(null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("CcpairsJobs.TRANSACTION_TIMEOUT_MS is gone", e);
        }
    }
}
