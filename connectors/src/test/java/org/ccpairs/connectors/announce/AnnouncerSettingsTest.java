package org.ccpairs.connectors.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.ccpairs.avro.FileKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnnouncerSettingsTest {
    @Test
    void defaultsPollCommonCrawlPolitely() {
        AnnouncerSettings s = AnnouncerSettings.from(new Configuration());

        assertThat(s.baseUrl()).isEqualTo("https://data.commoncrawl.org/");
        assertThat(s.crawlListUrl()).isEqualTo("https://index.commoncrawl.org/collinfo.json");
        assertThat(s.fileKinds()).containsExactly(FileKind.WARC);
        assertThat(s.crawlsSince()).isEmpty();
        assertThat(s.pollInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(s.userAgent()).startsWith("ccpairs-announcer/").contains("+https://");
        assertThat(s.crawlPattern().matcher("CC-MAIN-2024-51").matches()).isTrue();
        assertThat(s.crawlPattern().matcher("CC-MAIN-2012").matches()).isFalse();
    }

    @Test
    void valuesAreReadTheFlinkWay() {
        AnnouncerSettings s =
                AnnouncerSettings.from(
                        Configuration.fromMap(
                                Map.of(
                                        "announcer.base-url", "file:///srv/cc",
                                        "announcer.file-kinds", "WAT;WARC",
                                        "announcer.crawls-since", "2024-06-01",
                                        "announcer.poll-interval", "30 min",
                                        "announcer.max-segments-per-poll", "7")));

        assertThat(s.baseUrl()).isEqualTo("file:///srv/cc/");
        assertThat(s.fileKinds()).containsExactly(FileKind.WARC, FileKind.WAT);
        assertThat(s.crawlsSince()).contains(LocalDate.parse("2024-06-01"));
        assertThat(s.pollInterval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.maxSegmentsPerPoll()).isEqualTo(7);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "announcer.base-url|ftp://x/|must be an http://, https:// or file:// URL",
                "announcer.base-url|data.commoncrawl.org|must be an http://, https:// or file://",
                "announcer.base-url|https:///x|needs a host",
                "announcer.base-url|https://x/?a=b|must not have a query",
                "announcer.crawl-list-url|file:relative.json|must be an absolute file URL",
                "announcer.crawl-pattern|CC-(|is not a regular expression",
                "announcer.crawls-since|last year|must be a date like 2024-06-01",
                "announcer.max-segments-per-poll|0|must be at least 1",
                "announcer.http.attempts|0|must be at least 1",
                "announcer.poll-interval|0 s|must be longer than zero",
                "announcer.user-agent|' '|must not be blank",
            })
    void unusableSettingsStopTheAnnouncerWithTheKeyAndTheReason(
            String key, String value, String message) {
        Configuration conf = Configuration.fromMap(Map.of(key, value));

        assertThatThrownBy(() -> AnnouncerSettings.from(conf))
                .isInstanceOf(SettingException.class)
                .hasMessageStartingWith("'" + key + "'")
                .hasMessageContaining(message)
                .extracting(e -> ((SettingException) e).key())
                .isEqualTo(key);
    }

    @Test
    void noFileKindIsRefused() {
        Configuration conf = new Configuration();
        conf.set(AnnouncerOptions.FILE_KINDS, List.of());

        assertThatThrownBy(() -> AnnouncerSettings.from(conf))
                .hasMessageContaining("'announcer.file-kinds' must name WARC, WAT or both");
    }
}
