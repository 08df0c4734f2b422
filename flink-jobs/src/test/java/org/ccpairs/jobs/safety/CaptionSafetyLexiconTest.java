package org.ccpairs.jobs.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptionSafetyLexiconTest {
    private static final CaptionSafetyLexicon DEFAULT = CaptionSafetyLexicon.load(true, List.of());

    @TempDir Path dir;

    @Test
    void harmlessCaptionsScoreZero() {
        for (String c :
                List.of(
                        "Tipping the Velvet",
                        "Kids playing football in the park",
                        "Sussex coast at dawn",
                        "Essex county map")) {
            assertThat(DEFAULT.score(c).score()).as(c).isZero();
            assertThat(DEFAULT.score(c).categories()).as(c).isEmpty();
        }
    }

    @Test
    void explicitTermsScoreAboveTheDefaultThresholdAndMildOnesBelow() {
        CaptionSafetyLexicon.Score porn = DEFAULT.score("Free PORN videos");
        assertThat(porn.score()).isGreaterThanOrEqualTo(0.8);
        assertThat(porn.categories()).containsExactly("sexual");
        CaptionSafetyLexicon.Score nude = DEFAULT.score("Nude beach in Croatia");
        assertThat(nude.score()).isEqualTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(nude.joined()).isEqualTo("nudity");
        // two nudity terms add up (noisy-or): 1 - 0.4 * 0.4
        assertThat(DEFAULT.score("nude and naked").score())
                .isEqualTo(0.84, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void minorsAreHarmlessAloneButDecisiveWithSexualOrNudityTerms() {
        assertThat(DEFAULT.score("teen birthday party").score()).isZero();
        CaptionSafetyLexicon.Score s = DEFAULT.score("naked teen");
        assertThat(s.score()).isEqualTo(1.0);
        assertThat(s.categories()).containsExactly("minors", "nudity", "sexual_minors");
    }

    @Test
    void phrasesMatchAsConsecutiveWholeWords() {
        assertThat(DEFAULT.score("a dead body of water").categories()).containsExactly("gore");
        assertThat(DEFAULT.score("dead, body").categories()).containsExactly("gore");
        assertThat(DEFAULT.score("body dead").score()).isZero();
        assertThat(DEFAULT.score("pornographer's guide").score()).isZero();
    }

    @Test
    void filesExtendTheLexiconAndMalformedLinesFailWithFileAndLine() throws Exception {
        Path extra = dir.resolve("extra.tsv");
        Files.writeString(extra, "# comment\n\nspam\t0.9\tcheap pills\n");
        CaptionSafetyLexicon lexicon = CaptionSafetyLexicon.load(false, List.of(extra.toString()));
        assertThat(lexicon.size()).isEqualTo(1);
        assertThat(lexicon.score("Buy CHEAP pills now").categories()).containsExactly("spam");
        assertThat(lexicon.score("Free porn").score()).as("no default lexicon").isZero();

        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "spam\t0.9\tok term\nspam\tlots\tbad weight\n");
        assertThatThrownBy(() -> CaptionSafetyLexicon.load(false, List.of(bad.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.tsv:2");
        assertThatThrownBy(() -> CaptionSafetyLexicon.load(false, List.of("/nonexistent.tsv")))
                .hasMessageContaining("safety.caption.lexicon-files");
    }
}
