package org.ccpairs.jobs.safety;

import org.ccpairs.jobs.filter.PairFilter;
import org.ccpairs.jobs.filter.Verdict;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Screening;

/**
 * Rejects pairs whose caption safety score (set on {@link Pair#screening()} by the lexicon) reaches
 * the threshold, as {@code UNSAFE_CAPTION}. A pair without a score was not scored: it is rejected
 * too (fail closed), as {@code UNSAFE_CAPTION} with detail "not scored".
 */
public final class CaptionSafetyFilter implements PairFilter {
    public static final String UNSAFE = "UNSAFE_CAPTION";

    private final double threshold;

    public CaptionSafetyFilter(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException(
                    "'safety.caption.threshold' must be in (0, 1], got " + threshold);
        }
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return "caption-safety";
    }

    @Override
    public Verdict check(Pair pair) {
        Screening s = pair.screeningOrNone();
        if (s.captionSafetyScore() == null) {
            return Verdict.reject(UNSAFE, "not scored");
        }
        return s.captionSafetyScore() >= threshold
                ? Verdict.reject(
                        UNSAFE,
                        String.format(
                                java.util.Locale.ROOT,
                                "score %.2f >= %.2f (%s)",
                                s.captionSafetyScore(),
                                threshold,
                                s.captionSafetyCategories()))
                : Verdict.PASS;
    }

    @Override
    public String toString() {
        return name() + "[>=" + threshold + "]";
    }
}
