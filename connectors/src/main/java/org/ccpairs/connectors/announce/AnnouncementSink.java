package org.ccpairs.connectors.announce;

import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.SegmentAnnouncement;

/**
 * Where the {@link SegmentAnnouncer} hands its output: announcements for the segments topic, each
 * with the crawl's progress after it, and dead letters. The CLI publishes both in one Kafka
 * transaction ({@link TransactionalAnnouncementSink}); the Kafka Connect task returns them as
 * source records whose source offset is the progress.
 */
public interface AnnouncementSink {
    /**
     * Publishes {@code announcement} and stores {@code after} with it, atomically where the sink
     * can.
     *
     * @throws PublishException when it may not have been published; the announcer stops the poll
     *     and its driver must reload the ledger before the next one
     */
    void announce(SegmentAnnouncement announcement, CrawlProgress after) throws PublishException;

    /**
     * Publishes a dead letter.
     *
     * @throws PublishException as for {@link #announce}
     */
    void deadLetter(DeadLetter letter) throws PublishException;
}
