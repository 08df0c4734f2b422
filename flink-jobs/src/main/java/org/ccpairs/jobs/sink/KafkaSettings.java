package org.ccpairs.jobs.sink;

import java.io.Serializable;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.ccpairs.connectors.kafka.KafkaOptions;

/** The job's Kafka settings, read once from the {@code kafka.*} options. */
public record KafkaSettings(
        String bootstrapServers,
        Map<String, String> clientProperties,
        String segmentsTopic,
        String pairsTopic,
        String versionsTopic,
        String dlqTopic,
        String rejectionsTopic,
        String takedownsTopic,
        String retractionsTopic,
        String groupId,
        String transactionalIdPrefix)
        implements Serializable {

    public KafkaSettings {
        clientProperties = Map.copyOf(clientProperties);
    }

    /**
     * @throws IllegalArgumentException when {@code kafka.bootstrap-servers} is missing
     */
    public static KafkaSettings from(Configuration conf) {
        String bootstrap =
                conf.getOptional(KafkaOptions.BOOTSTRAP_SERVERS)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "'"
                                                        + KafkaOptions.BOOTSTRAP_SERVERS.key()
                                                        + "' is not set: give the Kafka bootstrap"
                                                        + " servers, e.g. --bootstrap-servers"
                                                        + " localhost:9092"));
        return new KafkaSettings(
                bootstrap,
                conf.get(KafkaOptions.CLIENT_PROPERTIES),
                conf.get(KafkaOptions.SEGMENTS_TOPIC),
                conf.get(KafkaOptions.PAIRS_TOPIC),
                conf.get(KafkaOptions.VERSIONS_TOPIC),
                conf.get(KafkaOptions.DLQ_TOPIC),
                conf.get(KafkaOptions.REJECTIONS_TOPIC),
                conf.get(KafkaOptions.TAKEDOWNS_TOPIC),
                conf.get(KafkaOptions.RETRACTIONS_TOPIC),
                conf.get(KafkaOptions.GROUP_ID),
                conf.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX));
    }

    /** The client properties as {@link Properties}, for Kafka builders. */
    public Properties properties() {
        Properties p = new Properties();
        p.putAll(clientProperties);
        return p;
    }
}
