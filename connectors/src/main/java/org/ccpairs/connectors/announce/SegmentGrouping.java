package org.ccpairs.connectors.announce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Groups the paths of a path list into segments. */
public final class SegmentGrouping {
    private SegmentGrouping() {}

    /**
     * One {@link CrawlSegment} per segment id, in the order of each segment's first path, each with
     * its paths in list order. Common Crawl lists are sorted by segment; an unsorted list is
     * grouped all the same.
     */
    public static List<CrawlSegment> group(List<CrawlPath> paths) {
        Map<String, List<CrawlPath>> bySegment = new LinkedHashMap<>();
        for (CrawlPath path : paths) {
            bySegment.computeIfAbsent(path.segmentId(), s -> new ArrayList<>()).add(path);
        }
        List<CrawlSegment> segments = new ArrayList<>(bySegment.size());
        bySegment.forEach(
                (segment, files) -> {
                    CrawlPath first = files.get(0);
                    segments.add(
                            new CrawlSegment(
                                    first.crawlId(),
                                    segment,
                                    first.kind(),
                                    files.stream().map(CrawlPath::path).toList()));
                });
        return segments;
    }
}
