package org.ccpairs.jobs.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PairIdentityTest {
    private final PairIdentity identity = new PairIdentity();

    @Test
    void spellingsOfTheSameImageUrlGetTheSamePairId() {
        List<String> spellings =
                List.of(
                        "http://example.com/b/~user/x%2Fy.png",
                        "HTTP://EXAMPLE.COM/b/~user/x%2Fy.png",
                        "http://Example.Com:80/b/~user/x%2Fy.png",
                        "http://example.com/b/~user/x%2Fy.png#gallery",
                        "http://example.com/a/../b/./~user/x%2Fy.png",
                        "http://example.com/b/%7euser/x%2fy.png",
                        "http://example.com/b/%7Euser/x%2fy.png");

        Set<String> ids = spellings.stream().map(u -> id(u, "A cat")).collect(Collectors.toSet());

        assertThat(ids).hasSize(1);
        assertThat(identity.normalizeUrl(spellings.get(1))).isEqualTo(spellings.get(0));
    }

    @Test
    void defaultHttpsPortIsDropped() {
        assertThat(id("https://Example.com:443/x.png", "c"))
                .isEqualTo(id("https://example.com/x.png", "c"));
    }

    @Test
    void differentSchemesPathsAndQueriesAreDifferentImages() {
        Set<String> ids =
                Set.of(
                        id("http://example.com/x.png", "c"),
                        id("https://example.com/x.png", "c"),
                        id("https://example.com/X.png", "c"),
                        id("https://example.com/x.png?size=2", "c"),
                        id("https://example.com:8443/x.png", "c"));

        assertThat(ids).hasSize(5);
    }

    @Test
    void differentCaptionsGiveDifferentIds() {
        String url = "https://example.com/x.png";

        assertThat(id(url, "A cat")).isNotEqualTo(id(url, "A dog")).isNotEqualTo(id(url, "a cat"));
    }

    @Test
    void theNulSeparatorKeepsUrlAndCaptionApart() {
        // without a separator "…/x.png" + "1 cat" and "…/x.png1" + " cat" would hash the same bytes
        assertThat(identity.pairId("https://example.com/x.png", "1 cat"))
                .isNotEqualTo(identity.pairId("https://example.com/x.png1", " cat"));
    }

    @Test
    void pairIdIs32LowerCaseHexDigits() {
        for (String caption : List.of("A cat", "", "Ünïcödé ☕", "x".repeat(1000))) {
            assertThat(id("https://example.com/x.png", caption)).matches("[0-9a-f]{32}");
        }
    }

    @Test
    void pairIdIsSha256OfUrlNulCaptionCutTo128Bits() throws Exception {
        String normalized = "https://example.com/images/caf%C3%A9.png";
        String caption = "Café au lait ☕";
        byte[] url = normalized.getBytes(StandardCharsets.UTF_8);
        byte[] text = caption.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[url.length + 1 + text.length];
        System.arraycopy(url, 0, input, 0, url.length);
        input[url.length] = 0;
        System.arraycopy(text, 0, input, url.length + 1, text.length);
        String expected =
                HexFormat.of()
                        .formatHex(
                                Arrays.copyOf(
                                        MessageDigest.getInstance("SHA-256").digest(input), 16));

        assertThat(identity.pairId(normalized, caption)).isEqualTo(expected);
        // and again: the digest is reused between calls
        assertThat(identity.pairId(normalized, caption)).isEqualTo(expected);
    }

    @Test
    void dedupKeyIsTheFirst16HexDigitsAsAnUnsignedLong() {
        String id = id("https://example.com/x.png", "A cat");

        assertThat(PairIdentity.dedupKey(id))
                .isEqualTo(Long.parseUnsignedLong(id.substring(0, 16), 16));
    }

    @Test
    void dedupKeyKeepsAllSixtyFourBitsOfHighIds() {
        assertThat(PairIdentity.dedupKey("ffffffffffffffff0000000000000000")).isEqualTo(-1L);
        assertThat(PairIdentity.dedupKey("8000000000000000ffffffffffffffff"))
                .isEqualTo(Long.MIN_VALUE);
        assertThat(PairIdentity.dedupKey("0000000000000001ffffffffffffffff")).isEqualTo(1L);
    }

    private String id(String imageUrl, String caption) {
        return identity.pairId(identity.normalizeUrl(imageUrl), caption);
    }
}
