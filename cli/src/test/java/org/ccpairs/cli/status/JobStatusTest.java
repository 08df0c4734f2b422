package org.ccpairs.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The status table from a scrape of the job's Prometheus endpoint: {@code scrape.txt} holds series
 * as the job exported them in MonitoringMetricsITCase (Flink's reporter, every label, trailing
 * commas), for three segments of one crawl: one complete, one being read by two subtasks, one whose
 * files are read but that waits for its version.
 */
class JobStatusTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_764_150_000L);

    @Test
    void parsesFlinksExpositionFormat() throws IOException {
        PrometheusText text = PrometheusText.parse(scrape());
        var files = text.samples(JobStatus.PREFIX + "crawl_segment_kind_files");
        assertThat(files).hasSize(3);
        assertThat(files.get(0).labels())
                .containsEntry("crawl", "CC_MAIN_2025_05") // the reporter's form
                .containsEntry("kind", "WARC")
                .containsEntry("job_name", "ccpairs")
                .containsKey("subtask_index");
        assertThat(text.max(JobStatus.PREFIX + "last_version")).isEqualTo(4.0);
        assertThat(text.max("no_such_metric")).isNaN();
        assertThat(
                        PrometheusText.parse("# HELP x\nx{a=\"q\\\"uote\",} 2.5\nnot a sample\n")
                                .samples("x"))
                .singleElement()
                .satisfies(s -> assertThat(s.labels()).containsEntry("a", "q\"uote"));
    }

    @Test
    void segmentsFromMetricsAlone() throws IOException {
        JobStatus status = JobStatus.of(PrometheusText.parse(scrape()), null, NOW, 20);
        assertThat(status.segments())
                .extracting(
                        JobStatus.SegmentRow::segment,
                        JobStatus.SegmentRow::seq,
                        JobStatus.SegmentRow::state,
                        JobStatus.SegmentRow::done,
                        JobStatus.SegmentRow::files,
                        JobStatus.SegmentRow::pairsKept)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "1736524513513.10", 7L, JobStatus.State.COMPLETE, 4L, 4L, null),
                        org.assertj.core.groups.Tuple.tuple(
                                "1736524513513.11", 8L, JobStatus.State.READING, 2L, 5L, null),
                        org.assertj.core.groups.Tuple.tuple(
                                "1736524513513.12", 9L, JobStatus.State.COMMITTING, 3L, 3L, null));
        // 3 unread on subtask 0 + 0 on subtask 1 (absent) -> 2 of 5 done; age from the announcement
        assertThat(status.segments().get(1).age()).isEqualTo(Duration.ofSeconds(3_600));
        assertThat(status.summary().segmentsOpen()).isEqualTo(2.0);
        assertThat(status.summary().announcementLag()).isEqualTo(0.0);
    }

    @Test
    void theDatasetDecidesCompletionAndCountsPairs() throws IOException {
        DatasetView dataset =
                new DatasetView(
                        Set.of("CC_MAIN_2025_05/1736524513513_10"),
                        Map.of(
                                "CC_MAIN_2025_05/1736524513513_10", 1200L,
                                "CC_MAIN_2025_05/1736524513513_11", 310L),
                        Map.of());
        JobStatus status = JobStatus.of(PrometheusText.parse(scrape()), dataset, NOW, 2);
        // --limit 2: the newest two
        assertThat(status.segments())
                .extracting(JobStatus.SegmentRow::segment, JobStatus.SegmentRow::pairsKept)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1736524513513.11", 310L),
                        org.assertj.core.groups.Tuple.tuple("1736524513513.12", 0L));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StatusTable.print(status, new PrintStream(out, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table.lines())
                .first()
                .asString()
                .contains("newest version: v4 (1m40s ago)")
                .contains("segments open: 2")
                .contains("oldest open segment: 1h00m old")
                .contains("announcements unread: 0");
        assertThat(table)
                .containsPattern(
                        "CC-MAIN-2025-05 +1736524513513.11 +WARC +8 +reading +2/5 +310 +1h00m")
                .containsPattern("1736524513513.12 +WARC +9 +committing +3/3 +0 +30m00s");
    }

    @Test
    void aSegmentTheDatasetListsAsCompleteHasReadAllItsFiles() throws IOException {
        // the scrape still counts 3 unread files of segment .11 (on subtask 0), the table read a
        // moment later already lists it as complete: the row must not say "complete 2/5"
        DatasetView dataset =
                new DatasetView(
                        Set.of(
                                "CC_MAIN_2025_05/1736524513513_10",
                                "CC_MAIN_2025_05/1736524513513_11"),
                        Map.of(),
                        Map.of());
        JobStatus status = JobStatus.of(PrometheusText.parse(scrape()), dataset, NOW, 20);
        assertThat(status.segments())
                .filteredOn(r -> r.segment().equals("1736524513513.11"))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.state()).isEqualTo(JobStatus.State.COMPLETE);
                            assertThat(r.done()).isEqualTo(5L);
                            assertThat(r.files()).isEqualTo(5L);
                        });
    }

    @Test
    void idsAreShownAsCommonCrawlWritesThem() {
        assertThat(JobStatus.sanitized("CC-MAIN-2025-05")).isEqualTo("CC_MAIN_2025_05");
        assertThat(JobStatus.crawlId("CC_MAIN_2025_05")).isEqualTo("CC-MAIN-2025-05");
        assertThat(JobStatus.segmentId("1736524513513_10")).isEqualTo("1736524513513.10");
        assertThat(JobStatus.segmentId("segment_slow")).isEqualTo("segment_slow");
    }

    @Test
    void anEmptyJobSaysSo() {
        JobStatus status = JobStatus.of(PrometheusText.parse(""), null, NOW, 20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StatusTable.print(status, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("newest version: none   segments open: -   oldest open segment: -")
                .contains("no segments announced yet");
        assertThat(StatusTable.duration(Duration.ofSeconds(93_784))).isEqualTo("1d02h");
    }

    private static String scrape() throws IOException {
        try (InputStream in = JobStatusTest.class.getResourceAsStream("scrape.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
