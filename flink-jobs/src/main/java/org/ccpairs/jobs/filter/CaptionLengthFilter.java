package org.ccpairs.jobs.filter;

import org.ccpairs.jobs.model.Pair;

/**
 * Rejects captions shorter than a minimum or longer than a maximum, in Unicode code points (LAION
 * dropped alt texts under 5 characters; very long alt texts are mostly keyword stuffing).
 */
public final class CaptionLengthFilter implements PairFilter {
    public static final String TOO_SHORT = "CAPTION_TOO_SHORT";
    public static final String TOO_LONG = "CAPTION_TOO_LONG";

    private final int min;
    private final int max;

    /**
     * @throws IllegalArgumentException when {@code min > max} or either is negative
     */
    public CaptionLengthFilter(int min, int max) {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException(
                    "caption length bounds must satisfy 0 <= min <= max, got min="
                            + min
                            + " max="
                            + max
                            + " ('filter.caption.min-length', 'filter.caption.max-length')");
        }
        this.min = min;
        this.max = max;
    }

    @Override
    public String name() {
        return "caption-length";
    }

    @Override
    public Verdict check(Pair pair) {
        String c = pair.caption();
        int n = c.codePointCount(0, c.length());
        if (n < min) {
            return Verdict.reject(TOO_SHORT, n + " < " + min + " characters");
        }
        if (n > max) {
            return Verdict.reject(TOO_LONG, n + " > " + max + " characters");
        }
        return Verdict.PASS;
    }

    @Override
    public String toString() {
        return name() + "[" + min + ".." + max + "]";
    }
}
