package org.ccpairs.connectors.announce;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What has been announced of one kind of one crawl. Immutable.
 *
 * @param announced ids of the segments announced, sorted
 * @param segmentsListed how many segments the crawl's path list had when last read; 0 when unknown
 * @param complete whether every segment of the path list has been announced, so that the list need
 *     not be fetched again
 */
public record CrawlProgress(
        CrawlKey key, SortedSet<String> announced, int segmentsListed, boolean complete) {
    public CrawlProgress {
        announced = Collections.unmodifiableSortedSet(new TreeSet<>(announced));
    }

    /** Nothing announced yet. */
    public static CrawlProgress none(CrawlKey key) {
        return new CrawlProgress(key, new TreeSet<>(), 0, false);
    }

    public boolean isAnnounced(String segmentId) {
        return announced.contains(segmentId);
    }

    /**
     * This progress plus {@code segmentId}, with the path list's segments; complete when every one
     * of them is announced.
     */
    public CrawlProgress with(String segmentId, Collection<String> listedSegments) {
        TreeSet<String> now = new TreeSet<>(announced);
        now.add(segmentId);
        return new CrawlProgress(key, now, listedSegments.size(), now.containsAll(listedSegments));
    }
}
