package org.ccpairs.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.ccpairs.connectors.kafka.KafkaOptions;
import org.ccpairs.connectors.registry.RegistryOptions;
import picocli.CommandLine.Option;

/** Options shared by the commands that talk to Kafka and the schema registry. */
public final class KafkaEndpoints {
    @Option(
            names = {"-b", "--bootstrap-servers"},
            paramLabel = "HOST:PORT",
            description =
                    "Kafka bootstrap servers. Default: the local stack's (see 'ccpairs stack"
                            + " status').")
    String bootstrapServers;

    @Option(
            names = {"-r", "--registry"},
            paramLabel = "URL",
            description = "Confluent-API schema registry URL. Default: the local stack's.")
    String registryUrl;

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            description = "Extra Kafka client property (TLS, SASL), repeatable.")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    /** The bootstrap servers given, else the running local stack's; fails when neither exists. */
    public String bootstrapServers() {
        return bootstrapServers != null
                ? bootstrapServers
                : LocalStackEndpoints.running().bootstrapServers();
    }

    public String registryUrl() {
        return registryUrl != null ? registryUrl : LocalStackEndpoints.running().registryUrl();
    }

    /** Writes the endpoints into a job configuration. */
    public void applyTo(Configuration conf) {
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, bootstrapServers());
        conf.set(RegistryOptions.URL, registryUrl());
        if (!kafkaProperties.isEmpty()) {
            conf.set(KafkaOptions.CLIENT_PROPERTIES, kafkaProperties);
        }
    }
}
