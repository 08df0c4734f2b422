package org.ccpairs.connectors.announce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.FileKind;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.testing.LoopbackHttpServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poll/announce planner against a Common Crawl-like layout served over HTTP on loopback, with
 * an in-memory ledger and a sink that records what it is given.
 */
class SegmentAnnouncerTest {
    private static final String OLD = "CC-MAIN-2024-46";
    private static final String NEW = "CC-MAIN-2024-51";

    @TempDir Path dir;
    private CrawlLayout layout;
    private CrawlServer server;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-06T10:00:00Z"));
    private final RecordingSink sink = new RecordingSink();
    private MemoryLedger ledger = new MemoryLedger();
    private final AnnouncerMetrics metrics = new AnnouncerMetrics();
    private final List<CommonCrawlIndex> indexes = new ArrayList<>();

    @BeforeEach
    void serve() {
        layout = new CrawlLayout(dir);
        server = new CrawlServer(layout);
    }

    @AfterEach
    void stop() {
        indexes.forEach(CommonCrawlIndex::close);
        server.close();
    }

    @Test
    void everySegmentOfTwoCrawlsIsAnnouncedOnceOldestCrawlFirst() throws Exception {
        List<String> old = layout.addCrawl(OLD, 3, 2);
        List<String> recent = layout.addCrawl(NEW, 2, 2);
        SegmentAnnouncer announcer = announcer(Map.of());

        PollReport first = announcer.poll();
        PollReport second = announcer.poll();

        assertThat(first.succeeded()).isTrue();
        assertThat(sink.keys())
                .containsExactly(
                        OLD + "/" + old.get(0),
                        OLD + "/" + old.get(1),
                        OLD + "/" + old.get(2),
                        NEW + "/" + recent.get(0),
                        NEW + "/" + recent.get(1));
        SegmentAnnouncement a = sink.announcements.get(0);
        assertThat(a.getFileKind()).isEqualTo(FileKind.WARC);
        assertThat(a.getAnnouncer()).isEqualTo("test-announcer");
        assertThat(a.getAnnouncedAt()).isEqualTo(clock.instant());
        assertThat(a.getFiles())
                .containsExactly(
                        server.baseUrl()
                                + CrawlLayout.path(OLD, old.get(0), "warc", OLD + "-00000.warc.gz"),
                        server.baseUrl()
                                + CrawlLayout.path(
                                        OLD, old.get(0), "warc", OLD + "-00001.warc.gz"));
        assertThat(second.announced()).isEmpty();
        assertThat(second.succeeded()).isTrue();
        // complete crawls: their path lists are not fetched again
        assertThat(server.requestsTo("/crawl-data/" + OLD + "/warc.paths.gz")).isOne();
        assertThat(server.requestsTo("/collinfo.json")).isEqualTo(2);
        assertThat(sink.progress.get(4).complete()).isTrue();
        assertThat(metrics.segmentsAnnounced(FileKind.WARC)).isEqualTo(5);
        assertThat(metrics.crawlsSeen()).isEqualTo(2);
        assertThat(metrics.crawlsPending()).isZero();
        assertThat(metrics.polls()).isEqualTo(2);
        assertThat(metrics.lastSuccessfulPollMillis()).isEqualTo(clock.millis());
    }

    @Test
    void atMostMaxSegmentsPerPollAndAHalfAnnouncedCrawlIsResumedByANewInstance() throws Exception {
        List<String> old = layout.addCrawl(OLD, 3, 1);
        List<String> recent = layout.addCrawl(NEW, 2, 1);
        Map<String, String> twoPerPoll = Map.of("announcer.max-segments-per-poll", "2");

        PollReport first = announcer(twoPerPoll).poll();
        // a restart: a new announcer whose ledger holds only what the sink stored
        ledger = reloaded(sink.progress);
        PollReport second = announcer(twoPerPoll).poll();
        ledger = reloaded(sink.progress);
        SegmentAnnouncer third = announcer(twoPerPoll);
        PollReport last = third.poll();

        assertThat(first.announced()).hasSize(2);
        assertThat(first.pending()).isEqualTo(2);
        assertThat(second.announced()).hasSize(2);
        assertThat(last.announced()).hasSize(1);
        assertThat(last.pending()).isZero();
        assertThat(third.poll().announced()).isEmpty();
        List<String> expected = new ArrayList<>();
        old.forEach(s -> expected.add(OLD + "/" + s));
        recent.forEach(s -> expected.add(NEW + "/" + s));
        assertThat(sink.keys()).containsExactlyElementsOf(expected);
    }

    @Test
    void aCrawlAddedLaterIsPickedUpByTheNextPoll() throws Exception {
        layout.addCrawl(OLD, 2, 1);
        SegmentAnnouncer announcer = announcer(Map.of());
        announcer.poll();

        List<String> added = layout.addCrawl(NEW, 3, 1);
        PollReport report = announcer.poll();

        assertThat(report.announced())
                .extracting(PollReport.Announced::segmentId)
                .containsExactlyElementsOf(added);
        assertThat(sink.keys()).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void warcAndWatAreAnnouncedSeparatelyWhenBothAreWanted() throws Exception {
        List<String> segments = layout.addCrawl(NEW, 2, 1);

        announcer(Map.of("announcer.file-kinds", "WARC;WAT")).poll();

        assertThat(sink.announcements)
                .extracting(a -> a.getSegmentId() + " " + a.getFileKind())
                .containsExactly(
                        segments.get(0) + " WARC",
                        segments.get(1) + " WARC",
                        segments.get(0) + " WAT",
                        segments.get(1) + " WAT");
        assertThat(sink.announcements.get(2).getFiles())
                .allSatisfy(f -> assertThat(f).contains("/wat/").endsWith(".warc.wat.gz"));
    }

    @Test
    void patternAndSinceChooseTheCrawls() throws Exception {
        layout.addCrawl("CC-MAIN-2023-50", 1, 1);
        layout.addCrawl(OLD, 1, 1);
        layout.addCrawl("CC-NEWS-2024-12", 1, 1);

        announcer(Map.of("announcer.crawls-since", "2024-01-01")).poll();

        assertThat(sink.announcements)
                .extracting(SegmentAnnouncement::getCrawlId)
                .containsExactly(OLD);
        assertThat(server.requestsTo("/crawl-data/CC-MAIN-2023-50/warc.paths.gz")).isZero();
    }

    @Test
    void badLinesAreDeadLetteredOnceByReasonAndTheGoodSegmentsAnnounced() throws Exception {
        layout.addCrawl(NEW, 1, 1);
        String good1 = CrawlLayout.path(NEW, "1733066035855.10", "warc", "a.warc.gz");
        String good2 = CrawlLayout.path(NEW, "1733066035855.11", "warc", "b.warc.gz");
        String list =
                String.join(
                        "\n",
                        good1,
                        "\u0000\u0001garbage \u00ff",
                        "<html>oops</html>",
                        "crawl-data/CC-MAIN-2014-35/segments/1408500800168.29/warc/x.warc.gz",
                        "crawl-data/" + NEW + "/warc/no-segment.warc.gz",
                        good2);
        layout.writePathList(NEW, FileKind.WARC, CrawlLayout.gzip(list));
        SegmentAnnouncer announcer = announcer(Map.of("announcer.max-segments-per-poll", "1"));

        announcer.poll();
        announcer.poll(); // reads the list again: the crawl is not complete after the first poll

        assertThat(sink.keys())
                .containsExactly(NEW + "/1733066035855.10", NEW + "/1733066035855.11");
        assertThat(sink.reasons())
                .containsExactlyInAnyOrder(
                        "MALFORMED_PATH", "PATH_OF_OTHER_CRAWL", "PATH_WITHOUT_SEGMENT");
        DeadLetter malformed = deadLetter("MALFORMED_PATH");
        assertThat(malformed.getStage()).isEqualTo("announce");
        assertThat(malformed.getCrawlId()).isEqualTo(NEW);
        assertThat(malformed.getWarcFile())
                .isEqualTo(server.baseUrl() + "crawl-data/" + NEW + "/warc.paths.gz");
        assertThat(malformed.getMessage()).startsWith("2 line(s) of ");
        assertThat(StandardCharsets.UTF_8.decode(malformed.getPayload()).toString())
                .contains("<html>oops</html>");
        assertThat(metrics.deadLetters())
                .containsEntry("MALFORMED_PATH", 1L)
                .containsEntry("PATH_OF_OTHER_CRAWL", 1L);
    }

    @Test
    void brokenGzipAndEmptyListsAreDeadLetteredAndOtherCrawlsStillAnnounced() throws Exception {
        layout.addCrawl(OLD, 1, 1);
        layout.addCrawl(NEW, 1, 1);
        layout.addCrawl("CC-MAIN-2025-01", 2, 1);
        byte[] gzip = CrawlLayout.gzip("crawl-data/x\n".repeat(500));
        layout.writePathList(OLD, FileKind.WARC, java.util.Arrays.copyOf(gzip, gzip.length - 20));
        layout.writePathList(NEW, FileKind.WARC, CrawlLayout.gzip("\n\n"));

        PollReport report = announcer(Map.of()).poll();

        assertThat(report.succeeded()).isTrue();
        assertThat(sink.reasons()).containsExactly("MALFORMED_PATH_LIST", "EMPTY_PATH_LIST");
        assertThat(sink.announcements)
                .extracting(SegmentAnnouncement::getCrawlId)
                .containsExactly("CC-MAIN-2025-01", "CC-MAIN-2025-01");
        assertThat(report.pending()).isEqualTo(2);
    }

    @Test
    void serverErrorThenSuccessIsRetriedWithinThePoll() throws Exception {
        layout.addCrawl(NEW, 2, 1);
        server.script("/crawl-data/" + NEW + "/warc.paths.gz", Response.status(500));
        server.script("/collinfo.json", Response.status(502));

        PollReport report = announcer(Map.of()).poll();

        assertThat(report.succeeded()).isTrue();
        assertThat(sink.announcements).hasSize(2);
        assertThat(server.requestsTo("/crawl-data/" + NEW + "/warc.paths.gz")).isEqualTo(2);
        assertThat(metrics.pollErrors()).isEmpty();
    }

    @Test
    void aServerThatKeepsFailingEndsThePollWithAPollErrorAndTheNextPollRecovers() throws Exception {
        layout.addCrawl(OLD, 1, 1);
        layout.addCrawl(NEW, 1, 1);
        String oldList = "/crawl-data/" + OLD + "/warc.paths.gz";
        server.script(oldList, Response.status(500), Response.status(503));
        SegmentAnnouncer announcer = announcer(Map.of());

        PollReport failed = announcer.poll();

        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.errors()).singleElement().asString().startsWith("HTTP_SERVER_ERROR: ");
        assertThat(failed.announced()).isEmpty();
        // polite: after giving up on one list it leaves the server alone until the next poll
        assertThat(server.requestsTo("/crawl-data/" + NEW + "/warc.paths.gz")).isZero();
        assertThat(sink.deadLetters).isEmpty();
        assertThat(metrics.pollErrors()).containsEntry("HTTP_SERVER_ERROR", 1L);
        assertThat(metrics.lastSuccessfulPollMillis()).isZero();

        clock.advance(Duration.ofMinutes(1));
        PollReport recovered = announcer.poll();

        assertThat(recovered.succeeded()).isTrue();
        assertThat(sink.announcements).hasSize(2);
        assertThat(metrics.lastSuccessfulPollMillis()).isEqualTo(clock.millis());
    }

    @Test
    void crawlListThatCannotBeReachedIsAPollError() throws Exception {
        server.script("/collinfo.json", Response.status(500), Response.status(500));

        PollReport report = announcer(Map.of()).poll();

        assertThat(report.errors()).singleElement().asString().startsWith("HTTP_SERVER_ERROR");
        assertThat(report.crawlsListed()).isZero();
    }

    @Test
    void timeoutsArePollErrorsAndTheNextPollRecovers() throws Exception {
        layout.addCrawl(NEW, 1, 1);
        String list = "/crawl-data/" + NEW + "/warc.paths.gz";
        server.hang(list, 2);
        SegmentAnnouncer announcer = announcer(Map.of("announcer.http.timeout", "300 ms"));

        PollReport timedOut = announcer.poll();
        server.releaseHangs();
        PollReport next = announcer.poll();

        assertThat(timedOut.errors()).singleElement().asString().startsWith("TIMEOUT: ");
        assertThat(next.succeeded()).isTrue();
        assertThat(sink.announcements).hasSize(1);
        assertThat(metrics.pollErrors()).containsEntry("TIMEOUT", 1L);
    }

    @Test
    void missingPathListOfAnUnknownCrawlIsDeadLetteredOnceAndAskedForAgainLater() throws Exception {
        layout.addCrawl(OLD, 1, 1);
        layout.addCrawl(NEW, 1, 1);
        layout.deletePathList(OLD, FileKind.WARC);
        String list = "/crawl-data/" + OLD + "/warc.paths.gz";
        SegmentAnnouncer announcer = announcer(Map.of("announcer.missing-path-list-retry", "1 h"));

        PollReport first = announcer.poll();
        clock.advance(Duration.ofMinutes(30));
        announcer.poll();

        assertThat(first.succeeded()).isTrue();
        assertThat(sink.keys()).singleElement().asString().startsWith(NEW + "/");
        assertThat(sink.reasons()).containsExactly("PATH_LIST_NOT_FOUND");
        assertThat(sink.deadLetters.get(0).getCrawlId()).isEqualTo(OLD);
        assertThat(sink.deadLetters.get(0).getMessage())
                .contains("an unknown or unpublished crawl");
        assertThat(server.requestsTo(list)).isOne();

        clock.advance(Duration.ofMinutes(31));
        announcer.poll();
        assertThat(server.requestsTo(list)).isEqualTo(2);
        assertThat(sink.deadLetters).hasSize(1);

        layout.addCrawl("CC-MAIN-2025-01", 0, 0); // rewrites collinfo; OLD's list appears:
        layout.writePathList(
                OLD, FileKind.WARC, CrawlLayout.gzip(CrawlLayout.path(OLD, "7.1", "warc", "f")));
        clock.advance(Duration.ofHours(2));
        announcer.poll();
        assertThat(sink.keys()).contains(OLD + "/7.1");
    }

    @Test
    void malformedCrawlListIsDeadLetteredOnceAndAPollError() throws Exception {
        server.script(
                "/collinfo.json",
                Response.ok("<html>maintenance</html>".getBytes(StandardCharsets.UTF_8)),
                Response.ok("{}".getBytes(StandardCharsets.UTF_8)));
        SegmentAnnouncer announcer = announcer(Map.of());

        PollReport first = announcer.poll();
        announcer.poll();

        assertThat(first.errors()).singleElement().asString().startsWith("MALFORMED_CRAWL_LIST");
        assertThat(sink.reasons()).containsExactly("MALFORMED_CRAWL_LIST");
        assertThat(metrics.pollErrors()).containsEntry("MALFORMED_CRAWL_LIST", 2L);
    }

    @Test
    void crawlIdsThatAreNotIdsAreDeadLettered() throws Exception {
        layout.write(
                "collinfo.json",
                "[{\"id\": \"CC MAIN 2024\"}, {\"id\": \"../../etc\"}]"
                        .getBytes(StandardCharsets.UTF_8));

        PollReport report = announcer(Map.of("announcer.crawl-pattern", ".*")).poll();

        assertThat(report.succeeded()).isTrue();
        assertThat(sink.reasons()).containsExactly("INVALID_CRAWL_ID", "INVALID_CRAWL_ID");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aFailedPublishEndsThePollAndLeavesTheSegmentUnremembered() throws Exception {
        List<String> segments = layout.addCrawl(NEW, 3, 1);
        sink.failAfter = 1;

        PollReport report = announcer(Map.of()).poll();

        assertThat(report.ledgerInDoubt()).isTrue();
        assertThat(report.errors()).singleElement().asString().startsWith("PUBLISH_FAILED");
        assertThat(ledger.progress(new CrawlKey(NEW, FileKind.WARC)).announced())
                .containsExactly(segments.get(0));
        assertThat(metrics.pollErrors()).containsEntry("PUBLISH_FAILED", 1L);
    }

    @Test
    void aLocalCopyOfTheLayoutIsAnnouncedWithFileUrls() throws Exception {
        layout.addCrawl(NEW, 2, 3);
        AnnouncerSettings settings =
                settings(
                        Map.of(
                                "announcer.base-url",
                                layout.baseUrl(),
                                "announcer.crawl-list-url",
                                layout.baseUrl() + "collinfo.json"));

        PollReport report = announcer(settings).poll();

        assertThat(report.announced()).hasSize(2);
        assertThat(sink.announcements.get(0).getFiles())
                .hasSize(3)
                .allSatisfy(f -> assertThat(f).startsWith(dir.toUri().toString() + "crawl-data/"));
        assertThat(server.requests()).isEmpty();
    }

    private DeadLetter deadLetter(String reason) {
        return sink.deadLetters.stream()
                .filter(d -> d.getReason().equals(reason))
                .findFirst()
                .orElseThrow();
    }

    /** The ledger a restarted announcer would read: the last stored progress of each crawl. */
    private static MemoryLedger reloaded(List<CrawlProgress> stored) {
        MemoryLedger fresh = new MemoryLedger();
        stored.forEach(fresh::record);
        return fresh;
    }

    private AnnouncerSettings settings(Map<String, String> extra) {
        Map<String, String> conf = new HashMap<>();
        conf.put("announcer.base-url", server.baseUrl());
        conf.put("announcer.crawl-list-url", server.crawlListUrl());
        // long enough for a loaded CI machine: a timed-out request is retried and counted twice
        conf.put("announcer.http.timeout", "5 s");
        conf.put("announcer.http.attempts", "2");
        conf.put("announcer.http.backoff", "1 ms");
        conf.putAll(extra);
        return AnnouncerSettings.from(Configuration.fromMap(conf));
    }

    private SegmentAnnouncer announcer(Map<String, String> extra) {
        return announcer(settings(extra));
    }

    private SegmentAnnouncer announcer(AnnouncerSettings settings) {
        CommonCrawlIndex index = CommonCrawlIndex.of(settings);
        indexes.add(index);
        return new SegmentAnnouncer(
                settings, index, ledger, sink, metrics, "test-announcer", clock);
    }
}
