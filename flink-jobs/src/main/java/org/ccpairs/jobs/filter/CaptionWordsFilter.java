package org.ccpairs.jobs.filter;

import org.ccpairs.jobs.model.Pair;

/**
 * Rejects captions with fewer words than a minimum. A word is a whitespace-separated token with at
 * least one letter or digit; in scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao,
 * Khmer, Myanmar) every character of the script counts as a word, so that a Chinese or Japanese
 * caption is not judged a one-word caption.
 */
public final class CaptionWordsFilter implements PairFilter {
    public static final String TOO_FEW_WORDS = "CAPTION_TOO_FEW_WORDS";

    private final int minWords;

    public CaptionWordsFilter(int minWords) {
        if (minWords < 0) {
            throw new IllegalArgumentException(
                    "'filter.caption.min-words' must be >= 0, got " + minWords);
        }
        this.minWords = minWords;
    }

    @Override
    public String name() {
        return "caption-words";
    }

    @Override
    public Verdict check(Pair pair) {
        int n = words(pair.caption());
        return n < minWords
                ? Verdict.reject(TOO_FEW_WORDS, n + " < " + minWords + " words")
                : Verdict.PASS;
    }

    /** The number of words in {@code text}, as described above. */
    public static int words(String text) {
        int words = 0;
        boolean inToken = false;
        boolean tokenCounts = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (inToken && tokenCounts) {
                    words++;
                }
                inToken = false;
                tokenCounts = false;
            } else if (unspaced(cp)) {
                words++; // a word of its own; the rest of the token is judged separately
                inToken = true;
            } else {
                inToken = true;
                tokenCounts |= Character.isLetterOrDigit(cp);
            }
        }
        if (inToken && tokenCounts) {
            words++;
        }
        return words;
    }

    private static boolean unspaced(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN
                || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA
                || s == Character.UnicodeScript.THAI
                || s == Character.UnicodeScript.LAO
                || s == Character.UnicodeScript.KHMER
                || s == Character.UnicodeScript.MYANMAR;
    }

    @Override
    public String toString() {
        return name() + "[>=" + minWords + "]";
    }
}
