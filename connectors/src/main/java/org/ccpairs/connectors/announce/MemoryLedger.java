package org.ccpairs.connectors.announce;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** A {@link Ledger} in memory, filled from wherever progress is stored. Not thread-safe. */
public final class MemoryLedger implements Ledger {
    private final Map<CrawlKey, CrawlProgress> progress = new HashMap<>();

    @Override
    public CrawlProgress progress(CrawlKey key) {
        return progress.getOrDefault(key, CrawlProgress.none(key));
    }

    @Override
    public void record(CrawlProgress p) {
        progress.put(p.key(), p);
    }

    /** Adds one announced segment; the crawl's other progress stays as it is. */
    public void addSegment(CrawlKey key, String segmentId) {
        CrawlProgress p = progress(key);
        TreeSet<String> announced = new TreeSet<>(p.announced());
        announced.add(segmentId);
        record(new CrawlProgress(key, announced, p.segmentsListed(), p.complete()));
    }

    /**
     * Forgets one segment, so that it is announced again (an operator deleted it from the ledger);
     * the crawl is then no longer complete.
     */
    public void removeSegment(CrawlKey key, String segmentId) {
        CrawlProgress p = progress(key);
        TreeSet<String> announced = new TreeSet<>(p.announced());
        announced.remove(segmentId);
        record(new CrawlProgress(key, announced, p.segmentsListed(), false));
    }

    /** Sets what is known about the crawl's path list. */
    public void setListing(CrawlKey key, int segmentsListed, boolean complete) {
        CrawlProgress p = progress(key);
        record(new CrawlProgress(key, p.announced(), segmentsListed, complete));
    }

    /** Forgets everything, before a reload. */
    public void clear() {
        progress.clear();
    }

    /** Crawl kinds with any progress. */
    public int size() {
        return progress.size();
    }

    /** Segments announced, over all crawls and kinds. */
    public int segments() {
        return progress.values().stream().mapToInt(p -> p.announced().size()).sum();
    }
}
