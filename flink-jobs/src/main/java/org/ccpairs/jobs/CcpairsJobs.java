package org.ccpairs.jobs;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.apache.iceberg.catalog.Catalog;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.ccpairs.avro.DatasetVersion;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.ImageTextPair;
import org.ccpairs.avro.Rejection;
import org.ccpairs.avro.Retraction;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.DeadLetterRecord;
import org.ccpairs.jobs.model.KafkaMessage;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RejectionRecord;
import org.ccpairs.jobs.model.RetractedPair;
import org.ccpairs.jobs.safety.SafetyOptions;
import org.ccpairs.jobs.segments.KafkaMessageDeserializer;
import org.ccpairs.jobs.sink.AvroKafkaSerializationSchema;
import org.ccpairs.jobs.sink.AvroMapping;
import org.ccpairs.jobs.sink.KafkaSettings;
import org.ccpairs.jobs.version.DatasetSettings;
import org.ccpairs.jobs.version.DatasetTable;

/** Wires {@link CcpairsJob} to a real Kafka cluster, schema registry and Iceberg catalog. */
public final class CcpairsJobs {
    /**
     * Kafka transactions stay open for up to one checkpoint interval; 15 minutes is the brokers'
     * default maximum ({@code transaction.max.timeout.ms}).
     */
    private static final String TRANSACTION_TIMEOUT_MS = "900000";

    private CcpairsJobs() {}

    /**
     * Entry point of the job in a Flink cluster (application mode, {@code flink run}): settings
     * come from the cluster's configuration, overridden by {@code --key value} arguments.
     */
    public static void main(String[] args) throws Exception {
        Configuration fromArgs = Configuration.fromMap(ParameterTool.fromArgs(args).toMap());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(fromArgs);
        Configuration conf = new Configuration();
        conf.addAll(Configuration.fromMap(env.getConfiguration().toMap()));
        conf.addAll(fromArgs);
        from(conf).build().addTo(env);
        env.execute("ccpairs");
    }

    /**
     * The job for {@code conf}, with the real Kafka source and exactly-once sinks; creates the
     * dataset table when missing. Parts can still be replaced on the returned builder.
     *
     * @throws IllegalArgumentException when a required setting is missing or invalid
     */
    public static CcpairsJob.Builder from(Configuration conf) {
        KafkaSettings kafka = KafkaSettings.from(conf);
        RegistrySettings registry = RegistrySettings.from(conf);
        DatasetSettings dataset = DatasetSettings.from(conf);
        Catalog catalog = dataset.catalogLoader().loadCatalog();
        DatasetTable.ensure(catalog, dataset.tableIdentifier());
        CcpairsJob.Builder builder = CcpairsJob.builder();
        if (conf.get(SafetyOptions.LISTS_ENABLED) && conf.get(SafetyOptions.LISTS_LIVE)) {
            builder.blocklistUpdates(inputTopic(kafka, conf.get(SafetyOptions.LISTS_TOPIC)));
        }
        return builder.announcements(inputTopic(kafka, kafka.segmentsTopic()))
                .pairsSink(
                        exactlyOnceSink(
                                kafka,
                                "pairs",
                                new AvroKafkaSerializationSchema<Pair, ImageTextPair>(
                                        kafka.pairsTopic(),
                                        registry,
                                        ImageTextPair.getClassSchema(),
                                        AvroMapping::toAvro,
                                        Pair::pairId)))
                .versionsSink(
                        exactlyOnceSink(
                                kafka,
                                "versions",
                                new AvroKafkaSerializationSchema<
                                        DatasetVersionRecord, DatasetVersion>(
                                        kafka.versionsTopic(),
                                        registry,
                                        DatasetVersion.getClassSchema(),
                                        AvroMapping::toAvro,
                                        DatasetVersionRecord::table)))
                .deadLetterSink(
                        exactlyOnceSink(
                                kafka,
                                "dlq",
                                new AvroKafkaSerializationSchema<DeadLetterRecord, DeadLetter>(
                                        kafka.dlqTopic(),
                                        registry,
                                        DeadLetter.getClassSchema(),
                                        AvroMapping::toAvro,
                                        DeadLetterRecord::stage)))
                .rejectionsSink(
                        exactlyOnceSink(
                                kafka,
                                "rejections",
                                new AvroKafkaSerializationSchema<RejectionRecord, Rejection>(
                                        kafka.rejectionsTopic(),
                                        registry,
                                        Rejection.getClassSchema(),
                                        AvroMapping::toAvro,
                                        RejectionRecord::pairId)))
                .takedowns(inputTopic(kafka, kafka.takedownsTopic()))
                .retractionsSink(
                        exactlyOnceSink(
                                kafka,
                                "retractions",
                                new AvroKafkaSerializationSchema<RetractedPair, Retraction>(
                                        kafka.retractionsTopic(),
                                        registry,
                                        Retraction.getClassSchema(),
                                        AvroMapping::toAvro,
                                        r -> r.retraction().pairId())))
                .dataset(dataset)
                .registry(registry)
                .configuration(conf);
    }

    /**
     * One of the job's input topics (segments, takedowns, blocklist), read_committed, from the
     * offsets of the job's group, or from the start of the topic the first time: an announcement,
     * takedown or list update published before the job first ran still counts, and the lists in
     * broadcast state are rebuilt from every update ever published.
     */
    @SuppressWarnings("deprecation")
    static KafkaSource<KafkaMessage> inputTopic(KafkaSettings kafka, String topic) {
        return KafkaSource.<KafkaMessage>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setProperties(kafka.properties())
                .setTopics(topic)
                .setGroupId(kafka.groupId())
                .setStartingOffsets(
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setDeserializer(new KafkaMessageDeserializer())
                .build();
    }

    static <T> Sink<T> exactlyOnceSink(
            KafkaSettings kafka, String name, AvroKafkaSerializationSchema<T, ?> schema) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setKafkaProducerConfig(kafka.properties())
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS)
                .setRecordSerializer(schema)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(kafka.transactionalIdPrefix() + "-" + name)
                .build();
    }
}
