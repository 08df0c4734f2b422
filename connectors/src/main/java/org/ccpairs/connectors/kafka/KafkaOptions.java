package org.ccpairs.connectors.kafka;

import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Where ccpairs' topics live and how to reach them. Topic names are defaults; every one can be
 * changed.
 */
public final class KafkaOptions {
    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOptions.key("kafka.bootstrap-servers")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Kafka bootstrap servers, e.g. kafka-0:9092,kafka-1:9092.");

    public static final ConfigOption<Map<String, String>> CLIENT_PROPERTIES =
            ConfigOptions.key("kafka.client-properties")
                    .mapType()
                    .defaultValue(Map.of())
                    .withDescription(
                            "Extra properties for every Kafka client of the job (TLS, SASL), e.g."
                                + " 'security.protocol:SASL_SSL,sasl.mechanism:SCRAM-SHA-512'.");

    public static final ConfigOption<String> SEGMENTS_TOPIC =
            topic("segments", "Segment announcements the job reads (SegmentAnnouncement).");
    public static final ConfigOption<String> PAIRS_TOPIC =
            topic("pairs", "New image-text pairs, written exactly once (ImageTextPair).");
    public static final ConfigOption<String> VERSIONS_TOPIC =
            topic("versions", "One record per committed dataset version (DatasetVersion).");
    public static final ConfigOption<String> DLQ_TOPIC =
            topic(
                    "dlq",
                    "Input the job could not use, with stage, reason and source (DeadLetter).");
    public static final ConfigOption<String> REJECTIONS_TOPIC =
            topic(
                    "rejections",
                    "A sample of the pairs that filter stages dropped, with stage, reason and"
                            + " provenance (Rejection); see rejections.sample-rate.");

    public static final ConfigOption<String> TAKEDOWNS_TOPIC =
            topic(
                    "takedowns",
                    "Requests to take published pairs out of the dataset (TakedownRequest, keyed by"
                            + " pair_id); the job reads them and applies them in its next version."
                            + " 'ccpairs retract' writes them.");
    public static final ConfigOption<String> RETRACTIONS_TOPIC =
            topic(
                    "retractions",
                    "Each pair a dataset version removed, with reason, source and version"
                            + " (Retraction), written exactly once.");

    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("kafka.group-id")
                    .stringType()
                    .defaultValue("ccpairs")
                    .withDescription(
                            "Consumer group of the job on the segments topic. Offsets are"
                                    + " checkpointed by Flink; the group only makes the job's lag"
                                    + " visible to Kafka tools.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("kafka.transactional-id-prefix")
                    .stringType()
                    .defaultValue("ccpairs")
                    .withDescription(
                            "Prefix of the transactional ids of the exactly-once sinks. Must be"
                                + " unique per job writing to the same cluster, and stable across"
                                + " restarts.");

    private KafkaOptions() {}

    private static ConfigOption<String> topic(String name, String description) {
        return ConfigOptions.key("kafka.topic." + name)
                .stringType()
                .defaultValue("ccpairs." + name)
                .withDescription(description);
    }
}
