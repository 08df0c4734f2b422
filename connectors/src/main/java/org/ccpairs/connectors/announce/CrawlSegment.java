package org.ccpairs.connectors.announce;

import java.util.List;
import org.ccpairs.avro.FileKind;

/**
 * The files of one kind of one segment, as a path list gives them.
 *
 * @param paths relative to the base URL, in list order; never empty
 */
public record CrawlSegment(String crawlId, String segmentId, FileKind kind, List<String> paths) {
    public CrawlSegment {
        paths = List.copyOf(paths);
    }

    /** The absolute file URLs: {@code baseUrl} (ending in '/') followed by each path. */
    public List<String> urls(String baseUrl) {
        return paths.stream().map(p -> baseUrl + p).toList();
    }
}
