package org.ccpairs.k8s;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;
import org.ccpairs.connectors.connect.ConnectSettings;

/**
 * A KafkaConnector's config checked as Kafka Connect would: the keys are the connector's own
 * (ConnectSettings) or Connect's, and the connector's {@code validate} accepts the values.
 */
final class ConnectorConfig {
    /** Connector-level settings of the Connect framework that k8s/ may use. */
    private static final Set<String> CONNECT_KEYS =
            Set.of(
                    "key.converter",
                    "value.converter",
                    "header.converter",
                    "exactly.once.support",
                    "transaction.boundary",
                    "offsets.storage.topic",
                    "errors.tolerance",
                    "errors.log.enable");

    private ConnectorConfig() {}

    static List<String> problems(String connectorClass, Map<String, String> config)
            throws Exception {
        List<String> problems = new ArrayList<>();
        Set<String> ours = new HashSet<>();
        for (ConfigOption<?> o : ConnectSettings.OPTIONS) {
            ours.add(o.key());
        }
        for (String key : config.keySet()) {
            if (!ours.contains(key) && !CONNECT_KEYS.contains(key)) {
                problems.add(key + " is not a setting of the connector or of Kafka Connect");
            }
        }
        Connector connector =
                (Connector) Class.forName(connectorClass).getDeclaredConstructor().newInstance();
        for (ConfigValue v : connector.validate(config).configValues()) {
            for (String message : v.errorMessages()) {
                problems.add(v.name() + ": " + message);
            }
        }
        return problems;
    }
}
