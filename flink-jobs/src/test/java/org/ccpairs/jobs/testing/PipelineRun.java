package org.ccpairs.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ccpairs.avro.FileKind;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.announce.AnnouncementPublisher;
import org.ccpairs.connectors.announce.Announcements;
import org.ccpairs.connectors.kafka.KafkaOptions;
import org.ccpairs.connectors.registry.RegistryOptions;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.CcpairsJob;
import org.ccpairs.jobs.CcpairsJobs;
import org.ccpairs.jobs.JobOptions;
import org.ccpairs.jobs.filter.FilterOptions;
import org.ccpairs.jobs.linkcheck.LinkCheckOptions;
import org.ccpairs.jobs.safety.SafetyOptions;
import org.ccpairs.jobs.version.DatasetOptions;
import org.ccpairs.jobs.version.DatasetSettings;
import org.ccpairs.localstack.SharedStackExtension;
import org.ccpairs.localstack.web.ImageHosts;
import org.ccpairs.localstack.web.TestImages;

/**
 * One run of the real job on a MiniCluster against the shared broker and registry, with topics of
 * its own and a fresh warehouse, so that tests do not see each other's data.
 */
public final class PipelineRun implements AutoCloseable {
    private static final Set<String> POLICY_FILES =
            Set.of("/robots.txt", "/ai.txt", "/.well-known/tdmrep.json");

    public final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
    public final String segmentsTopic = prefix + ".segments";
    public final String pairsTopic = prefix + ".pairs";
    public final String versionsTopic = prefix + ".versions";
    public final String dlqTopic = prefix + ".dlq";
    public final String rejectionsTopic = prefix + ".rejections";
    public final String takedownsTopic = prefix + ".takedowns";
    public final String retractionsTopic = prefix + ".retractions";
    public final String blocklistTopic = prefix + ".blocklist";

    /**
     * The image hosts the link checker reaches: every host name is routed here. Every image URL
     * answers a real PNG unless a test routes it otherwise; the hosts' policy files are absent.
     */
    public final ImageHosts web;

    public final Configuration conf = new Configuration();
    private final AnnouncementPublisher publisher;
    private JobClient job;

    public PipelineRun(Path warehouse) {
        try {
            web = ImageHosts.start().keepRequests(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] png = TestImages.png(64, 48);
        web.fallback(
                r ->
                        POLICY_FILES.contains(r.path())
                                ? ImageHosts.Answer.status(404)
                                : ImageHosts.Answer.image(png, "image/png"));
        SharedStackExtension.kafka()
                .createTopics(
                        1,
                        segmentsTopic,
                        versionsTopic,
                        dlqTopic,
                        rejectionsTopic,
                        takedownsTopic,
                        retractionsTopic);
        SharedStackExtension.kafka().createTopics(3, pairsTopic);
        SharedStackExtension.kafka().createTopics(1, blocklistTopic);
        conf.set(SafetyOptions.LISTS_TOPIC, blocklistTopic);
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, bootstrapServers());
        conf.set(KafkaOptions.SEGMENTS_TOPIC, segmentsTopic);
        conf.set(KafkaOptions.PAIRS_TOPIC, pairsTopic);
        conf.set(KafkaOptions.VERSIONS_TOPIC, versionsTopic);
        conf.set(KafkaOptions.DLQ_TOPIC, dlqTopic);
        conf.set(KafkaOptions.REJECTIONS_TOPIC, rejectionsTopic);
        conf.set(KafkaOptions.TAKEDOWNS_TOPIC, takedownsTopic);
        conf.set(KafkaOptions.RETRACTIONS_TOPIC, retractionsTopic);
        conf.set(JobOptions.REJECTIONS_SAMPLE_RATE, 1.0);
        // which pairs of a caption past the boilerplate limit pass depends on the order in which
        // parallel subtasks deliver them: off, so that tests can expect exact sets of pairs
        // (BoilerplateFunctionTest covers the counter)
        conf.set(FilterOptions.BOILERPLATE_MAX_COUNT, 0);
        conf.set(LinkCheckOptions.TESTING_ENDPOINTS, List.of(web.everyHost()));
        // the corpus has hundreds of images per host: no need to be polite to our own server
        conf.set(LinkCheckOptions.HOST_RATE, 10_000.0);
        conf.set(LinkCheckOptions.HOST_BURST, 100);
        conf.set(LinkCheckOptions.HOST_MAX_CONCURRENT, 16);
        conf.set(KafkaOptions.GROUP_ID, prefix);
        conf.set(KafkaOptions.TRANSACTIONAL_ID_PREFIX, prefix);
        conf.set(RegistryOptions.URL, registryUrl());
        conf.set(DatasetOptions.WAREHOUSE, warehouse.toUri().toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        // as in production (docs/reading.md): behind a slow stage, aligned checkpoint barriers
        // would queue behind full network buffers for seconds at every exchange
        conf.setString("taskmanager.network.memory.buffer-debloat.enabled", "true");
        // every record type must have a real Flink serializer, not Kryo
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        publisher =
                new AnnouncementPublisher(
                        bootstrapServers(),
                        Map.of(),
                        RegistrySettings.of(registryUrl()),
                        segmentsTopic);
    }

    public static String bootstrapServers() {
        return SharedStackExtension.kafka().bootstrapServers();
    }

    public static String registryUrl() {
        return SharedStackExtension.registryUrl();
    }

    /** A reader of {@code topic} on the shared broker, decoding with the shared registry. */
    public static <T extends SpecificRecord> TopicReader<T> reader(String topic, Schema schema) {
        return new TopicReader<>(bootstrapServers(), registryUrl(), topic, schema);
    }

    public PipelineRun start() throws Exception {
        return start(builder -> {});
    }

    /** Starts the job with some of its parts replaced, e.g. a file reader that fails on purpose. */
    public PipelineRun start(Consumer<CcpairsJob.Builder> customize) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        CcpairsJob.Builder builder = CcpairsJobs.from(conf);
        customize.accept(builder);
        builder.build().addTo(env);
        job = env.executeAsync("ccpairs " + prefix);
        return this;
    }

    public JobClient job() {
        return job;
    }

    public void announce(String segmentId, Path... files) {
        List<String> urls = java.util.Arrays.stream(files).map(f -> f.toUri().toString()).toList();
        announceUrls(segmentId, urls);
    }

    public void announceUrls(String segmentId, List<String> urls) {
        announceUrls(segmentId, FileKind.WARC, urls);
    }

    public void announceUrls(String segmentId, FileKind kind, List<String> urls) {
        SegmentAnnouncement a =
                Announcements.of(
                        "CC-TEST-2026-01", segmentId, kind, urls, "test", Clock.systemUTC());
        publisher.publish(a);
    }

    /** Sends raw bytes to the segments topic, as a misbehaving producer would. */
    public void sendRaw(byte[] value) throws Exception {
        sendRawTo(segmentsTopic, value);
    }

    /** Sends raw bytes to {@code topic}, as a misbehaving producer would. */
    public void sendRawTo(String topic, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, value)).get();
        }
    }

    public Table table() {
        DatasetSettings settings = DatasetSettings.from(conf);
        Catalog catalog = settings.catalogLoader().loadCatalog();
        return catalog.loadTable(settings.tableIdentifier());
    }

    private static void assertCancelled(ExecutionException e) throws ExecutionException {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.flink.runtime.client.JobCancellationException
                    || (t.getMessage() != null && t.getMessage().contains("CANCELED"))) {
                return;
            }
        }
        throw e; // the job failed for another reason: the test should hear of it
    }

    @Override
    public void close() throws Exception {
        try {
            if (job != null) {
                job.cancel().get();
                // cancel() returns once the cancellation is accepted; tasks may still be closing
                // files in the warehouse, which the test's temporary directory removes next. The
                // job's result arrives when it has stopped: for a cancelled job, its cancellation.
                try {
                    job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
                } catch (ExecutionException cancelled) {
                    assertCancelled(cancelled);
                }
            }
        } finally {
            publisher.close();
            web.close();
        }
    }
}
