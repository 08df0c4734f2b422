package org.ccpairs.connectors.announce;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.common.KafkaException;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.kafka.TopicAdmin;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link SegmentAnnouncer} outside Kafka Connect (the CLI's {@code announce --watch}): a
 * Kafka session is a {@link TransactionalAnnouncementSink} plus the {@link LedgerTopic} read into
 * memory. Opening one fences any older announcer with the same transactional id and resolves its
 * open transaction before the ledger is read, so the ledger is exactly what was announced. Before
 * each poll the ledger is caught up (announcements made meanwhile by {@code announce --force} or
 * another tool are seen); after a failed publish the session is dropped and the next poll opens a
 * new one.
 */
public final class AnnouncerRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnnouncerRunner.class);

    /** Where and how to publish. */
    public record Kafka(
            String bootstrapServers,
            Map<String, String> clientProperties,
            RegistrySettings registry,
            TransactionalAnnouncementSink.Topics topics,
            String transactionalId) {}

    /** Another announcer took over the transactional id: this one must stop, not retry. */
    public static final class FencedException extends IllegalStateException {
        FencedException(String transactionalId) {
            super(
                    "another announcer started with transactional id '"
                            + transactionalId
                            + "' and took over; this one stops (give each announcer its own"
                            + " announcer.transactional-id)");
        }
    }

    private final AnnouncerSettings settings;
    private final Kafka kafka;
    private final AnnouncerMetrics metrics;
    private final MemoryLedger ledger = new MemoryLedger();
    private final CommonCrawlIndex index;
    private final SegmentAnnouncer announcer;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile Thread pollThread;
    private TransactionalAnnouncementSink sink;
    private LedgerTopic ledgerTopic;

    public AnnouncerRunner(
            AnnouncerSettings settings,
            Kafka kafka,
            AnnouncerMetrics metrics,
            String announcerName,
            Clock clock) {
        this.settings = settings;
        this.kafka = kafka;
        this.metrics = metrics;
        this.index = CommonCrawlIndex.of(settings);
        this.announcer =
                new SegmentAnnouncer(
                        settings, index, ledger, new SessionSink(), metrics, announcerName, clock);
    }

    /**
     * One poll, opening a Kafka session first when there is none.
     *
     * @throws FencedException when another announcer took over the transactional id
     * @throws KafkaException or {@link IllegalStateException} when Kafka cannot be used
     */
    public PollReport pollOnce() throws InterruptedException {
        if (sink == null) {
            open();
        }
        ledgerTopic.catchUp(ledger);
        PollReport report = announcer.poll();
        if (report.ledgerInDoubt()) {
            closeSession();
        }
        if (report.fenced()) {
            throw new FencedException(kafka.transactionalId());
        }
        return report;
    }

    /**
     * Polls every {@code announcer.poll-interval} (from the start of one poll to the next) until
     * {@link #stop()}. Kafka being unavailable is a poll error ({@code KAFKA_UNAVAILABLE}), tried
     * again at the next interval.
     *
     * @throws FencedException when another announcer took over the transactional id
     */
    public void run(Consumer<PollReport> onPoll) throws InterruptedException {
        pollThread = Thread.currentThread();
        try {
            while (stop.getCount() > 0) {
                long start = System.nanoTime();
                try {
                    onPoll.accept(pollOnce());
                } catch (FencedException e) {
                    throw e;
                } catch (KafkaException | IllegalStateException e) {
                    metrics.pollError("KAFKA_UNAVAILABLE");
                    LOG.warn("poll error KAFKA_UNAVAILABLE: {}", e.toString());
                    closeSession();
                }
                long wait = settings.pollInterval().toNanos() - (System.nanoTime() - start);
                if (stop.await(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            if (stop.getCount() > 0) {
                throw e;
            }
        } finally {
            pollThread = null;
        }
    }

    /** Makes {@link #run} return; a poll under way is interrupted (its transaction is aborted). */
    public void stop() {
        stop.countDown();
        Thread t = pollThread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Segments the ledger knows as announced (for tests and the CLI's first line). */
    public int segmentsRemembered() {
        return ledger.segments();
    }

    /** HTTP requests sent to the crawl server so far. */
    public long requests() {
        return index.requests();
    }

    private void open() {
        TopicAdmin.ensure(
                kafka.bootstrapServers(),
                kafka.clientProperties(),
                Map.of(kafka.topics().segments(), 1, kafka.topics().deadLetters(), 1));
        LedgerTopicAdmin.ensure(
                kafka.bootstrapServers(), kafka.clientProperties(), kafka.topics().ledger());
        // fence and resolve first, then read: nothing can be added to the ledger behind our back
        sink =
                new TransactionalAnnouncementSink(
                        kafka.bootstrapServers(),
                        kafka.clientProperties(),
                        kafka.registry(),
                        kafka.topics(),
                        kafka.transactionalId());
        ledger.clear();
        ledgerTopic =
                new LedgerTopic(
                        kafka.bootstrapServers(),
                        kafka.clientProperties(),
                        kafka.topics().ledger());
        ledgerTopic.catchUp(ledger);
        LOG.info(
                "announcer session open: {} segments remembered in {}",
                ledger.segments(),
                kafka.topics().ledger());
    }

    private void closeSession() {
        try {
            if (ledgerTopic != null) {
                ledgerTopic.close();
            }
            if (sink != null) {
                sink.close();
            }
        } catch (IOException | KafkaException e) {
            LOG.warn("closing the announcer's Kafka session: {}", e.toString());
        } finally {
            sink = null;
            ledgerTopic = null;
        }
    }

    @Override
    public void close() {
        closeSession();
        index.close();
    }

    /** The current session's sink; a poll runs only with a session open. */
    private final class SessionSink implements AnnouncementSink {
        @Override
        public void announce(SegmentAnnouncement announcement, CrawlProgress after)
                throws PublishException {
            sink.announce(announcement, after);
        }

        @Override
        public void deadLetter(DeadLetter letter) throws PublishException {
            sink.deadLetter(letter);
        }
    }
}
