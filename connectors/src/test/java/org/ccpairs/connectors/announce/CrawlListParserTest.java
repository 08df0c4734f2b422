package org.ccpairs.connectors.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrawlListParserTest {
    @Test
    void collinfoIsReadInItsOrderWithIdsAndNames() throws MalformedListException {
        String json =
                "[{\"id\": \"CC-MAIN-2024-51\", \"name\": \"December 2024 Index\", \"timegate\":"
                        + " \"https://index.commoncrawl.org/CC-MAIN-2024-51/\", \"cdx-api\":"
                        + " \"https://index.commoncrawl.org/CC-MAIN-2024-51-index\"},"
                        + " {\"id\": \"CC-MAIN-2024-46\", \"name\": \"November 2024 Index\","
                        + " \"from\": \"2024-11-01T00:00:00\"}]";

        CrawlListParser.CrawlList list = CrawlListParser.parse(bytes(json));

        assertThat(list.crawls())
                .containsExactly(
                        new CrawlInfo("CC-MAIN-2024-51", "December 2024 Index"),
                        new CrawlInfo("CC-MAIN-2024-46", "November 2024 Index"));
        assertThat(list.entriesWithoutId()).isZero();
    }

    @Test
    void entriesWithoutAStringIdAreSkippedAndCounted() throws MalformedListException {
        CrawlListParser.CrawlList list =
                CrawlListParser.parse(
                        bytes(
                                "[{\"name\": \"x\"}, {\"id\": 7}, {\"id\": \" \"}, 3, {\"id\":"
                                        + " \"a\"}]"));

        assertThat(list.crawls()).containsExactly(new CrawlInfo("a", ""));
        assertThat(list.entriesWithoutId()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\": \"a\"}", "\"crawls\"", "<html>502 Bad Gateway</html>", "[{"})
    void anythingButAJsonArrayIsAMalformedCrawlList(String body) {
        assertThatThrownBy(() -> CrawlListParser.parse(bytes(body)))
                .isInstanceOf(MalformedListException.class)
                .extracting(e -> ((MalformedListException) e).reason())
                .isEqualTo("MALFORMED_CRAWL_LIST");
    }

    @Test
    void emptyBodyIsAMalformedCrawlList() {
        assertThatThrownBy(() -> CrawlListParser.parse(new byte[0]))
                .isInstanceOf(MalformedListException.class)
                .hasMessageContaining("expected a JSON array");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
