package org.ccpairs.connectors.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.ccpairs.avro.FileKind;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.localstack.SharedStackExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Announcing one segment by hand ({@code ccpairs announce --crawl X --segment Y [--force]}) with
 * the real broker and registry: built from the crawl's path list, refused when already announced
 * unless forced, remembered so that the watching announcer does not repeat it.
 */
@ExtendWith(SharedStackExtension.class)
class ManualAnnouncementITCase {
    private static final String CRAWL = "CC-MAIN-2024-51";

    @TempDir Path dir;
    private CrawlLayout layout;
    private CrawlServer server;
    private AnnouncerSettings settings;
    private AnnouncerRunner.Kafka kafka;
    private List<String> segments;

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo test) {
        layout = new CrawlLayout(dir);
        server = new CrawlServer(layout);
        segments = layout.addCrawl(CRAWL, 3, 2);
        Map<String, String> conf = new HashMap<>();
        conf.put("announcer.base-url", server.baseUrl());
        conf.put("announcer.crawl-list-url", server.crawlListUrl());
        conf.put("announcer.http.backoff", "1 ms");
        settings = AnnouncerSettings.from(Configuration.fromMap(conf));
        String n = test.getTestMethod().orElseThrow().getName();
        kafka =
                new AnnouncerRunner.Kafka(
                        SharedStackExtension.kafka().bootstrapServers(),
                        Map.of(),
                        RegistrySettings.of(SharedStackExtension.registryUrl()),
                        new TransactionalAnnouncementSink.Topics(
                                "manual-segments-" + n, "manual-dlq-" + n, "manual-ledger-" + n),
                        "manual-" + n);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void forcedRepeatIsPublishedAgainFromThePathListAndPlainRepeatIsRefused() throws Exception {
        try (AnnouncerRunner watcher = runner()) {
            watcher.pollOnce();
        }

        assertThatThrownBy(() -> announce(segments.get(1), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was announced already")
                .hasMessageContaining("--force");
        ManualAnnouncement.Result forced = announce(segments.get(1), true);

        assertThat(forced.repeated()).isTrue();
        List<CommittedRecords.Keyed<SegmentAnnouncement>> records = announcements();
        assertThat(records)
                .extracting(CommittedRecords.Keyed::key)
                .containsExactly(
                        CRAWL + "/" + segments.get(0),
                        CRAWL + "/" + segments.get(1),
                        CRAWL + "/" + segments.get(2),
                        CRAWL + "/" + segments.get(1));
        SegmentAnnouncement original = records.get(1).value();
        SegmentAnnouncement repeat = records.get(3).value();
        assertThat(repeat.getFiles()).isEqualTo(original.getFiles()).hasSize(2);
        assertThat(repeat.getFiles().get(0)).startsWith(server.baseUrl() + "crawl-data/" + CRAWL);
        assertThat(repeat.getAnnouncer()).isEqualTo("manual-test");
    }

    @Test
    void aSegmentAnnouncedByHandIsNotAnnouncedAgainByTheWatcher() throws Exception {
        ManualAnnouncement.Result first = announce(segments.get(2), false);
        assertThat(first.repeated()).isFalse();

        try (AnnouncerRunner watcher = runner()) {
            assertThat(watcher.pollOnce().announced())
                    .extracting(PollReport.Announced::segmentId)
                    .containsExactly(segments.get(0), segments.get(1));
        }
        assertThat(announcements())
                .extracting(CommittedRecords.Keyed::key)
                .hasSize(3)
                .doesNotHaveDuplicates();
    }

    @Test
    void unknownCrawlOrSegmentIsRefusedWithWhatToCheck() {
        assertThatThrownBy(
                        () ->
                                ManualAnnouncement.announce(
                                        settings,
                                        kafka,
                                        new CrawlKey("CC-MAIN-1999-01", FileKind.WARC),
                                        segments.get(0),
                                        true,
                                        "manual-test",
                                        Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("crawl 'CC-MAIN-1999-01' has no WARC path list")
                .hasMessageContaining("is the crawl id right");
        assertThatThrownBy(() -> announce("1.99", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segment '1.99' is not in")
                .hasMessageContaining("(3 segments, e.g. " + segments.get(0));
        assertThatThrownBy(() -> announce("../x", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid crawl or segment id");
    }

    private ManualAnnouncement.Result announce(String segment, boolean force) throws Exception {
        return ManualAnnouncement.announce(
                settings,
                kafka,
                new CrawlKey(CRAWL, FileKind.WARC),
                segment,
                force,
                "manual-test",
                Clock.systemUTC());
    }

    private AnnouncerRunner runner() {
        return new AnnouncerRunner(
                settings, kafka, new AnnouncerMetrics(), "watcher", Clock.systemUTC());
    }

    private List<CommittedRecords.Keyed<SegmentAnnouncement>> announcements() throws Exception {
        return CommittedRecords.read(
                kafka.topics().segments(), SegmentAnnouncement.getClassSchema());
    }
}
