package org.ccpairs.connectors.announce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of the {@link SegmentAnnouncer} while it runs: the segment budget, what was announced,
 * and the two ways things go wrong — poll errors (the poll ends, the next one tries again) and dead
 * letters (published once per announcer instance, remembered in {@code deadLettered}). Not
 * thread-safe.
 */
final class PollState {
    private static final Logger LOG = LoggerFactory.getLogger(PollState.class);

    private final AnnouncementSink sink;
    private final AnnouncerMetrics metrics;
    private final Clock clock;
    private final Set<String> deadLettered;
    private final Instant startedAt;
    private final List<PollReport.Announced> announced = new ArrayList<>();
    private final List<String> deadLetters = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    int budget;
    int crawlsListed;
    int crawlsSelected;
    int pending;
    private boolean stopped;
    private boolean ledgerInDoubt;
    private boolean fenced;

    PollState(
            AnnouncementSink sink,
            AnnouncerMetrics metrics,
            Clock clock,
            Set<String> deadLettered,
            int budget) {
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
        this.deadLettered = deadLettered;
        this.startedAt = clock.instant();
        this.budget = budget;
    }

    /** Whether the poll has ended early; nothing more is fetched or published then. */
    boolean stopped() {
        return stopped;
    }

    /** Hands one announcement to the sink; false (and the poll stopped) when that failed. */
    boolean announce(
            org.ccpairs.avro.SegmentAnnouncement announcement, CrawlProgress after, int files) {
        try {
            sink.announce(announcement, after);
        } catch (PublishException e) {
            publishFailed(e);
            return false;
        }
        budget--;
        metrics.segmentAnnounced(announcement.getFileKind());
        announced.add(
                new PollReport.Announced(
                        announcement.getCrawlId(),
                        announcement.getSegmentId(),
                        announcement.getFileKind(),
                        files));
        LOG.info(
                "announced {} ({}, {} files)",
                Announcements.key(announcement),
                announcement.getFileKind(),
                files);
        return true;
    }

    /** Ends the poll with a poll error, to be tried again at the next poll. */
    void fail(String reason, String detail) {
        error(reason, detail);
        stopped = true;
    }

    /** Counts a poll error without ending the poll. */
    void error(String reason, String detail) {
        metrics.pollError(reason);
        errors.add(reason + ": " + detail);
        LOG.warn("poll error {}: {}", reason, detail);
    }

    /**
     * Publishes a dead letter unless this announcer already did for {@code reason} and {@code
     * what}.
     *
     * @param crawlId null when not about one crawl
     * @param source the list's URL
     * @param payload the offending input; null when none
     */
    void deadLetterOnce(
            String reason,
            String what,
            String message,
            Throwable cause,
            String crawlId,
            String source,
            byte[] payload) {
        String once = reason + " " + what;
        if (stopped || deadLettered.contains(once)) {
            return;
        }
        try {
            sink.deadLetter(
                    AnnouncerDeadLetters.of(
                            reason, message, cause, crawlId, source, payload, clock.instant()));
        } catch (PublishException e) {
            publishFailed(e);
            return;
        }
        deadLettered.add(once);
        metrics.deadLetter(reason);
        deadLetters.add(reason);
        LOG.warn("dead letter {}: {}", reason, message);
    }

    private void publishFailed(PublishException e) {
        fail("PUBLISH_FAILED", e.getMessage());
        ledgerInDoubt = true;
        fenced |= e.fenced();
    }

    PollReport report() {
        Instant end = clock.instant();
        return new PollReport(
                startedAt,
                Duration.between(startedAt, end),
                crawlsListed,
                crawlsSelected,
                pending,
                List.copyOf(announced),
                List.copyOf(deadLetters),
                List.copyOf(errors),
                ledgerInDoubt,
                fenced);
    }
}
