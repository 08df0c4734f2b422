package org.ccpairs.jobs.filter;

import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Screening;
import org.ccpairs.jobs.safety.CaptionSafetyLexicon;

/**
 * Finds out what the annotated rules judge: the caption's language (Lingua) and its safety score
 * (lexicon). Either part may be off. Thread-compatible; one per task.
 */
public final class PairScreener {
    private final LanguageIdentifier language;
    private final CaptionSafetyLexicon lexicon;

    /**
     * @param language null when language identification is off
     * @param lexicon null when caption scoring is off
     */
    public PairScreener(LanguageIdentifier language, CaptionSafetyLexicon lexicon) {
        this.language = language;
        this.lexicon = lexicon;
    }

    public static PairScreener from(PrefilterSettings s) {
        return new PairScreener(
                s.language()
                        ? LanguageIdentifier.shared(
                                s.languageLowAccuracy(), s.languageMinConfidence())
                        : null,
                s.captionSafety()
                        ? CaptionSafetyLexicon.load(s.defaultLexicon(), s.lexiconFiles())
                        : null);
    }

    /** {@code pair}'s screening, with what this screener finds added. */
    public Screening screen(Pair pair) {
        Screening s = pair.screeningOrNone();
        if (language != null) {
            LanguageIdentifier.Result r = language.identify(pair.caption());
            s = r == null ? s.withLanguage(null, null) : s.withLanguage(r.code(), r.confidence());
        }
        if (lexicon != null) {
            CaptionSafetyLexicon.Score score = lexicon.score(pair.caption());
            s = s.withCaptionSafety(score.score(), score.joined());
        }
        return s;
    }
}
