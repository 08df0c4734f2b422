package org.ccpairs.connectors.announce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ccpairs.avro.FileKind;
import org.junit.jupiter.api.Test;

class SegmentGroupingTest {
    private static CrawlPath path(String segment, String file) {
        return new CrawlPath(
                "C", segment, FileKind.WARC, CrawlLayout.path("C", segment, "warc", file));
    }

    @Test
    void segmentsComeInTheOrderOfTheirFirstPathWithTheirFilesInListOrder() {
        List<CrawlSegment> segments =
                SegmentGrouping.group(
                        List.of(
                                path("s2", "a"),
                                path("s1", "b"),
                                path("s2", "c"),
                                path("s1", "d"),
                                path("s3", "e")));

        assertThat(segments).extracting(CrawlSegment::segmentId).containsExactly("s2", "s1", "s3");
        assertThat(segments.get(0).paths())
                .containsExactly(
                        CrawlLayout.path("C", "s2", "warc", "a"),
                        CrawlLayout.path("C", "s2", "warc", "c"));
        assertThat(segments.get(1).urls("https://data.commoncrawl.org/"))
                .containsExactly(
                        "https://data.commoncrawl.org/crawl-data/C/segments/s1/warc/b",
                        "https://data.commoncrawl.org/crawl-data/C/segments/s1/warc/d");
    }

    @Test
    void noPathsNoSegments() {
        assertThat(SegmentGrouping.group(List.of())).isEmpty();
    }
}
