package org.ccpairs.connectors.announce;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ccpairs.avro.FileKind;
import org.ccpairs.connectors.announce.PathListParser.PathList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll/announce planner, shared by the CLI and the Kafka Connect connector: one {@link #poll()}
 * reads the crawl list, keeps the crawls the filters take (oldest first), and for each crawl and
 * file kind that the {@link Ledger} does not know as complete reads its path list, groups it into
 * segments and hands every segment not yet announced to the {@link AnnouncementSink}, at most
 * {@code announcer.max-segments-per-poll} per poll.
 *
 * <p>Nothing from the outside ends a poll with an exception: server trouble (5xx, timeouts, broken
 * connections, after the fetcher's retries) ends the poll early with a poll error, tried again next
 * poll; bad data (a broken crawl list or path list, bad lines, a missing path list, an invalid
 * crawl id) is dead-lettered once per announcer instance and skipped; a crawl whose path list is
 * missing is asked for again only after {@code announcer.missing-path-list-retry}. A failed publish
 * ends the poll and is reported as {@link PollReport#ledgerInDoubt()}. Not thread-safe: one poll at
 * a time.
 */
public final class SegmentAnnouncer {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentAnnouncer.class);

    private final AnnouncerSettings settings;
    private final CommonCrawlIndex index;
    private final CrawlFilter filter;
    private final Ledger ledger;
    private final AnnouncementSink sink;
    private final AnnouncerMetrics metrics;
    private final String announcerName;
    private final Clock clock;
    private final Set<String> deadLettered = new HashSet<>();
    private final Map<CrawlKey, Instant> missingUntil = new HashMap<>();

    /**
     * @param announcerName written into every announcement's {@code announcer} field
     */
    public SegmentAnnouncer(
            AnnouncerSettings settings,
            CommonCrawlIndex index,
            Ledger ledger,
            AnnouncementSink sink,
            AnnouncerMetrics metrics,
            String announcerName,
            Clock clock) {
        this.settings = settings;
        this.index = index;
        this.filter = CrawlFilter.of(settings);
        this.ledger = ledger;
        this.sink = sink;
        this.metrics = metrics;
        this.announcerName = announcerName;
        this.clock = clock;
    }

    /**
     * Runs one poll.
     *
     * @throws InterruptedException when the thread is interrupted (the driver stops)
     */
    public PollReport poll() throws InterruptedException {
        metrics.pollStarted();
        PollState poll =
                new PollState(sink, metrics, clock, deadLettered, settings.maxSegmentsPerPoll());
        CrawlListParser.CrawlList list = crawlList(poll);
        if (list != null) {
            CrawlFilter.Selection selection = filter.select(list.crawls());
            poll.crawlsListed = list.crawls().size();
            poll.crawlsSelected = selection.selected().size();
            for (CrawlInfo crawl : selection.invalid()) {
                poll.deadLetterOnce(
                        AnnouncerDeadLetters.INVALID_CRAWL_ID,
                        crawl.id(),
                        "crawl id '"
                                + crawl.id()
                                + "' in "
                                + index.crawlListUrl()
                                + " is not a valid id (letters, digits, '.', '_', '-'); skipped",
                        null,
                        null,
                        index.crawlListUrl(),
                        AnnouncerDeadLetters.utf8(crawl.id()));
            }
            for (CrawlInfo crawl : selection.selected()) {
                for (FileKind kind : settings.fileKinds()) {
                    CrawlKey key = new CrawlKey(crawl.id(), kind);
                    if (!poll.stopped()) {
                        announceCrawl(poll, key);
                    }
                    if (!ledger.progress(key).complete()) {
                        poll.pending++;
                    }
                }
            }
            metrics.crawls(poll.crawlsListed, poll.pending);
        }
        PollReport report = poll.report();
        if (report.succeeded()) {
            metrics.pollSucceeded(clock.instant());
        }
        LOG.info("poll: {}", report.summary());
        return report;
    }

    private CrawlListParser.CrawlList crawlList(PollState poll) throws InterruptedException {
        String url = index.crawlListUrl();
        try {
            return index.crawls();
        } catch (FetchException e) {
            poll.fail(e.failure().name(), e.getMessage());
        } catch (MalformedListException e) {
            poll.deadLetterOnce(
                    e.reason(),
                    url,
                    "crawl list " + url + " is unusable: " + e.getMessage(),
                    e,
                    null,
                    url,
                    null);
            poll.fail(e.reason(), e.getMessage());
        }
        return null;
    }

    private void announceCrawl(PollState poll, CrawlKey key) throws InterruptedException {
        CrawlProgress progress = ledger.progress(key);
        Instant missing = missingUntil.get(key);
        if (progress.complete()
                || poll.budget == 0
                || (missing != null && clock.instant().isBefore(missing))) {
            return;
        }
        List<CrawlSegment> segments = segments(poll, key);
        if (segments == null) {
            return;
        }
        List<String> listed = segments.stream().map(CrawlSegment::segmentId).toList();
        for (CrawlSegment segment : segments) {
            if (progress.isAnnounced(segment.segmentId())) {
                continue;
            }
            if (poll.budget == 0 || poll.stopped()) {
                return;
            }
            CrawlProgress after = progress.with(segment.segmentId(), listed);
            if (!poll.announce(
                    Announcements.of(
                            key.crawlId(),
                            segment.segmentId(),
                            key.kind(),
                            segment.urls(index.baseUrl()),
                            announcerName,
                            clock),
                    after,
                    segment.paths().size())) {
                return;
            }
            ledger.record(after);
            progress = after;
        }
        if (!progress.complete() && progress.announced().containsAll(listed)) {
            ledger.record(new CrawlProgress(key, progress.announced(), listed.size(), true));
        }
    }

    /** The crawl's segments, or null when there are none to be had this poll. */
    private List<CrawlSegment> segments(PollState poll, CrawlKey key) throws InterruptedException {
        String url = index.pathListUrl(key.crawlId(), key.kind());
        byte[] body;
        try {
            body = index.pathList(key.crawlId(), key.kind());
        } catch (FetchException e) {
            if (e.failure().isTransient()) {
                // the server is struggling: leave it alone until the next poll
                poll.fail(e.failure().name(), e.getMessage());
                return null;
            }
            missingUntil.put(key, clock.instant().plus(settings.missingPathListRetry()));
            poll.deadLetterOnce(
                    e.failure() == FetchFailure.NOT_FOUND
                            ? AnnouncerDeadLetters.PATH_LIST_NOT_FOUND
                            : AnnouncerDeadLetters.PATH_LIST_REFUSED,
                    key.toString(),
                    "path list of "
                            + key
                            + " is not available ("
                            + e.failure()
                            + ": an unknown or unpublished crawl?); asked again after "
                            + settings.missingPathListRetry()
                            + ": "
                            + e.getMessage(),
                    e,
                    key.crawlId(),
                    url,
                    null);
            return null;
        }
        missingUntil.remove(key);
        PathList list;
        try {
            list = PathListParser.parse(body, key.crawlId(), key.kind());
        } catch (MalformedListException e) {
            poll.deadLetterOnce(
                    e.reason(),
                    key.toString(),
                    "path list " + url + " is unusable: " + e.getMessage(),
                    e,
                    key.crawlId(),
                    url,
                    body);
            return null;
        }
        list.rejected()
                .forEach(
                        (problem, count) ->
                                poll.deadLetterOnce(
                                        problem.name(),
                                        key.toString(),
                                        count
                                                + " line(s) of "
                                                + url
                                                + " skipped as "
                                                + problem
                                                + ", e.g. "
                                                + list.examples().get(problem).get(0),
                                        null,
                                        key.crawlId(),
                                        url,
                                        AnnouncerDeadLetters.utf8(
                                                String.join("\n", list.examples().get(problem)))));
        List<CrawlSegment> segments = SegmentGrouping.group(list.paths());
        if (segments.isEmpty()) {
            poll.deadLetterOnce(
                    AnnouncerDeadLetters.EMPTY_PATH_LIST,
                    key.toString(),
                    "path list " + url + " has no usable path",
                    null,
                    key.crawlId(),
                    url,
                    null);
            return null;
        }
        return segments;
    }
}
