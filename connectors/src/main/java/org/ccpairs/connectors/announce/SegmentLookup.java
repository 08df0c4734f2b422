package org.ccpairs.connectors.announce;

import java.util.List;
import org.ccpairs.avro.FileKind;

/**
 * Finds one named segment in its crawl's path list, for announcing it by hand. Unlike the watching
 * announcer, which dead-letters and goes on, it answers a person: every problem is an exception
 * with a message saying what to check.
 */
public final class SegmentLookup {
    /**
     * A segment found.
     *
     * @param listed every segment id of the path list, in list order
     */
    public record Found(CrawlSegment segment, List<String> listed, String pathListUrl) {}

    private SegmentLookup() {}

    /**
     * @throws IllegalArgumentException when an id is invalid, the crawl has no path list of that
     *     kind (an unknown crawl id), or the segment is not in it
     * @throws IllegalStateException when the server fails or the path list is unreadable
     */
    public static Found find(
            CommonCrawlIndex index, String crawlId, FileKind kind, String segmentId)
            throws InterruptedException {
        for (String id : List.of(crawlId, segmentId)) {
            if (!Announcements.isValidId(id)) {
                throw new IllegalArgumentException(
                        "'"
                                + id
                                + "' is not a valid crawl or segment id (letters, digits, '.', '_',"
                                + " '-')");
            }
        }
        String url = index.pathListUrl(crawlId, kind);
        List<CrawlSegment> segments;
        try {
            segments =
                    SegmentGrouping.group(
                            PathListParser.parse(index.pathList(crawlId, kind), crawlId, kind)
                                    .paths());
        } catch (FetchException e) {
            if (e.failure() == FetchFailure.NOT_FOUND) {
                throw new IllegalArgumentException(
                        "crawl '"
                                + crawlId
                                + "' has no "
                                + kind
                                + " path list at "
                                + url
                                + ": is the crawl id right (e.g. CC-MAIN-2024-51) and the base URL"
                                + " (--base-url)?");
            }
            throw new IllegalStateException("cannot read " + url + ": " + e.getMessage(), e);
        } catch (MalformedListException e) {
            throw new IllegalStateException(url + " is unusable: " + e.getMessage(), e);
        }
        List<String> listed = segments.stream().map(CrawlSegment::segmentId).toList();
        for (CrawlSegment segment : segments) {
            if (segment.segmentId().equals(segmentId)) {
                return new Found(segment, listed, url);
            }
        }
        throw new IllegalArgumentException(
                "segment '"
                        + segmentId
                        + "' is not in "
                        + url
                        + " ("
                        + listed.size()
                        + " segments"
                        + (listed.isEmpty()
                                ? ""
                                : ", e.g. "
                                        + String.join(
                                                ", ",
                                                listed.subList(0, Math.min(3, listed.size()))))
                        + ")");
    }
}
