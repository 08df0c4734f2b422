package org.ccpairs.jobs.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.testing.Corpus;
import org.ccpairs.jobs.testing.ExpectedPairs;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The caption rules with their default settings, on captions extracted from the real corpus (each
 * looked up by its text, so a test fails when the corpus stops holding it) and on made-up edge
 * cases.
 */
class CaptionRulesTest {
    private static final FilterChain RULES = PrefilterSettings.from(new Configuration()).rules();
    private static Map<String, Pair> corpus;

    @BeforeAll
    static void readCorpus() throws Exception {
        Segment s = TestPairs.segment(1);
        corpus =
                java.util.stream.Stream.of(
                                "eugeneware-warc/CC-MAIN-20140820021334-00006-ip-10-180-136-8.ec2.internal.warc",
                                "aut/example.warc.gz",
                                "node-warc/books.toscrape.warc",
                                "chatnoir-resiliparse/clueweb-quirk.warc.gz",
                                "jwarc/cc.warc.gz")
                        .flatMap(f -> read(f, s).stream())
                        .collect(Collectors.toMap(Pair::caption, Function.identity(), (a, b) -> a));
    }

    private static List<Pair> read(String file, Segment s) {
        try {
            return ExpectedPairs.of(Corpus.file(file), s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reason for a real caption, on an image URL no URL rule minds. */
    private static String reasonFor(String realCaption) {
        assertThat(corpus)
                .as("the corpus holds a pair captioned '%s'", realCaption)
                .containsKey(realCaption);
        return reasonForMadeUp(realCaption);
    }

    private static String reasonForMadeUp(String caption) {
        return RULES.decide(TestPairs.pair(1, "https://img.example.org/a.jpg", caption)).reason();
    }

    @Test
    void realDescriptiveCaptionsPass() {
        assertThat(reasonFor("Tipping the Velvet")).isNull();
        assertThat(reasonFor("A Light in the Attic")).isNull();
        assertThat(reasonFor("40+ Languages")).isNull();
        assertThat(reasonFor("当店一番人気、ヘッドポーター財布")).as("Japanese, no spaces").isNull();
    }

    @Test
    void realCaptionsThatAreTooShortOrOneWordAreRejected() {
        assertThat(reasonFor("new")).isEqualTo(CaptionLengthFilter.TOO_SHORT);
        assertThat(reasonFor("RSS")).isEqualTo(CaptionLengthFilter.TOO_SHORT);
        assertThat(reasonFor("headporter")).isEqualTo(CaptionWordsFilter.TOO_FEW_WORDS);
    }

    @Test
    void realPlaceholderCaptionsAreRejected() {
        assertThat(reasonFor("photo No. 764")).isEqualTo(CaptionJunkFilter.PLACEHOLDER);
        assertThat(reasonFor("(logo)"))
                .isIn(CaptionWordsFilter.TOO_FEW_WORDS, CaptionJunkFilter.PLACEHOLDER);
    }

    @Test
    void fileNamesAndCameraNamesAreRejected() {
        assertThat(reasonForMadeUp("IMG_1234.jpg")).isEqualTo(CaptionJunkFilter.FILE_NAME);
        assertThat(reasonForMadeUp("DSC01234")).isEqualTo(CaptionJunkFilter.FILE_NAME);
        assertThat(reasonForMadeUp("IMG 20190101 123456")).isEqualTo(CaptionJunkFilter.FILE_NAME);
        assertThat(reasonForMadeUp("holiday photo (2).png")).isEqualTo(CaptionJunkFilter.FILE_NAME);
        assertThat(reasonForMadeUp("My trip to the beach")).as("not a file name").isNull();
    }

    @Test
    void bareUrlsAndHostNamesAreRejected() {
        assertThat(reasonForMadeUp("https://www.example.com/a b"))
                .as("two words, but a URL and a word")
                .isNull();
        assertThat(reasonForMadeUp("https://www.example.com/photos/1"))
                .isEqualTo(CaptionJunkFilter.URL);
        FilterChain junkOnly =
                new FilterChain(List.of(new CaptionJunkFilter(List.of("image"), 4, List.of())));
        assertThat(junkOnly.decide(made("https://www.example.com/photos/1")).reason())
                .isEqualTo(CaptionJunkFilter.URL);
        assertThat(junkOnly.decide(made("www.example.com")).reason())
                .isEqualTo(CaptionJunkFilter.URL);
        assertThat(junkOnly.decide(made("shop.example.co.uk/sale")).reason())
                .isEqualTo(CaptionJunkFilter.URL);
        assertThat(junkOnly.decide(made("Version 3.5 released")).reason()).isNull();
    }

    @Test
    void placeholderWordsRepeatedCharactersAndNumbersAreRejected() {
        assertThat(reasonForMadeUp("Untitled-1 image")).isEqualTo(CaptionJunkFilter.PLACEHOLDER);
        assertThat(reasonForMadeUp("Image of a red bicycle")).isNull();
        assertThat(reasonForMadeUp("Sale!!!!!! now on")).isEqualTo(CaptionJunkFilter.REPEATED);
        assertThat(reasonForMadeUp("Aaaah, the sea")).as("three in a row is fine").isNull();
        assertThat(reasonForMadeUp("Price 1000000 dollars")).as("digits may repeat").isNull();
        assertThat(reasonForMadeUp("12345 67890")).isEqualTo(CaptionJunkFilter.NO_LETTERS);
    }

    @Test
    void tooLongCaptionsAreRejected() {
        assertThat(reasonForMadeUp("word ".repeat(120).trim()))
                .isEqualTo(CaptionLengthFilter.TOO_LONG);
    }

    @Test
    void configuredJunkPatternsApply() {
        Configuration conf = new Configuration();
        conf.set(FilterOptions.CAPTION_JUNK_PATTERNS, List.of("(?i)click (here|to enlarge)"));
        FilterChain rules = PrefilterSettings.from(conf).rules();
        assertThat(rules.decide(made("Click here for details")).reason())
                .isEqualTo(CaptionJunkFilter.PATTERN);
    }

    @Test
    void misconfigurationFailsFastNamingTheOption() {
        Configuration badPattern = new Configuration();
        badPattern.set(FilterOptions.CAPTION_JUNK_PATTERNS, List.of("(unclosed"));
        assertThatThrownBy(() -> PrefilterSettings.from(badPattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filter.caption.junk-patterns")
                .hasMessageContaining("(unclosed");

        Configuration badBounds = new Configuration();
        badBounds.set(FilterOptions.CAPTION_MIN_LENGTH, 50);
        badBounds.set(FilterOptions.CAPTION_MAX_LENGTH, 10);
        assertThatThrownBy(() -> PrefilterSettings.from(badBounds))
                .hasMessageContaining("filter.caption.min-length");

        Configuration badLanguage = new Configuration();
        badLanguage.set(FilterOptions.LANGUAGE_ALLOWED, List.of("en", "xx"));
        assertThatThrownBy(() -> PrefilterSettings.from(badLanguage))
                .hasMessageContaining("filter.language.allowed")
                .hasMessageContaining("xx");
    }

    @Test
    void wordsAreCountedInScriptsWithoutSpaces() {
        assertThat(CaptionWordsFilter.words("Tipping the Velvet")).isEqualTo(3);
        assertThat(CaptionWordsFilter.words("東京タワー")).isEqualTo(5);
        assertThat(CaptionWordsFilter.words("e-brand QRコード")).isEqualTo(4);
        assertThat(CaptionWordsFilter.words(" - ")).isZero();
    }

    private static Pair made(String caption) {
        return TestPairs.pair(1, "https://img.example.org/a.jpg", caption);
    }
}
