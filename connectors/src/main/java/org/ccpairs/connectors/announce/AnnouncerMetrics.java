package org.ccpairs.connectors.announce;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.ccpairs.avro.FileKind;

/**
 * The announcer's counters, kept here once and exported by each driver: as Prometheus metrics by
 * the CLI ({@link AnnouncerPrometheus}), as Kafka Connect plugin metrics (JMX) by the connector.
 * Names are in docs/metrics.md. Thread-safe: the poll thread writes, exporters read.
 */
public final class AnnouncerMetrics {
    private final LongAdder polls = new LongAdder();
    private final Map<FileKind, LongAdder> segmentsAnnounced = new EnumMap<>(FileKind.class);
    private final AtomicLong crawlsSeen = new AtomicLong();
    private final AtomicLong crawlsPending = new AtomicLong();
    private final ConcurrentMap<String, LongAdder> pollErrors = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> deadLetters = new ConcurrentHashMap<>();
    private final AtomicLong lastSuccessfulPollMillis = new AtomicLong();

    public AnnouncerMetrics() {
        for (FileKind kind : FileKind.values()) {
            segmentsAnnounced.put(kind, new LongAdder());
        }
    }

    void pollStarted() {
        polls.increment();
    }

    void segmentAnnounced(FileKind kind) {
        segmentsAnnounced.get(kind).increment();
    }

    void crawls(int seen, int pending) {
        crawlsSeen.set(seen);
        crawlsPending.set(pending);
    }

    void pollError(String reason) {
        pollErrors.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void deadLetter(String reason) {
        deadLetters.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void pollSucceeded(Instant at) {
        lastSuccessfulPollMillis.set(at.toEpochMilli());
    }

    public long polls() {
        return polls.sum();
    }

    public long segmentsAnnounced(FileKind kind) {
        return segmentsAnnounced.get(kind).sum();
    }

    public long segmentsAnnounced() {
        return segmentsAnnounced.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Crawls in the crawl list at the last poll that read it. */
    public long crawlsSeen() {
        return crawlsSeen.get();
    }

    /** Crawls (and kinds) selected by the filters and not yet completely announced. */
    public long crawlsPending() {
        return crawlsPending.get();
    }

    /** Poll errors so far by reason, sorted by reason. */
    public Map<String, Long> pollErrors() {
        return snapshot(pollErrors);
    }

    /** Dead letters so far by reason, sorted by reason. */
    public Map<String, Long> deadLetters() {
        return snapshot(deadLetters);
    }

    /** Epoch milliseconds of the end of the last successful poll; 0 before the first. */
    public long lastSuccessfulPollMillis() {
        return lastSuccessfulPollMillis.get();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((reason, count) -> copy.put(reason, count.sum()));
        return copy;
    }
}
