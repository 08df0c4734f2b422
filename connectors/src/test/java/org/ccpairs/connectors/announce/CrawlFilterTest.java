package org.ccpairs.connectors.announce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CrawlFilterTest {
    private static final List<CrawlInfo> NEWEST_FIRST =
            List.of(
                    new CrawlInfo("CC-MAIN-2024-51", ""),
                    new CrawlInfo("CC-MAIN-2024-46", ""),
                    new CrawlInfo("CC-NEWS-2024-12", ""),
                    new CrawlInfo("CC-MAIN-2013-20", ""),
                    new CrawlInfo("CC-MAIN-2012", ""),
                    new CrawlInfo("CC-MAIN-2009-2010", ""));

    @Test
    void defaultPatternTakesYearWeekCrawlsOldestFirst() {
        CrawlFilter filter =
                new CrawlFilter(
                        Pattern.compile(AnnouncerOptions.CRAWL_PATTERN.defaultValue()),
                        Optional.empty());

        assertThat(filter.select(NEWEST_FIRST).selected())
                .extracting(CrawlInfo::id)
                .containsExactly("CC-MAIN-2013-20", "CC-MAIN-2024-46", "CC-MAIN-2024-51");
    }

    @Test
    void sinceKeepsCrawlsWhoseWeekStartsOnOrAfterTheDate() {
        CrawlFilter filter =
                new CrawlFilter(
                        Pattern.compile("CC-MAIN-.*"), Optional.of(LocalDate.parse("2024-12-16")));

        assertThat(filter.select(NEWEST_FIRST).selected())
                .extracting(CrawlInfo::id)
                .containsExactly("CC-MAIN-2024-51");
    }

    @Test
    void idsWithoutAWeekAreTakenWithoutSinceAndSkippedWithIt() {
        Pattern all = Pattern.compile("CC-MAIN-.*");

        assertThat(new CrawlFilter(all, Optional.empty()).select(NEWEST_FIRST).selected())
                .extracting(CrawlInfo::id)
                .contains("CC-MAIN-2012", "CC-MAIN-2009-2010");
        assertThat(
                        new CrawlFilter(all, Optional.of(LocalDate.parse("2000-01-01")))
                                .select(NEWEST_FIRST)
                                .selected())
                .extracting(CrawlInfo::id)
                .doesNotContain("CC-MAIN-2012", "CC-MAIN-2009-2010");
    }

    @Test
    void matchingIdsThatAreNotValidIdsAreSetApart() {
        CrawlFilter filter = new CrawlFilter(Pattern.compile(".*"), Optional.empty());

        CrawlFilter.Selection selection =
                filter.select(
                        List.of(
                                new CrawlInfo("../etc", ""),
                                new CrawlInfo("CC MAIN", ""),
                                new CrawlInfo("ok", "")));

        assertThat(selection.selected()).extracting(CrawlInfo::id).containsExactly("ok");
        assertThat(selection.invalid())
                .extracting(CrawlInfo::id)
                .containsExactly("CC MAIN", "../etc");
    }

    @Test
    void aCrawlListedTwiceIsTakenOnce() {
        CrawlFilter filter = new CrawlFilter(Pattern.compile(".*"), Optional.empty());

        assertThat(
                        filter.select(List.of(new CrawlInfo("a", "x"), new CrawlInfo("a", "y")))
                                .selected())
                .hasSize(1);
    }

    @Test
    void weekStartIsTheMondayOfTheIsoWeek() {
        assertThat(new CrawlInfo("CC-MAIN-2024-51", "").weekStart())
                .contains(LocalDate.parse("2024-12-16"));
        assertThat(new CrawlInfo("CC-MAIN-2021-04", "").weekStart())
                .contains(LocalDate.parse("2021-01-25"));
        assertThat(new CrawlInfo("CC-MAIN-2020-53", "").weekStart())
                .contains(LocalDate.parse("2020-12-28"));
        assertThat(new CrawlInfo("CC-MAIN-2021-53", "").weekStart()).isEmpty();
        assertThat(new CrawlInfo("CC-MAIN-2024-00", "").weekStart()).isEmpty();
        assertThat(new CrawlInfo("CC-MAIN-2009-2010", "").weekStart()).isEmpty();
        assertThat(new CrawlInfo("CC-MAIN-2012", "").weekStart()).isEmpty();
    }
}
