package org.ccpairs.jobs.extract;

import java.text.Normalizer;

/** Caption clean-up shared by every extractor (alt text, title, figcaption). */
public final class Captions {
    /** Captions longer than this many characters are cut (at a code-point boundary). */
    public static final int MAX_LENGTH = 1000;

    /**
     * A cleaned caption.
     *
     * @param text the cleaned text; empty when nothing was left
     * @param truncated whether the text was cut at {@link #MAX_LENGTH}
     */
    public record Cleaned(String text, boolean truncated) {}

    private static final Cleaned EMPTY = new Cleaned("", false);

    private Captions() {}

    /** {@link #cleanWithFlag} without the flag. */
    public static String clean(String raw) {
        return cleanWithFlag(raw).text();
    }

    /**
     * {@code raw} in Unicode NFC, with control characters and bidi embedding, override and isolate
     * characters (U+202A..U+202E, U+2066..U+2069) removed, runs of whitespace collapsed to one
     * space, trimmed and capped at {@link #MAX_LENGTH} characters. Null is treated as empty.
     */
    public static Cleaned cleanWithFlag(String raw) {
        if (raw == null || raw.isEmpty()) {
            return EMPTY;
        }
        if (isCleanAscii(raw)) {
            return new Cleaned(raw, false); // the usual alt text: nothing to do
        }
        String text = isAscii(raw) ? raw : Normalizer.normalize(raw, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
        boolean pendingSpace = false;
        boolean truncated = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = out.length() > 0;
            } else if (!Character.isISOControl(cp) && !isBidiControl(cp)) {
                int needed = (pendingSpace ? 1 : 0) + Character.charCount(cp);
                if (out.length() + needed > MAX_LENGTH) {
                    truncated = true;
                    break; // cut at a code-point boundary, never leaving a trailing space
                }
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.appendCodePoint(cp);
            }
        }
        return out.length() == 0 ? EMPTY : new Cleaned(out.toString(), truncated);
    }

    /** {@link #clean}, or null when nothing is left. */
    public static String cleanOrNull(String raw) {
        String c = clean(raw);
        return c.isEmpty() ? null : c;
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** Printable ASCII, single spaces between words, no space at either end, not too long. */
    private static boolean isCleanAscii(String s) {
        int n = s.length();
        if (n > MAX_LENGTH || s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
            return false;
        }
        char previous = 'x';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < ' ' || c >= 0x7f || (c == ' ' && previous == ' ')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
