package org.ccpairs.connectors.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.FileKind;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.kafka.AvroTopicReader;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.connectors.testing.FreePort;
import org.ccpairs.localstack.SharedStackExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI announcer ({@link AnnouncerRunner}) against the real broker and registry and a Common
 * Crawl-like layout served over HTTP on loopback: exactly once across restarts, fencing, dead
 * letters on the dead-letter topic, Prometheus metrics, Kafka outages.
 */
@ExtendWith(SharedStackExtension.class)
class AnnouncerRunnerITCase {
    private static final AtomicInteger TEST = new AtomicInteger();
    private static final String OLD = "CC-MAIN-2024-46";
    private static final String NEW = "CC-MAIN-2024-51";

    @TempDir Path dir;
    private CrawlLayout layout;
    private CrawlServer server;
    private AnnouncerRunner.Kafka kafka;
    private final List<AnnouncerRunner> runners = new ArrayList<>();

    @BeforeEach
    void setUp() {
        layout = new CrawlLayout(dir);
        server = new CrawlServer(layout);
        int n = TEST.incrementAndGet();
        kafka =
                new AnnouncerRunner.Kafka(
                        SharedStackExtension.kafka().bootstrapServers(),
                        Map.of(),
                        RegistrySettings.of(SharedStackExtension.registryUrl()),
                        new TransactionalAnnouncementSink.Topics(
                                "runner-segments-" + n, "runner-dlq-" + n, "runner-ledger-" + n),
                        "runner-announcer-" + n);
    }

    @AfterEach
    void tearDown() {
        runners.forEach(AnnouncerRunner::close);
        server.close();
    }

    @Test
    void everySegmentIsAnnouncedOnceAcrossARestartInTheMiddleAndAThirdCrawlIsPickedUp()
            throws Exception {
        List<String> expected = new ArrayList<>();
        layout.addCrawl(OLD, 4, 2).forEach(s -> expected.add(OLD + "/" + s));
        layout.addCrawl(NEW, 3, 2).forEach(s -> expected.add(NEW + "/" + s));
        Map<String, String> threePerPoll = Map.of("announcer.max-segments-per-poll", "3");

        AnnouncerRunner first = runner(threePerPoll);
        assertThat(first.pollOnce().announced()).hasSize(3);
        first.close(); // stopped in the middle of the first crawl

        AnnouncerRunner second = runner(threePerPoll);
        PollReport report;
        int polls = 0;
        do {
            report = second.pollOnce();
            assertThat(++polls).as("polls until everything is announced").isLessThan(10);
        } while (report.pending() > 0);

        assertThat(keys(announcements())).containsExactlyElementsOf(expected);
        try (AvroTopicReader<SegmentAnnouncement> reader =
                new AvroTopicReader<>(
                        kafka.bootstrapServers(),
                        Map.of(),
                        kafka.registry(),
                        kafka.topics().segments(),
                        SegmentAnnouncement.getClassSchema())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (reader.poll(Duration.ofMillis(200)).size() < expected.size()
                    && System.nanoTime() < deadline) {
                // read_committed, decoded through the registry
            }
            assertThat(reader.records())
                    .extracting(Announcements::key)
                    .containsExactlyElementsOf(expected);
            assertThat(reader.undecodable()).isZero();
        }

        List<String> third = layout.addCrawl("CC-MAIN-2025-01", 2, 1);
        assertThat(second.pollOnce().announced())
                .extracting(PollReport.Announced::segmentId)
                .containsExactlyElementsOf(third);
        assertThat(keys(announcements())).hasSize(expected.size() + 2).doesNotHaveDuplicates();

        // after a restart, complete crawls are known from the ledger: no path list is fetched
        long pathListRequests = server.requests().size() - server.requestsTo("/collinfo.json");
        AnnouncerRunner restarted = runner(threePerPoll);
        assertThat(restarted.pollOnce().announced()).isEmpty();
        assertThat(server.requests().size() - server.requestsTo("/collinfo.json"))
                .isEqualTo(pathListRequests);
        assertThat(restarted.segmentsRemembered()).isEqualTo(expected.size() + 2);
        assertThat(cleanupPolicy(kafka.topics().ledger())).isEqualTo("compact");
    }

    @Test
    void aSecondAnnouncerWithTheSameTransactionalIdFencesTheFirst() throws Exception {
        layout.addCrawl(OLD, 2, 1);
        AnnouncerRunner first = runner(Map.of());
        first.pollOnce();
        AnnouncerRunner second = runner(Map.of());
        assertThat(second.pollOnce().announced()).isEmpty();

        layout.addCrawl(NEW, 1, 1);
        assertThatThrownBy(first::pollOnce)
                .isInstanceOf(AnnouncerRunner.FencedException.class)
                .hasMessageContaining("took over");
        assertThat(second.pollOnce().announced()).hasSize(1);
        assertThat(keys(announcements())).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void badInputEndsOnTheDeadLetterTopicWithItsReason() throws Exception {
        layout.addCrawl(OLD, 1, 1);
        layout.addCrawl(NEW, 2, 1);
        layout.deletePathList(OLD, FileKind.WARC);
        layout.writePathList(
                NEW,
                FileKind.WARC,
                CrawlLayout.gzip(
                        CrawlLayout.path(NEW, "5.1", "warc", "a.warc.gz")
                                + "\nnot a path\ncrawl-data/"
                                + OLD
                                + "/segments/5.1/warc/b.warc.gz\n"));

        PollReport report = runner(Map.of()).pollOnce();

        assertThat(report.succeeded()).isTrue();
        assertThat(keys(announcements())).containsExactly(NEW + "/5.1");
        List<CommittedRecords.Keyed<DeadLetter>> letters =
                CommittedRecords.read(kafka.topics().deadLetters(), DeadLetter.getClassSchema());
        assertThat(letters).extracting(CommittedRecords.Keyed::key).containsOnly("announce");
        assertThat(letters)
                .extracting(l -> l.value().getReason())
                .containsExactlyInAnyOrder(
                        "PATH_LIST_NOT_FOUND", "MALFORMED_PATH", "PATH_OF_OTHER_CRAWL");
        assertThat(letters).allSatisfy(l -> assertThat(l.value().getStage()).isEqualTo("announce"));
    }

    @Test
    void metricsAreServedInThePrometheusFormat() throws Exception {
        layout.addCrawl(NEW, 2, 1);
        AnnouncerMetrics metrics = new AnnouncerMetrics();
        AnnouncerRunner runner = runner(Map.of(), metrics, kafka);
        runner.pollOnce();
        server.script(
                "/collinfo.json",
                org.ccpairs.connectors.testing.LoopbackHttpServer.Response.status(500),
                org.ccpairs.connectors.testing.LoopbackHttpServer.Response.status(500));
        runner.pollOnce();

        String scraped;
        try (AnnouncerPrometheus prometheus = AnnouncerPrometheus.start(0, metrics)) {
            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + prometheus.port()
                                                                    + "/metrics"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            scraped = response.body();
        }

        assertThat(scraped)
                .contains("ccpairs_announcer_polls_total 2.0")
                .contains("ccpairs_announcer_segments_announced_total{kind=\"WARC\"} 2.0")
                .contains("ccpairs_announcer_segments_announced_total{kind=\"WAT\"} 0.0")
                .contains("ccpairs_announcer_crawls_seen 1.0")
                .contains("ccpairs_announcer_crawls_pending 0.0")
                .contains("ccpairs_announcer_poll_errors_total{reason=\"HTTP_SERVER_ERROR\"} 1.0")
                .contains("ccpairs_announcer_last_successful_poll_timestamp_seconds ");
    }

    @Test
    void aLedgerTopicThatWouldDeleteRecordsIsRefused() {
        SharedStackExtension.kafka().createTopics(1, kafka.topics().ledger());
        AnnouncerRunner runner = runner(Map.of());

        assertThatThrownBy(runner::pollOnce)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cleanup.policy=delete")
                .hasMessageContaining("Set cleanup.policy=compact");
    }

    @Test
    void aBrokerThatCannotBeReachedIsAPollErrorEveryIntervalNotACrash() throws Exception {
        layout.addCrawl(NEW, 1, 1);
        AnnouncerRunner.Kafka nowhere =
                new AnnouncerRunner.Kafka(
                        "127.0.0.1:" + FreePort.closed(),
                        Map.of("default.api.timeout.ms", "500", "request.timeout.ms", "400"),
                        kafka.registry(),
                        kafka.topics(),
                        kafka.transactionalId());
        AnnouncerMetrics metrics = new AnnouncerMetrics();
        AnnouncerRunner runner =
                runner(Map.of("announcer.poll-interval", "50 ms"), metrics, nowhere);
        List<Throwable> thrown = new ArrayList<>();
        Thread loop =
                new Thread(
                        () -> {
                            try {
                                runner.run(report -> {});
                            } catch (Throwable t) {
                                thrown.add(t);
                            }
                        });
        loop.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (metrics.pollErrors().getOrDefault("KAFKA_UNAVAILABLE", 0L) < 2
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        runner.stop();
        loop.join(Duration.ofSeconds(30).toMillis());

        assertThat(loop.isAlive()).isFalse();
        assertThat(thrown).isEmpty();
        assertThat(metrics.pollErrors().get("KAFKA_UNAVAILABLE")).isGreaterThanOrEqualTo(2);
    }

    private List<CommittedRecords.Keyed<SegmentAnnouncement>> announcements() throws Exception {
        return CommittedRecords.read(
                kafka.topics().segments(), SegmentAnnouncement.getClassSchema());
    }

    private static List<String> keys(List<CommittedRecords.Keyed<SegmentAnnouncement>> records) {
        return records.stream().map(CommittedRecords.Keyed::key).toList();
    }

    private String cleanupPolicy(String topic) throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(resource))
                    .all()
                    .get()
                    .get(resource)
                    .get("cleanup.policy")
                    .value();
        }
    }

    private AnnouncerRunner runner(Map<String, String> extra) {
        return runner(extra, new AnnouncerMetrics(), kafka);
    }

    private AnnouncerRunner runner(
            Map<String, String> extra, AnnouncerMetrics metrics, AnnouncerRunner.Kafka where) {
        Map<String, String> conf = new HashMap<>();
        conf.put("announcer.base-url", server.baseUrl());
        conf.put("announcer.crawl-list-url", server.crawlListUrl());
        conf.put("announcer.http.timeout", "2 s");
        conf.put("announcer.http.attempts", "2");
        conf.put("announcer.http.backoff", "1 ms");
        conf.putAll(extra);
        AnnouncerRunner runner =
                new AnnouncerRunner(
                        AnnouncerSettings.from(Configuration.fromMap(conf)),
                        where,
                        metrics,
                        "it-announcer",
                        Clock.systemUTC());
        runners.add(runner);
        return runner;
    }
}
