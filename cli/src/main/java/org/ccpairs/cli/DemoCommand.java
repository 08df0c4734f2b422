package org.ccpairs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.catalog.Catalog;
import org.ccpairs.avro.DatasetVersion;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.FileKind;
import org.ccpairs.avro.ImageTextPair;
import org.ccpairs.avro.Retraction;
import org.ccpairs.avro.TakedownRequest;
import org.ccpairs.cli.demo.DemoData;
import org.ccpairs.cli.demo.DemoSummary;
import org.ccpairs.cli.demo.DemoWeb;
import org.ccpairs.cli.demo.SegmentServer;
import org.ccpairs.connectors.announce.AnnouncementPublisher;
import org.ccpairs.connectors.announce.Announcements;
import org.ccpairs.connectors.kafka.AvroTopicReader;
import org.ccpairs.connectors.kafka.AvroTopicWriter;
import org.ccpairs.connectors.kafka.KafkaOptions;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.JobOptions;
import org.ccpairs.jobs.linkcheck.LinkCheckOptions;
import org.ccpairs.jobs.version.DatasetOptions;
import org.ccpairs.jobs.version.DatasetSettings;
import org.ccpairs.jobs.version.DatasetVersions;
import org.ccpairs.jobs.version.VersionSummary;
import org.ccpairs.localstack.LocalStack;
import org.ccpairs.localstack.StackFiles;
import org.ccpairs.localstack.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ccpairs demo}: the whole pipeline on the embedded stack, offline, in about a minute. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run the whole pipeline offline: start Kafka and the schema registry as local"
                + " processes, serve a crawl's WARC files over HTTP on loopback, run the job on a"
                + " local Flink cluster, announce two segments and wait for the two dataset"
                + " versions they produce.",
            "Everything it starts is stopped at the end (also on Ctrl-C). The dataset stays in"
                    + " .ccpairs/warehouse for './ccpairs versions'.",
            "The last line is 'demo: version=<N> pairs=<M>'."
        })
final class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--data",
            defaultValue = "auto",
            description =
                    "auto, corpus (the real WARC files in ../shared/corpus) or generated. Default:"
                            + " ${DEFAULT-VALUE}.")
    String data;

    @Option(
            names = "--timeout",
            defaultValue = "150s",
            description = "Give up after this long. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    private final long start = System.nanoTime();

    @Override
    public Integer call() throws Exception {
        if (!Set.of("auto", "corpus", "generated").contains(data)) {
            throw new IllegalArgumentException(
                    "--data must be auto, corpus or generated, got '" + data + "'");
        }
        Path work = LocalStackEndpoints.workDir();
        Path warehouse = LocalStackEndpoints.warehouse();
        DemoData.Plan plan = DemoData.prepare(data, StackFiles.home(), work.resolve("demo/warc"));

        say(
                "starting Kafka (KRaft, 1 node) and the schema registry (Apicurio, Confluent API)"
                        + " as local processes");
        LocalStack stack = LocalStack.at(work.resolve("demo/stack")).stopOnExit();
        Status status = stack.up(0, 0);
        say("stack up: kafka " + status.bootstrapServers() + ", registry " + status.registryUrl());

        try (SegmentServer server = SegmentServer.start();
                DemoWeb web = DemoWeb.start()) {
            Configuration conf = new Configuration();
            conf.set(KafkaOptions.BOOTSTRAP_SERVERS, status.bootstrapServers());
            conf.set(org.ccpairs.connectors.registry.RegistryOptions.URL, status.registryUrl());
            conf.set(DatasetOptions.WAREHOUSE, warehouse.toUri().toString());
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(2));
            conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
            // the demo runs offline: the image hosts are simulated on loopback (DemoWeb), reached
            // through the checker's test-only routing, which it logs as a warning. Its defaults
            // (4 requests at once, 8 per second per host) are for other people's servers; the
            // corpus has hundreds of images on some hosts, so the demo raises them for its own.
            conf.set(LinkCheckOptions.TESTING_ENDPOINTS, List.of(web.endpointRule()));
            conf.set(LinkCheckOptions.HOST_RATE, 500.0);
            conf.set(LinkCheckOptions.HOST_BURST, 50);
            conf.set(LinkCheckOptions.HOST_MAX_CONCURRENT, 8);
            conf.set(JobOptions.REJECTIONS_SAMPLE_RATE, 1.0);
            resetDataset(conf);
            int metricsPort = Ports.free();
            JobLauncher.enablePrometheus(conf, metricsPort);
            JobLauncher.ensureTopics(conf, 3);
            JobClient job = JobLauncher.start(conf, "ccpairs-demo");
            MetricsEndpoint endpoint = MetricsEndpoint.publish(metricsPort);
            say(
                    "job "
                            + job.getJobID()
                            + " running on a local Flink cluster (parallelism 2, checkpoints every"
                            + " 2s)");
            say("input: " + plan.description());
            say(
                    "image hosts: simulated on 127.0.0.1:"
                            + web.port()
                            + " (every host name routed there; 1 in 16 images answers 404, 1 in"
                            + " 32 403); link check up to 8 requests at once and 500/s per host");
            say(
                    "metrics: http://localhost:"
                            + metricsPort
                            + "/metrics (Prometheus); progress: ./ccpairs status --watch 2s");

            RegistrySettings registry = RegistrySettings.of(status.registryUrl());
            try (endpoint;
                    AnnouncementPublisher publisher =
                            new AnnouncementPublisher(
                                    status.bootstrapServers(),
                                    Map.of(),
                                    registry,
                                    conf.get(KafkaOptions.SEGMENTS_TOPIC));
                    AvroTopicReader<DatasetVersion> versions =
                            tail(
                                    conf,
                                    status,
                                    KafkaOptions.VERSIONS_TOPIC,
                                    DatasetVersion.getClassSchema());
                    AvroTopicReader<ImageTextPair> pairs =
                            tail(
                                    conf,
                                    status,
                                    KafkaOptions.PAIRS_TOPIC,
                                    ImageTextPair.getClassSchema());
                    AvroTopicReader<DeadLetter> deadLetters =
                            tail(
                                    conf,
                                    status,
                                    KafkaOptions.DLQ_TOPIC,
                                    DeadLetter.getClassSchema());
                    AvroTopicReader<Retraction> retractions =
                            tail(
                                    conf,
                                    status,
                                    KafkaOptions.RETRACTIONS_TOPIC,
                                    Retraction.getClassSchema())) {
                int expectedVersions = 0;
                for (DemoData.Segment segment : plan.segments()) {
                    List<String> urls = new ArrayList<>();
                    long bytes = 0;
                    for (Path f : segment.files()) {
                        urls.add(server.publish(DemoData.CRAWL, segment.id(), f));
                        bytes += Files.size(f);
                    }
                    publisher.publish(
                            Announcements.of(
                                    DemoData.CRAWL,
                                    segment.id(),
                                    FileKind.WARC,
                                    urls,
                                    "ccpairs-demo",
                                    Clock.systemUTC()));
                    say(
                            String.format(
                                    "announced %s/%s: %d files, %.1f MB over http://127.0.0.1",
                                    DemoData.CRAWL, segment.id(), urls.size(), bytes / 1e6));
                    expectedVersions++;
                    DatasetVersion v = awaitVersion(expectedVersions, versions, pairs, job);
                    say(
                            String.format(
                                    "version %d committed: %s complete, +%d pairs, %d in total"
                                            + " (%d data files, commit %d ms)",
                                    v.getVersion(),
                                    segment.id(),
                                    v.getPairsAdded(),
                                    v.getPairsTotal(),
                                    VersionSummary.addedDataFiles(
                                            DatasetVersions.open(DatasetSettings.from(conf))
                                                    .table()
                                                    .snapshot(v.getSnapshotId())),
                                    PrometheusScrape.of(metricsPort)
                                            .sum("ccpairs_last_version_commit_ms")));
                }
                // a takedown, as an operator sends it with 'ccpairs retract': the next version
                // removes the pair and the job reports it on the retractions topic
                pairs.poll(Duration.ofSeconds(1));
                ImageTextPair taken = pairs.records().get(0);
                try (AvroTopicWriter<TakedownRequest> takedowns =
                        new AvroTopicWriter<>(
                                status.bootstrapServers(),
                                Map.of(),
                                registry,
                                conf.get(KafkaOptions.TAKEDOWNS_TOPIC),
                                TakedownRequest.getClassSchema(),
                                "ccpairs-demo")) {
                    takedowns.write(
                            taken.getPairId(),
                            TakedownRequest.newBuilder()
                                    .setPairId(taken.getPairId())
                                    .setReason("TAKEDOWN")
                                    .setRequestedBy("demo@ccpairs.invalid")
                                    .setDetail("the demo's takedown of one published pair")
                                    .setRequestedAt(Instant.now())
                                    .build());
                }
                say(
                        "takedown requested on "
                                + conf.get(KafkaOptions.TAKEDOWNS_TOPIC)
                                + " for pair "
                                + taken.getPairId()
                                + " (as './ccpairs retract --pair-id ...' does)");
                expectedVersions++;
                DatasetVersion removal = awaitVersion(expectedVersions, versions, pairs, job);
                say(
                        String.format(
                                "version %d committed: takedown applied, -%d pair %s, %d in"
                                        + " total",
                                removal.getVersion(),
                                removal.getPairsRemoved(),
                                removal.getPairsRemovedByReason(),
                                removal.getPairsTotal()));
                retractions.poll(Duration.ofSeconds(2));
                pairs.poll(Duration.ofSeconds(1));
                deadLetters.poll(Duration.ofSeconds(1));
                PrometheusScrape metrics = PrometheusScrape.of(metricsPort);
                job.cancel().get();
                DemoSummary summary =
                        new DemoSummary(
                                versions.records(),
                                pairs.records(),
                                deadLetters.records(),
                                retractions.records(),
                                server.requests(),
                                server.bytesServed(),
                                web.requests(),
                                web.hostsSeen(),
                                web.maxConcurrencyOfAnyHost(),
                                metrics.byLabel("ccpairs_reason_link_checks", "reason"),
                                counters(metrics),
                                elapsed());
                summary.print(System.out);
                return summary.consistent() ? 0 : 1;
            }
        } finally {
            stack.down();
        }
    }

    private DatasetVersion awaitVersion(
            int n,
            AvroTopicReader<DatasetVersion> versions,
            AvroTopicReader<ImageTextPair> pairs,
            JobClient job)
            throws Exception {
        long lastReport = System.nanoTime();
        int lastCount = -1;
        while (versions.poll(Duration.ofMillis(300)).size() < n) {
            if (elapsed() > timeout.toSeconds()) {
                throw new IllegalStateException(
                        "no dataset version "
                                + n
                                + " after "
                                + timeout.toSeconds()
                                + "s; logs are in .ccpairs/logs and .ccpairs/demo/stack/logs");
            }
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                throw new IllegalStateException("the job stopped: " + job.getJobStatus().get());
            }
            int count = pairs.poll(Duration.ofMillis(100)).size();
            if (System.nanoTime() - lastReport > 3_000_000_000L && count != lastCount) {
                say("  ... " + count + " pairs published so far");
                lastReport = System.nanoTime();
                lastCount = count;
            }
        }
        return versions.records().get(n - 1);
    }

    /**
     * The demo starts from an empty dataset: Kafka is fresh too, and the two must tell the same
     * story.
     */
    private static void resetDataset(Configuration conf) {
        DatasetSettings settings = DatasetSettings.from(conf);
        Catalog catalog = settings.catalogLoader().loadCatalog();
        if (catalog.tableExists(settings.tableIdentifier())) {
            catalog.dropTable(settings.tableIdentifier(), true);
        }
    }

    private static <T extends SpecificRecord> AvroTopicReader<T> tail(
            Configuration conf, Status status, ConfigOption<String> topic, Schema schema) {
        return new AvroTopicReader<>(
                status.bootstrapServers(),
                Map.of(),
                RegistrySettings.of(status.registryUrl()),
                conf.get(topic),
                schema);
    }

    /** The job's counters the summary shows, summed over subtasks. */
    private static Map<String, Long> counters(PrometheusScrape metrics) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("records_read", metrics.sum("ccpairs_warc_records_read"));
        counters.put("html_pages", metrics.sum("ccpairs_html_pages_read"));
        counters.put("pairs_extracted", metrics.sum("ccpairs_pairs_extracted"));
        counters.put("duplicates_dropped", metrics.sum("ccpairs_duplicates_dropped"));
        // pairs each filter stage dropped (prefilter, boilerplate, safety lists, link check)
        metrics.byLabel("ccpairs_stage_reason_pairs_rejected", "stage")
                .forEach((stage, n) -> counters.put("rejected_" + stage, n));
        counters.put("dead_letters", metrics.sum("ccpairs_stage_reason_dead_letters"));
        return counters;
    }

    private void say(String message) {
        System.out.printf("[%5.1fs] %s%n", elapsed(), message);
        System.out.flush();
    }

    private double elapsed() {
        return (System.nanoTime() - start) / 1e9;
    }
}
