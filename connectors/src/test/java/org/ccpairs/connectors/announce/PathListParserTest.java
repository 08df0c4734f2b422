package org.ccpairs.connectors.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.ccpairs.avro.FileKind;
import org.ccpairs.connectors.announce.PathListParser.PathList;
import org.ccpairs.connectors.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathListParserTest {
    private static final String CRAWL = "CC-MAIN-2014-35";
    private static final String SEGMENT = "1408500800168.29";

    @Test
    void realWarcPathListIsOneSegmentOfHundredFilesInListOrder() throws Exception {
        byte[] body = Files.readAllBytes(Corpus.file("cc-mrjob/test-100.warc"));
        List<String> lines = Files.readAllLines(Corpus.file("cc-mrjob/test-100.warc"));

        PathList list = PathListParser.parse(body, CRAWL, FileKind.WARC);

        assertThat(list.rejected()).isEmpty();
        assertThat(list.paths()).hasSize(100);
        assertThat(list.paths()).extracting(CrawlPath::path).containsExactlyElementsOf(lines);
        assertThat(list.paths())
                .allSatisfy(
                        p -> {
                            assertThat(p.segmentId()).isEqualTo(SEGMENT);
                            assertThat(p.kind()).isEqualTo(FileKind.WARC);
                            assertThat(p.crawlId()).isEqualTo(CRAWL);
                        });
        List<CrawlSegment> segments = SegmentGrouping.group(list.paths());
        assertThat(segments).singleElement().satisfies(s -> assertThat(s.paths()).hasSize(100));
    }

    @Test
    void realWatPathListIsReadAsWatAndItsPathsAreOfTheOtherKindForWarc() throws Exception {
        byte[] body = Files.readAllBytes(Corpus.file("cc-mrjob/test-100.wat"));

        assertThat(PathListParser.parse(body, CRAWL, FileKind.WAT).paths()).hasSize(100);
        PathList asWarc = PathListParser.parse(body, CRAWL, FileKind.WARC);
        assertThat(asWarc.paths()).isEmpty();
        assertThat(asWarc.rejected()).containsEntry(PathProblem.PATH_OF_OTHER_KIND, 100);
    }

    @Test
    void gzipMultiMemberAndCrlfAreRead() throws Exception {
        List<String> lines = Files.readAllLines(Corpus.file("cc-mrjob/test-100.warc"));
        byte[] first = CrawlLayout.gzip(String.join("\r\n", lines.subList(0, 50)) + "\r\n");
        byte[] second = CrawlLayout.gzip(String.join("\n", lines.subList(50, 100)) + "\n\n");
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);

        PathList list = PathListParser.parse(both, CRAWL, FileKind.WARC);

        assertThat(list.paths()).extracting(CrawlPath::path).containsExactlyElementsOf(lines);
        assertThat(list.rejected()).isEmpty();
    }

    @Test
    void badLinesAreRejectedWithTheirReasonAndTheRestIsUsed() throws Exception {
        String good = CrawlLayout.path(CRAWL, SEGMENT, "warc", "a.warc.gz");
        String text =
                String.join(
                        "\n",
                        good,
                        "<html><body>502 Bad Gateway</body></html>",
                        "crawl-data/CC-MAIN-2024-51/segments/1733066035855.10/warc/b.warc.gz",
                        "crawl-data/" + CRAWL + "/warc/c.warc.gz",
                        "crawl-data/" + CRAWL + "/segments/" + SEGMENT + "/wat/d.warc.wat.gz",
                        good,
                        "crawl-data/" + CRAWL + "/segments/../warc/e.warc.gz",
                        "   ",
                        CrawlLayout.path(CRAWL, SEGMENT, "warc", "f.warc.gz"));

        PathList list =
                PathListParser.parse(text.getBytes(StandardCharsets.UTF_8), CRAWL, FileKind.WARC);

        assertThat(list.paths())
                .extracting(CrawlPath::path)
                .containsExactly(good, CrawlLayout.path(CRAWL, SEGMENT, "warc", "f.warc.gz"));
        assertThat(list.rejected())
                .containsOnly(
                        org.assertj.core.api.Assertions.entry(PathProblem.MALFORMED_PATH, 2),
                        org.assertj.core.api.Assertions.entry(PathProblem.PATH_OF_OTHER_CRAWL, 1),
                        org.assertj.core.api.Assertions.entry(PathProblem.PATH_WITHOUT_SEGMENT, 1),
                        org.assertj.core.api.Assertions.entry(PathProblem.PATH_OF_OTHER_KIND, 1),
                        org.assertj.core.api.Assertions.entry(PathProblem.DUPLICATE_PATH, 1));
        assertThat(list.examples().get(PathProblem.PATH_OF_OTHER_CRAWL))
                .containsExactly(
                        "crawl-data/CC-MAIN-2024-51/segments/1733066035855.10/warc/b.warc.gz");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/crawl-data/CC-MAIN-2014-35/segments/1408500800168.29/warc/a.warc.gz",
                "https://data.commoncrawl.org/crawl-data/CC-MAIN-2014-35/segments/1/warc/a.gz",
                "crawl-data/CC-MAIN-2014-35/segments/1408500800168.29/warc/a b.warc.gz",
                "crawl-data/CC-MAIN-2014-35/segments/1408500800168.29/warc/a.warc.gz?x=1",
                "crawl-data/CC-MAIN-2014-35/segments/1408500800168.29/warc/",
                "crawl-data/CC-MAIN-2014-35/segments/./warc/a.warc.gz",
                "segments/1408500800168.29/warc/a.warc.gz"
            })
    void pathsThatCouldEscapeTheBaseUrlOrAreNotPlainAreMalformed(String line) throws Exception {
        PathList list =
                PathListParser.parse(line.getBytes(StandardCharsets.UTF_8), CRAWL, FileKind.WARC);

        assertThat(list.paths()).isEmpty();
        assertThat(list.rejected()).containsOnlyKeys(PathProblem.MALFORMED_PATH);
    }

    @Test
    void segmentIdThatIsNotAnIdHasNoSegment() throws Exception {
        String line = "crawl-data/" + CRAWL + "/segments/-x/warc/a.warc.gz";

        PathList list =
                PathListParser.parse(line.getBytes(StandardCharsets.UTF_8), CRAWL, FileKind.WARC);

        assertThat(list.rejected()).containsOnlyKeys(PathProblem.PATH_WITHOUT_SEGMENT);
    }

    @Test
    void onlyTheFirstExamplesOfAProblemAreKept() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            text.append("garbage line ").append(i).append('\n');
        }

        PathList list =
                PathListParser.parse(
                        text.toString().getBytes(StandardCharsets.UTF_8), CRAWL, FileKind.WARC);

        assertThat(list.rejected()).containsEntry(PathProblem.MALFORMED_PATH, 1000);
        assertThat(list.examples().get(PathProblem.MALFORMED_PATH))
                .hasSize(PathListParser.EXAMPLES)
                .startsWith("garbage line 0");
    }

    @Test
    void brokenGzipIsAMalformedPathList() {
        byte[] gzip = CrawlLayout.gzip("crawl-data/x\n".repeat(1000));
        byte[] cut = Arrays.copyOf(gzip, gzip.length / 2);

        assertThatThrownBy(() -> PathListParser.parse(cut, CRAWL, FileKind.WARC))
                .isInstanceOf(MalformedListException.class)
                .hasMessageContaining("broken gzip")
                .extracting(e -> ((MalformedListException) e).reason())
                .isEqualTo("MALFORMED_PATH_LIST");
    }

    @Test
    void emptyListHasNoPaths() throws MalformedListException {
        assertThat(PathListParser.parse(new byte[0], CRAWL, FileKind.WARC).paths()).isEmpty();
        assertThat(PathListParser.parse(CrawlLayout.gzip(""), CRAWL, FileKind.WARC).paths())
                .isEmpty();
    }

    @Test
    void fileNamesAreCommonCrawls() {
        assertThat(PathListParser.fileName(FileKind.WARC)).isEqualTo("warc.paths.gz");
        assertThat(PathListParser.fileName(FileKind.WAT)).isEqualTo("wat.paths.gz");
    }
}
