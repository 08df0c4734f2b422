package org.ccpairs.connectors.announce;

/**
 * What the announcer has announced, by crawl and kind. The CLI keeps it in a compacted Kafka topic
 * ({@link LedgerTopic}), the Kafka Connect connector in Connect's offsets; the {@link
 * SegmentAnnouncer} only reads it and tells it what it announced.
 */
public interface Ledger {
    /** The progress of {@code key}; {@link CrawlProgress#none} when nothing is known. */
    CrawlProgress progress(CrawlKey key);

    /**
     * Remembers {@code progress} in memory, once its announcement has been handed to the {@link
     * AnnouncementSink}. Durability is the sink's business: it stores the progress atomically with
     * the announcement.
     */
    void record(CrawlProgress progress);
}
