package org.ccpairs.jobs.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.configuration.Configuration;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.Test;

class PageAndUrlRulesTest {
    private static final FilterChain RULES = PrefilterSettings.from(new Configuration()).rules();

    @Test
    void pagesThatOptedOutAreRejectedAsOptedOutBeforeAnyOtherRule() {
        assertThat(decide(page("noindex, noai", null)).reason()).isEqualTo(OptOutFilter.OPTED_OUT);
        assertThat(decide(page("noimageai", null)).detail()).contains("robots noimageai");
        assertThat(decide(page(null, true)).detail()).contains("tdm-reservation 1");
        assertThat(decide(page("noindex, nofollow", false)).passed()).isTrue();
        // extraction keeps only directives for all crawlers or scoped to ours; a directive
        // scoped to another crawler never reaches the pair (RobotsDirectivesTest)
        assertThat(decide(page("noai-like", null)).passed()).isTrue();
    }

    @Test
    void optOutsCanBeTurnedOff() {
        Configuration conf = new Configuration();
        conf.set(FilterOptions.OPT_OUT_ENABLED, false);
        assertThat(PrefilterSettings.from(conf).rules().decide(page("noai", true)).passed())
                .isTrue();
    }

    @Test
    void svgAndGifAreDroppedByDefaultAndOtherImageFormatsKept() {
        assertThat(url("https://img.example.org/a/logo.svg")).isEqualTo(UrlRulesFilter.EXTENSION);
        assertThat(url("https://img.example.org/spinner.GIF?v=3"))
                .isEqualTo(UrlRulesFilter.EXTENSION);
        assertThat(url("https://img.example.org/doc.pdf")).isEqualTo(UrlRulesFilter.EXTENSION);
        assertThat(url("https://img.example.org/cat.JPG")).isNull();
        assertThat(url("https://img.example.org/cat.webp#x")).isNull();
        assertThat(url("https://img.example.org/thumb.php?id=3")).as("a script").isNull();
        assertThat(url("https://img.example.org/photos/123")).as("no extension").isNull();
        assertThat(url("https://img.example.org/v1.2/photo")).as("dot in a folder").isNull();
    }

    @Test
    void hostsAndSchemesAreChecked() {
        assertThat(url("ftp://img.example.org/a.jpg")).isEqualTo(UrlRulesFilter.SCHEME);
        assertThat(url("https://localhost/a.jpg")).isEqualTo(UrlRulesFilter.HOST);
        assertThat(url("http://192.168.1.10/a.jpg")).isEqualTo(UrlRulesFilter.HOST);
        assertThat(url("http://[::1]/a.jpg")).isEqualTo(UrlRulesFilter.HOST);
        assertThat(url("https://bad_host-.example..org/a.jpg")).isEqualTo(UrlRulesFilter.HOST);
        assertThat(url("https://1.2.3.4.5/a.jpg")).isEqualTo(UrlRulesFilter.HOST);
        assertThat(url("https://user:pw@img.example.org:8443/a.jpg")).isNull();
        assertThat(url("https://bücher.example/a.jpg")).as("IDN").isNull();
        assertThat(url("https://img.example.org/" + "a".repeat(2100) + ".jpg"))
                .isEqualTo(UrlRulesFilter.TOO_LONG);
    }

    @Test
    void ipHostsCanBeAllowed() {
        Configuration conf = new Configuration();
        conf.set(FilterOptions.URL_ALLOW_IP_HOSTS, true);
        Pair p = TestPairs.pair(1, "http://93.184.216.34/a.jpg", "A cat on a sofa");
        assertThat(PrefilterSettings.from(conf).rules().decide(p).passed()).isTrue();
    }

    private static Decision decide(Pair p) {
        return RULES.decide(p);
    }

    private static String url(String imageUrl) {
        return RULES.decide(TestPairs.pair(1, imageUrl, "A cat on a sofa")).reason();
    }

    /** A pair with a good caption and URL from a page with these signals. */
    static Pair page(String robots, Boolean tdmReservation) {
        Pair p = TestPairs.pair(1, "https://img.example.org/cat.jpg", "A cat on a sofa");
        return new Pair(
                p.pairId(),
                p.dedupKey(),
                p.imageUrl(),
                p.caption(),
                p.pageUrl(),
                p.crawlId(),
                p.segmentId(),
                p.segmentSeq(),
                p.warcFile(),
                p.warcOffset(),
                p.warcRecordId(),
                p.fetchTimeMillis(),
                p.width(),
                p.height(),
                false,
                null,
                null,
                0,
                "src",
                null,
                false,
                "en",
                robots,
                tdmReservation,
                tdmReservation == null ? null : "https://example.org/tdm-policy.json",
                null,
                null,
                "WARC",
                p.warcRecordId(),
                null,
                null);
    }
}
