package org.ccpairs.jobs.segments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.ccpairs.avro.FileKind;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.announce.Announcements;
import org.junit.jupiter.api.Test;

class AnnouncementRulesTest {
    private static final String FILE =
            "https://data.commoncrawl.org/crawl-data/CC-MAIN-2024-51/segments/1/warc/a.warc.gz";

    @Test
    void aWellFormedWarcAnnouncementHasNoProblem() {
        assertThat(
                        AnnouncementRules.problem(
                                announcement(
                                        List.of(
                                                FILE,
                                                "http://mirror.example.org/b.warc.gz",
                                                "file:///data/c.warc.gz"))))
                .isNull();
    }

    @Test
    void blankCrawlOrSegmentIdIsInvalid() {
        SegmentAnnouncement blankCrawl = announcement(List.of(FILE));
        blankCrawl.setCrawlId(" \t");
        SegmentAnnouncement blankSegment = announcement(List.of(FILE));
        blankSegment.setSegmentId("");

        assertThat(AnnouncementRules.problem(blankCrawl).reason())
                .isEqualTo("INVALID_ANNOUNCEMENT");
        assertThat(AnnouncementRules.problem(blankCrawl).detail()).contains("not a valid id");
        assertThat(AnnouncementRules.problem(blankSegment).reason())
                .isEqualTo("INVALID_ANNOUNCEMENT");
    }

    @Test
    void idsWithSeparatorsOrSpacesAreInvalid() {
        for (String id :
                List.of("part|1", "CC,TEST", "a/b", "has space", "-leading", "x".repeat(129))) {
            SegmentAnnouncement a = announcement(List.of(FILE));
            a.setSegmentId(id);
            assertThat(AnnouncementRules.problem(a)).as(id).isNotNull();
            assertThat(AnnouncementRules.problem(a).reason()).isEqualTo("INVALID_ANNOUNCEMENT");
        }
    }

    @Test
    void watFilesAreAccepted() {
        SegmentAnnouncement wat =
                announcement(List.of("https://data.commoncrawl.org/a.warc.wat.gz"));
        wat.setFileKind(FileKind.WAT);

        assertThat(AnnouncementRules.problem(wat)).isNull();
    }

    @Test
    void anAnnouncementWithoutFilesIsInvalid() {
        AnnouncementRules.Problem problem = AnnouncementRules.problem(announcement(List.of()));

        assertThat(problem.reason()).isEqualTo("INVALID_ANNOUNCEMENT");
        assertThat(problem.detail()).contains("CC-MAIN-2024-51/1733066035855.10", "no files");
    }

    @Test
    void moreThanMaxFilesIsInvalidButMaxFilesIsFine() {
        List<String> max = Collections.nCopies(AnnouncementRules.MAX_FILES, FILE);
        List<String> tooMany = Collections.nCopies(AnnouncementRules.MAX_FILES + 1, FILE);

        assertThat(AnnouncementRules.problem(announcement(max))).isNull();
        AnnouncementRules.Problem problem = AnnouncementRules.problem(announcement(tooMany));
        assertThat(problem.reason()).isEqualTo("INVALID_ANNOUNCEMENT");
        assertThat(problem.detail()).contains(Integer.toString(AnnouncementRules.MAX_FILES + 1));
    }

    @Test
    void aMalformedFileUrlIsInvalid() {
        String malformed = "https://data.commoncrawl.org/a b|c.warc.gz";

        AnnouncementRules.Problem problem =
                AnnouncementRules.problem(announcement(List.of(FILE, malformed)));

        assertThat(problem.reason()).isEqualTo("INVALID_ANNOUNCEMENT");
        assertThat(problem.detail()).isEqualTo("file URL is malformed: " + malformed);
    }

    @Test
    void relativePathsAndOtherSchemesAreInvalid() {
        for (String file :
                List.of(
                        "crawl-data/a.warc.gz",
                        "/absolute/path/without/scheme.warc.gz",
                        "ftp://ftp.example.org/a.warc.gz",
                        "s3://commoncrawl/crawl-data/a.warc.gz")) {
            AnnouncementRules.Problem problem =
                    AnnouncementRules.problem(announcement(List.of(FILE, file)));

            assertThat(problem).as(file).isNotNull();
            assertThat(problem.reason()).isEqualTo("INVALID_ANNOUNCEMENT");
            assertThat(problem.detail()).endsWith(": " + file);
        }
    }

    @Test
    void theFirstBrokenRuleIsReported() {
        SegmentAnnouncement a = announcement(List.of());
        a.setCrawlId("no spaces allowed");

        assertThat(AnnouncementRules.problem(a).detail()).contains("not a valid id");
    }

    /**
     * URL schemes are case-insensitive (RFC 3986, 3.1); {@code Announcements.of} (what the CLI
     * publishes) keeps {@code HTTPS://...} as given and {@code FileOpener} would open it, but the
     * rules compare the scheme case-sensitively and dead-letter the announcement.
     */
    @Test
    void upperCaseSchemesAreAccepted() {
        SegmentAnnouncement published =
                Announcements.of(
                        "CC-MAIN-2024-51",
                        "1733066035855.10",
                        FileKind.WARC,
                        List.of("HTTPS://data.commoncrawl.org/a.warc.gz", "File:///data/b.warc.gz"),
                        "test",
                        Clock.systemUTC());

        assertThat(AnnouncementRules.problem(published)).isNull();
    }

    private static SegmentAnnouncement announcement(List<String> files) {
        return SegmentAnnouncement.newBuilder()
                .setCrawlId("CC-MAIN-2024-51")
                .setSegmentId("1733066035855.10")
                .setFileKind(FileKind.WARC)
                .setFiles(files)
                .setAnnouncedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .setAnnouncer("test")
                .build();
    }
}
