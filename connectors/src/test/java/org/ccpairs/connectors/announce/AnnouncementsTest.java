package org.ccpairs.connectors.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ccpairs.avro.FileKind;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.warc.FileOpener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnnouncementsTest {
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2024-12-01T10:15:30.123456789Z"), ZoneOffset.UTC);

    @TempDir Path dir;

    @Test
    void announcementCarriesItsArgumentsAndTheClocksTimeInMillis() {
        SegmentAnnouncement announcement =
                Announcements.of(
                        "CC-MAIN-2024-51",
                        "1733066035855.10",
                        FileKind.WAT,
                        List.of("https://data.commoncrawl.org/a.warc.wat.gz"),
                        "ccpairs-cli/0.1.0",
                        CLOCK);

        assertThat(announcement.getCrawlId()).isEqualTo("CC-MAIN-2024-51");
        assertThat(announcement.getSegmentId()).isEqualTo("1733066035855.10");
        assertThat(announcement.getFileKind()).isEqualTo(FileKind.WAT);
        assertThat(announcement.getFiles())
                .containsExactly("https://data.commoncrawl.org/a.warc.wat.gz");
        assertThat(announcement.getAnnouncer()).isEqualTo("ccpairs-cli/0.1.0");
        // timestamp-millis: the generated class keeps whole milliseconds
        assertThat(announcement.getAnnouncedAt())
                .isEqualTo(Instant.parse("2024-12-01T10:15:30.123Z"));
    }

    @Test
    void announcerMayBeUnknown() {
        SegmentAnnouncement announcement =
                Announcements.of("c", "s", FileKind.WARC, List.of("https://x/a"), null, CLOCK);

        assertThat(announcement.getAnnouncer()).isNull();
    }

    @Test
    void keyIsCrawlSlashSegment() {
        SegmentAnnouncement announcement =
                Announcements.of(
                        "CC-MAIN-2024-51",
                        "1733066035855.10",
                        FileKind.WARC,
                        List.of("https://x/a"),
                        null,
                        CLOCK);

        assertThat(Announcements.key(announcement)).isEqualTo("CC-MAIN-2024-51/1733066035855.10");
    }

    @Test
    void urlsAreKeptAsGivenAndInOrder() {
        List<String> urls =
                List.of(
                        "https://data.commoncrawl.org/crawl-data/b.warc.gz",
                        "http://mirror.example.org/a.warc.gz",
                        "file:///data/c%20d.warc.gz",
                        "HTTPS://DATA.COMMONCRAWL.ORG/e.warc.gz",
                        "File:///data/f.warc.gz");

        SegmentAnnouncement announcement =
                Announcements.of("c", "s", FileKind.WARC, urls, null, CLOCK);

        assertThat(announcement.getFiles()).containsExactlyElementsOf(urls);
    }

    @Test
    void pathsBecomeAbsoluteNormalizedFileUrls() {
        Path cwd = Path.of("").toAbsolutePath();

        SegmentAnnouncement announcement =
                Announcements.of(
                        "c",
                        "s",
                        FileKind.WARC,
                        List.of("data/x.warc.gz", "/tmp/a/../b/y.warc.gz", "./with space.warc.gz"),
                        null,
                        CLOCK);

        assertThat(announcement.getFiles())
                .containsExactly(
                        cwd.resolve("data/x.warc.gz").toUri().toString(),
                        "file:///tmp/b/y.warc.gz",
                        cwd.resolve("with space.warc.gz").toUri().toString());
        assertThat(announcement.getFiles())
                .allSatisfy(url -> assertThat(url).startsWith("file:///"));
        assertThat(announcement.getFiles().get(2)).endsWith("/with%20space.warc.gz");
    }

    @Test
    void announcedPathCanBeOpenedByTheReader() throws IOException {
        byte[] content = {1, 2, 3};
        Path file = Files.write(dir.resolve("segment file.warc.gz"), content);
        String relative = Path.of("").toAbsolutePath().relativize(file).toString();

        String url =
                Announcements.of("c", "s", FileKind.WARC, List.of(relative), null, CLOCK)
                        .getFiles()
                        .get(0);

        try (InputStream in = new FileOpener("test", 1, Duration.ZERO).open(url)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "\t"})
    void blankCrawlIdIsRejected(String crawlId) {
        assertThatThrownBy(
                        () ->
                                Announcements.of(
                                        crawlId,
                                        "s",
                                        FileKind.WARC,
                                        List.of("https://x/a"),
                                        null,
                                        CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("crawl id '" + crawlId + "' is not valid");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void blankSegmentIdIsRejected(String segmentId) {
        assertThatThrownBy(
                        () ->
                                Announcements.of(
                                        "c",
                                        segmentId,
                                        FileKind.WARC,
                                        List.of("https://x/a"),
                                        null,
                                        CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("segment id '" + segmentId + "' is not valid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CC-MAIN-2024-51", "1733066035855.10", "a", "A_b-c.9"})
    void commonCrawlStyleIdsAreValid(String id) {
        assertThat(Announcements.isValidId(id)).isTrue();
        assertThat(
                        Announcements.of(id, id, FileKind.WARC, List.of("https://x/a"), null, CLOCK)
                                .getCrawlId())
                .isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "../etc", ".hidden", "-x", "a b", "a\nb", "crawl:1", "ü"})
    void idsThatCouldBeMistakenForSeparatorsOrPathsAreRejected(String id) {
        assertThat(Announcements.isValidId(id)).isFalse();
        assertThatThrownBy(
                        () ->
                                Announcements.of(
                                        "c",
                                        id,
                                        FileKind.WARC,
                                        List.of("https://x/a"),
                                        null,
                                        CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segment id '" + id + "' is not valid")
                .hasMessageContaining("letters, digits");
    }

    @Test
    void idsAreAtMost128Characters() {
        assertThat(Announcements.isValidId("a".repeat(128))).isTrue();
        assertThat(Announcements.isValidId("a".repeat(129))).isFalse();
        assertThat(Announcements.isValidId(null)).isFalse();
    }

    @Test
    void emptyFileListIsRejected() {
        assertThatThrownBy(() -> Announcements.of("c", "s", FileKind.WARC, List.of(), null, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one file");
    }

    @Test
    void blankFileIsRejected() {
        List<String> files = new ArrayList<>(Arrays.asList("https://x/a", " "));

        assertThatThrownBy(() -> Announcements.of("c", "s", FileKind.WARC, files, null, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file must not be blank");
        files.set(1, null);
        assertThatThrownBy(() -> Announcements.of("c", "s", FileKind.WARC, files, null, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file must not be blank");
    }

    @Test
    void malformedUrlIsRejected() {
        assertThatThrownBy(
                        () ->
                                Announcements.of(
                                        "c",
                                        "s",
                                        FileKind.WARC,
                                        List.of("https://exa mple.org/a.warc.gz"),
                                        null,
                                        CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:data/a.warc.gz", "file://otherhost/data/a.warc.gz"})
    void fileUrlWithoutAnAbsoluteLocalPathIsRejected(String url) {
        assertThatThrownBy(
                        () -> Announcements.of("c", "s", FileKind.WARC, List.of(url), null, CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
