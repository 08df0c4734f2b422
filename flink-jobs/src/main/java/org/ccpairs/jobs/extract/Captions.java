package org.ccpairs.jobs.extract;

/** Caption clean-up shared by every extractor. */
public final class Captions {
    /** Captions longer than this many characters are cut (at a code-point boundary). */
    public static final int MAX_LENGTH = 1000;

    private Captions() {}

    /**
     * {@code raw} with control characters removed, runs of whitespace collapsed to one space,
     * trimmed and capped at {@link #MAX_LENGTH} characters; empty when nothing is left. Null is
     * treated as empty.
     */
    public static String clean(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_LENGTH));
        boolean pendingSpace = false;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = out.length() > 0;
            } else if (!Character.isISOControl(cp)) {
                int needed = (pendingSpace ? 1 : 0) + Character.charCount(cp);
                if (out.length() + needed > MAX_LENGTH) {
                    break; // cut at a code-point boundary, never leaving a trailing space
                }
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }
}
