package org.ccpairs.jobs.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PageSignalsBuilderTest {
    private static final UnaryOperator<String> URLS =
            UrlResolver.forPage("https://example.org/a/page.html", null)::resolve;

    private static PageSignals headers(Map<String, List<String>> headers) {
        return new PageSignalsBuilder().headers(headers, URLS).build();
    }

    @Test
    void xRobotsTagKeepsPlainDirectivesAndThoseScopedToCommonCrawl() {
        PageSignals s =
                headers(
                        Map.of(
                                "x-robots-tag",
                                List.of(
                                        "noarchive",
                                        "ccbot: noai, noimageai",
                                        "googlebot: noindex, nofollow",
                                        "unavailable_after: 25 Jun 2010 15:00:00 PST",
                                        "max-image-preview:none",
                                        "otherbot: none")));

        assertThat(s.robots())
                .isEqualTo(
                        "noarchive, noai, noimageai, unavailable_after: 25 jun 2010 15:00:00 pst,"
                                + " max-image-preview:none");
    }

    @Test
    void metaRobotsForAllCrawlersOrCcbotAndHttpEquivCount() {
        PageSignalsBuilder b = new PageSignalsBuilder();
        b.meta("ROBOTS", null, " NoIndex ,nofollow");
        b.meta("ccbot", null, "noai");
        b.meta("bingbot", null, "noimageai");
        b.meta(null, "X-Robots-Tag", "ccbot: noimageai");
        b.meta("description", null, "noai in a description is no directive");

        assertThat(b.build().robots()).isEqualTo("noindex, nofollow, noai, noimageai");
    }

    @Test
    void tdmRepHeadersWinOverMeta() {
        PageSignalsBuilder b =
                new PageSignalsBuilder()
                        .headers(
                                Map.of(
                                        "tdm-reservation",
                                        List.of("0"),
                                        "tdm-policy",
                                        List.of("https://example.org/policy.json")),
                                URLS);
        b.meta("tdm-reservation", null, "1");
        b.meta("tdm-policy", null, "https://example.org/meta.json");

        assertThat(b.build().tdmReservation()).isFalse();
        assertThat(b.build().tdmPolicy()).isEqualTo("https://example.org/policy.json");
    }

    @Test
    void tdmRepFromMetaAloneAndMalformedValues() {
        PageSignalsBuilder b = new PageSignalsBuilder();
        b.meta("tdm-reservation", null, "1");
        assertThat(b.build().tdmReservation()).isTrue();

        PageSignalsBuilder bad = new PageSignalsBuilder();
        bad.meta("tdm-reservation", null, "yes");
        assertThat(bad.build().tdmReservation()).isNull();
    }

    @Test
    void licenceFromLinkHeaderAndCreativeCommonsWins() {
        PageSignalsBuilder b =
                new PageSignalsBuilder()
                        .headers(
                                Map.of(
                                        "link",
                                        List.of(
                                                "</terms.html>; rel=\"license\", </style.css>;"
                                                        + " rel=stylesheet")),
                                URLS);
        assertThat(b.build().licenseUrl()).isEqualTo("https://example.org/terms.html");
        assertThat(b.build().licenseId()).isNull();

        b.link("license nofollow", "http://creativecommons.org/publicdomain/zero/1.0/");
        b.link("license", "https://creativecommons.org/licenses/by/4.0/");
        assertThat(b.build().licenseUrl())
                .isEqualTo("http://creativecommons.org/publicdomain/zero/1.0/");
        assertThat(b.build().licenseId()).isEqualTo("cc0-1.0");
    }

    @Test
    void languageFromHtmlThenMetaThenHeader() {
        assertThat(headers(Map.of("content-language", List.of("fr-CA, en"))).language())
                .isEqualTo("fr-CA");
        PageSignalsBuilder b =
                new PageSignalsBuilder().headers(Map.of("content-language", List.of("fr")), URLS);
        b.meta(null, "Content-Language", "it");
        assertThat(b.build().language()).isEqualTo("it");
        b.htmlLang(" de ");
        assertThat(b.build().language()).isEqualTo("de");
    }

    @Test
    void creativeCommonsUrlsToIds() {
        assertThat(Licenses.idOf("http://creativecommons.org/licenses/by-sa/3.0/de/"))
                .isEqualTo("cc-by-sa-3.0");
        assertThat(Licenses.idOf("https://www.creativecommons.org/licenses/BY-NC-ND/2.5"))
                .isEqualTo("cc-by-nc-nd-2.5");
        assertThat(Licenses.idOf("https://creativecommons.org/publicdomain/mark/1.0/"))
                .isEqualTo("pdm-1.0");
        assertThat(Licenses.idOf("https://example.org/licenses/by/4.0/")).isNull();
        assertThat(Licenses.idOf("https://creativecommons.org/about/")).isNull();
    }
}
