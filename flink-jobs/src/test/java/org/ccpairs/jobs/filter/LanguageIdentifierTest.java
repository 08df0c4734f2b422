package org.ccpairs.jobs.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Lingua on real captions of the corpus (low-accuracy mode, the default). Short captions are hard:
 * docs/filters.md reports how often low and high accuracy agree with each other on the corpus.
 */
class LanguageIdentifierTest {
    private static final LanguageIdentifier ID = LanguageIdentifier.shared(true, 0);

    @Test
    void sentencesOfClearLanguagesAreIdentified() {
        // low accuracy is often wrong on captions of a few English words: "Subscribe to or
        // unsubscribe from this forum" comes out as Latin, "Tipping the Velvet" as Bokmål
        assertThat(ID.identify("Read more about our research").code()).isEqualTo("en");
        assertThat(ID.identify("RSS feed of most recent posts to this forum").code())
                .isEqualTo("en");
        assertThat(ID.identify("当店一番人気、ヘッドポーター財布").code()).isEqualTo("ja");
        assertThat(ID.identify("Zdjęcie kota na kanapie").code()).isEqualTo("pl");
        assertThat(ID.identify("Ein Hund spielt im Garten").code()).isEqualTo("de");
    }

    @Test
    void confidenceIsTheMarginOverTheRunnerUp() {
        LanguageIdentifier.Result clear = ID.identify("Read more about our research");
        LanguageIdentifier.Result vague = ID.identify("Tipping the Velvet");
        assertThat(clear.confidence()).isBetween(0.0, 1.0);
        assertThat(vague.confidence()).isBetween(0.0, 1.0);
        assertThat(clear.confidence()).isGreaterThan(vague.confidence());
    }

    @Test
    void captionsWithoutLettersOrBelowTheMinimumHaveNoLanguage() {
        assertThat(ID.identify("12345 !!")).isNull();
        assertThat(LanguageIdentifier.shared(true, 0.99).identify("Tipping the Velvet")).isNull();
    }
}
