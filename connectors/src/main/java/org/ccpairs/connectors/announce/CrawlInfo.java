package org.ccpairs.connectors.announce;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One crawl of the crawl list (collinfo.json).
 *
 * @param id e.g. {@code CC-MAIN-2024-51}; never null, not necessarily a valid {@link
 *     Announcements#ID}
 * @param name e.g. {@code December 2024 Index}; empty when the list gives none
 */
public record CrawlInfo(String id, String name) {
    /** Crawls named by year and ISO week, as Common Crawl has done since 2013. */
    private static final Pattern YEAR_WEEK = Pattern.compile(".*-(\\d{4})-(\\d{2})");

    /**
     * The Monday of the ISO week in the id ({@code CC-MAIN-2024-51}: 2024-12-16), or empty for ids
     * without one ({@code CC-MAIN-2012}, {@code CC-MAIN-2009-2010}) or with an impossible week.
     */
    public Optional<LocalDate> weekStart() {
        Matcher m = YEAR_WEEK.matcher(id);
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        int week = Integer.parseInt(m.group(2));
        LocalDate jan4 = LocalDate.of(year, 1, 4); // always in ISO week 1
        if (week < 1 || week > jan4.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
            return Optional.empty();
        }
        return Optional.of(
                jan4.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
    }
}
