package org.ccpairs.jobs.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import crawlercommons.filters.basic.BasicURLNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ccpairs.connectors.warc.FileReadException;
import org.ccpairs.connectors.warc.HtmlPage;
import org.ccpairs.connectors.warc.WarcPageReader;
import org.ccpairs.jobs.extract.DomImageAltExtractor;
import org.ccpairs.jobs.extract.ImageAltExtractor;
import org.ccpairs.jobs.extract.ImageCandidate;
import org.ccpairs.jobs.extract.html.StreamingImageAltExtractor;
import org.ccpairs.jobs.testing.Corpus;
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

    /**
     * The shortcut for URLs that are already normal gives exactly what the normalizer gives, and so
     * the same pair ids as the straightforward implementation: on every image URL of every corpus
     * file (from both extractors, before normalization), on tricky spellings, and on random edits
     * of them.
     */
    @Test
    void normalizationShortcutAgreesWithTheNormalizerOnCorpusTrickyAndRandomUrls()
            throws Exception {
        Set<String> corpus = new java.util.TreeSet<>(corpusImageUrls());
        assertThat(corpus).hasSizeGreaterThan(1000);
        assertThat(corpus.stream().filter(u -> PairIdentity.shortcut(u) != null).count())
                .as("corpus image URLs the shortcut takes")
                .isGreaterThan(corpus.size() / 2);
        Set<String> urls = new java.util.TreeSet<>(corpus);
        List<String> tricky =
                List.of(
                        "http://example.com/a.png",
                        "http://example.com/Thailand 2011-01/a b.png",
                        "http://example.com/a\u00e9\u4e2d\ud83d\ude00.png",
                        "http://example.com/a\ud83d.png",
                        "http://example.com/a\"<>[]^`{|}.png",
                        "http://example.com/a\t.png",
                        "http://example.com/a .png ",
                        "https://example.com/",
                        "http://example.com",
                        "http://example.com./a.png",
                        "http://.example.com/a.png",
                        "http://exa_mple.com/a.png",
                        "http://Example.com/a.png",
                        "http://example.com:80/a.png",
                        "http://example.com:8080/a.png",
                        "http://user@example.com/a.png",
                        "http://example.com//a.png",
                        "http://example.com/a//b.png",
                        "http://example.com/./a.png",
                        "http://example.com/a/../b.png",
                        "http://example.com/a./b.png",
                        "http://example.com/a.png.",
                        "http://example.com/..",
                        "http://example.com/a%20b.png",
                        "http://example.com/a%2fb.png",
                        "http://example.com/a%2Fb.png",
                        "http://example.com/a%41.png",
                        "http://example.com/a%7E.png",
                        "http://example.com/a%7e.png",
                        "http://example.com/a%2.png",
                        "http://example.com/a%.png",
                        "http://example.com/a%%41.png",
                        "http://example.com/a%C3%A9.png",
                        "http://example.com/a%c3%a9.png",
                        "http://example.com/café.png",
                        "http://example.com/a b.png",
                        "http://example.com/a.png ",
                        " http://example.com/a.png",
                        "http://example.com/a.png?b=1&a=2",
                        "http://example.com/a.png?",
                        "http://example.com/a.png#x",
                        "http://example.com/a|b.png",
                        "http://example.com/a[1].png",
                        "http://example.com/a{1}.png",
                        "http://example.com/a^b`c.png",
                        "http://example.com/a\"b.png",
                        "http://example.com/a<b>.png",
                        "http://example.com/!$&'()*+,;=:@-._~.png",
                        "http://[::1]/a.png",
                        "http://127.0.0.1/a.png",
                        "http://xn--caf-dma.com/a.png",
                        "http://café.com/a.png",
                        "http://example.com/\u0001.png",
                        "http://example.com/a\u007f.png",
                        "https://example.com/a.png",
                        "ftp://example.com/a.png",
                        "HTTPS://example.com/a.png",
                        "http:/example.com/a.png",
                        "http://",
                        "http:///a.png",
                        "");
        urls.addAll(tricky);
        java.util.Random random = new java.util.Random(5);
        String alphabet = "/.%:@?#&=~-_ AaFf09é\u00ff[]{}|^`\"<>'!$()*+,;\t\u0000";
        List<String> bases = new ArrayList<>(urls);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder u = new StringBuilder(bases.get(random.nextInt(bases.size())));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(u.length() + 1);
                if (random.nextBoolean() && at < u.length()) {
                    u.deleteCharAt(at);
                } else {
                    u.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            urls.add(u.toString());
        }

        BasicURLNormalizer normalizer = new BasicURLNormalizer();
        int shortcut = 0;
        for (String url : urls) {
            String expected = normalizer.filter(url);
            assertThat(identity.normalizeUrl(url)).as(url).isEqualTo(expected);
            String fast = PairIdentity.shortcut(url);
            if (fast != null) {
                shortcut++;
                assertThat(fast).as(url).isEqualTo(expected);
                assertThat(identity.pairId(identity.normalizeUrl(url), "c"))
                        .isEqualTo(straightforwardPairId(url, "c"));
            }
        }
        assertThat(shortcut).as("URLs the shortcut took").isGreaterThan(2000);
    }

    /** The pair id exactly as first written: normalizer, UTF-8 bytes, SHA-256, 16 bytes hex. */
    private static String straightforwardPairId(String url, String caption) throws Exception {
        String normalized = new BasicURLNormalizer().filter(url);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(normalized.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(caption.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /** The resolved image URLs of every corpus page, from both extractors. */
    private static List<String> corpusImageUrls() throws IOException {
        List<String> urls = new ArrayList<>();
        List<ImageAltExtractor> extractors =
                List.of(new StreamingImageAltExtractor(), new DomImageAltExtractor());
        try (Stream<Path> files = Files.walk(Corpus.dir())) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    WarcPageReader reader =
                            new WarcPageReader(
                                    in, file.toString(), WarcPageReader.DEFAULT_MAX_BODY_BYTES);
                    Optional<HtmlPage> page;
                    while ((page = reader.next()).isPresent()) {
                        for (ImageAltExtractor extractor : extractors) {
                            for (ImageCandidate c : extractor.extract(page.get()).candidates()) {
                                urls.add(c.imageUrl());
                            }
                        }
                    }
                } catch (FileReadException e) {
                    // broken files: the pages before the break are enough
                }
            }
        }
        return urls;
    }
}
