package org.ccpairs.connectors.announce;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which crawls of the crawl list to announce: ids matching a pattern, optionally only those that
 * started on or after a date. Ids that match but are not valid {@link Announcements#ID}s are set
 * apart, to be dead-lettered.
 */
public final class CrawlFilter {
    private final Pattern pattern;
    private final Optional<LocalDate> since;

    /** The crawls to announce, oldest first, and those with ids that cannot be announced. */
    public record Selection(List<CrawlInfo> selected, List<CrawlInfo> invalid) {}

    public CrawlFilter(Pattern pattern, Optional<LocalDate> since) {
        this.pattern = pattern;
        this.since = since;
    }

    public static CrawlFilter of(AnnouncerSettings settings) {
        return new CrawlFilter(settings.crawlPattern(), settings.crawlsSince());
    }

    /**
     * @param newestFirst the crawl list in its own order (collinfo.json lists the newest first)
     */
    public Selection select(List<CrawlInfo> newestFirst) {
        List<CrawlInfo> selected = new ArrayList<>();
        List<CrawlInfo> invalid = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            CrawlInfo crawl = newestFirst.get(i);
            if (!pattern.matcher(crawl.id()).matches()) {
                continue;
            }
            if (!Announcements.isValidId(crawl.id())) {
                invalid.add(crawl);
                continue;
            }
            if (since.isPresent()
                    && crawl.weekStart().map(start -> start.isBefore(since.get())).orElse(true)) {
                continue;
            }
            if (selected.stream().noneMatch(c -> c.id().equals(crawl.id()))) {
                selected.add(crawl);
            }
        }
        return new Selection(List.copyOf(selected), List.copyOf(invalid));
    }

    @Override
    public String toString() {
        return "crawls matching /" + pattern + "/" + since.map(d -> " since " + d).orElse("");
    }
}
