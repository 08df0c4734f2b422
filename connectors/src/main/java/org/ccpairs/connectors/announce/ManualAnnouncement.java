package org.ccpairs.connectors.announce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.kafka.TopicAdmin;

/**
 * Announces one named segment, with its files from the crawl's path list ({@code ccpairs announce
 * --crawl X --segment Y [--force]}). A segment the ledger knows as announced is refused unless
 * forced. The announcement and its ledger record are published in one transaction, under the
 * transactional id {@code <announcer.transactional-id>-manual} so that a running watcher is not
 * fenced; the watcher reads the ledger before each poll and does not announce the segment again.
 */
public final class ManualAnnouncement {
    /**
     * What was published.
     *
     * @param repeated whether the segment had been announced before (only with force)
     */
    public record Result(SegmentAnnouncement announcement, boolean repeated, String pathListUrl) {}

    private ManualAnnouncement() {}

    /**
     * @throws IllegalArgumentException for an unknown crawl or segment, or a segment announced
     *     before when {@code force} is false
     * @throws IllegalStateException when Kafka, the registry or the crawl server fails
     */
    public static Result announce(
            AnnouncerSettings settings,
            AnnouncerRunner.Kafka kafka,
            CrawlKey crawl,
            String segmentId,
            boolean force,
            String announcerName,
            Clock clock)
            throws InterruptedException {
        SegmentLookup.Found found;
        try (CommonCrawlIndex index = CommonCrawlIndex.of(settings)) {
            found = SegmentLookup.find(index, crawl.crawlId(), crawl.kind(), segmentId);
        }
        TopicAdmin.ensure(
                kafka.bootstrapServers(),
                kafka.clientProperties(),
                Map.of(kafka.topics().segments(), 1, kafka.topics().deadLetters(), 1));
        LedgerTopicAdmin.ensure(
                kafka.bootstrapServers(), kafka.clientProperties(), kafka.topics().ledger());
        MemoryLedger ledger = new MemoryLedger();
        try (LedgerTopic topic =
                new LedgerTopic(
                        kafka.bootstrapServers(),
                        kafka.clientProperties(),
                        kafka.topics().ledger())) {
            topic.catchUp(ledger);
        }
        CrawlProgress progress = ledger.progress(crawl);
        boolean repeated = progress.isAnnounced(segmentId);
        if (repeated && !force) {
            throw new IllegalArgumentException(
                    crawl.crawlId()
                            + "/"
                            + segmentId
                            + " ("
                            + crawl.kind()
                            + ") was announced"
                            + " already, says the announcer ledger "
                            + kafka.topics().ledger()
                            + "; add --force to announce it again");
        }
        SegmentAnnouncement announcement =
                Announcements.of(
                        crawl.crawlId(),
                        segmentId,
                        crawl.kind(),
                        found.segment().urls(settings.baseUrl()),
                        announcerName,
                        clock);
        try (TransactionalAnnouncementSink sink =
                new TransactionalAnnouncementSink(
                        kafka.bootstrapServers(),
                        kafka.clientProperties(),
                        kafka.registry(),
                        kafka.topics(),
                        kafka.transactionalId() + "-manual")) {
            sink.announce(announcement, progress.with(segmentId, found.listed()));
        } catch (PublishException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(announcement, repeated, found.pathListUrl());
    }
}
