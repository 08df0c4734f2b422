package org.ccpairs.jobs.extract.html;

import static org.ccpairs.jobs.extract.html.HtmlTokenizer.indexOf;
import static org.ccpairs.jobs.extract.html.HtmlTokenizer.isAsciiAlpha;
import static org.ccpairs.jobs.extract.html.HtmlTokenizer.isSpace;
import static org.ccpairs.jobs.extract.html.HtmlTokenizer.startsWithIgnoreCase;

/**
 * Skips the content of raw-text elements up to their end tag, the way the tokenizer's RAWTEXT,
 * RCDATA and script data states do: only {@code </name} followed by a space, {@code /} or {@code >}
 * ends it, and in script data {@code <!--} opens an escaped section in which {@code <script>}
 * starts a double-escaped one where {@code </script>} does not end the script.
 */
final class RawText {
    private static final byte[] SCRIPT = {'s', 'c', 'r', 'i', 'p', 't'};

    private final HtmlTokenizer tokenizer;
    private final ScannedTag tag;

    /** The element's lower-case name, whose end tag ends the raw text. */
    private byte[] name;

    private int nameLength;

    RawText(HtmlTokenizer tokenizer, ScannedTag tag) {
        this.tokenizer = tokenizer;
        this.tag = tag;
    }

    /**
     * Skips raw text that starts at {@code p}, after the start tag just read into {@link #tag}.
     *
     * @return where markup resumes: after the end tag, or {@code to}
     */
    int skip(byte[] page, int p, int to, int mode, TokenSink sink) {
        int id = tag.id;
        if (id == TagIds.OTHER) {
            throw new IllegalArgumentException("raw text is for the elements of TagIds only");
        }
        name = TagIds.tagNameBytes(id);
        nameLength = name.length;
        return switch (mode) {
            case TokenSink.PLAINTEXT -> to;
            case TokenSink.SCRIPT_DATA -> scriptData(page, p, to, sink, id);
            case TokenSink.RCDATA -> rcdata(page, p, to, sink, id);
            default -> rawText(page, p, to, sink, id);
        };
    }

    private int rawText(byte[] page, int p, int to, TokenSink sink, int id) {
        int i = p;
        while (true) {
            int lt = indexOf(page, (byte) '<', i, to);
            if (lt < 0) {
                return to;
            }
            int end = endTag(page, lt, to, sink, id);
            if (end >= 0) {
                return end;
            }
            i = lt + 1;
        }
    }

    /**
     * RCDATA, with jsoup's deviation: a start tag inside it ends the element when no {@code </name}
     * follows anywhere (a title or textarea that was never closed).
     */
    private int rcdata(byte[] page, int p, int to, TokenSink sink, int id) {
        int nextClose = indexOfEndTagName(page, p, to);
        int i = p;
        while (true) {
            int lt = indexOf(page, (byte) '<', i, to);
            if (lt < 0 || lt + 1 >= to) {
                return to;
            }
            byte c = page[lt + 1];
            if (c == '/') {
                int end = endTag(page, lt, to, sink, id);
                if (end >= 0) {
                    return end;
                }
            } else if (isAsciiAlpha(c)) {
                if (nextClose >= 0 && nextClose < lt + 1) {
                    nextClose = indexOfEndTagName(page, lt + 1, to);
                }
                if (nextClose < 0) {
                    tag.reset(page, true); // jsoup closes the element and reads the tag
                    tag.implied(id);
                    sink.endTag(tag);
                    return lt;
                }
            }
            i = lt + 1;
        }
    }

    private int indexOfEndTagName(byte[] page, int from, int to) {
        for (int i = from; ; i++) {
            i = indexOf(page, (byte) '<', i, to);
            if (i < 0) {
                return -1;
            }
            if (i + 1 < to
                    && page[i + 1] == '/'
                    && startsWithIgnoreCase(page, i + 2, to, name, nameLength)) {
                return i;
            }
        }
    }

    /**
     * If {@code </name} followed by a space, '/' or '>' is at {@code lt}, reads that end tag and
     * reports it.
     *
     * @return the index after the end tag, {@code to} when the input ends inside it, or -1 when
     *     there is no such end tag at {@code lt}
     */
    private int endTag(byte[] page, int lt, int to, TokenSink sink, int id) {
        int n = lt + 2;
        int after = n + nameLength;
        if (after >= to
                || page[lt + 1] != '/'
                || !startsWithIgnoreCase(page, n, to, name, nameLength)) {
            return -1;
        }
        byte c = page[after];
        if (c != '>' && c != '/' && !isSpace(c)) {
            return -1;
        }
        tag.reset(page, true);
        tag.implied(id);
        int end = attributesOfEndTag(page, after, to);
        if (end < 0) {
            return to;
        }
        sink.endTag(tag);
        return end;
    }

    private int attributesOfEndTag(byte[] page, int p, int to) {
        return tokenizer.readAttributes(page, p, to);
    }

    private int scriptData(byte[] page, int p, int to, TokenSink sink, int id) {
        int i = p;
        while (true) {
            int lt = indexOf(page, (byte) '<', i, to);
            if (lt < 0 || lt + 1 >= to) {
                return to;
            }
            byte c = page[lt + 1];
            if (c == '/') {
                int end = endTag(page, lt, to, sink, id);
                if (end >= 0) {
                    return end;
                }
                i = lt + 1;
            } else if (c == '!' && lt + 3 < to && page[lt + 2] == '-' && page[lt + 3] == '-') {
                int resume = escaped(page, lt + 4, to, sink, id, true);
                if (resume < 0) {
                    return -resume - 1; // the script ended inside the escaped section
                }
                i = resume;
            } else {
                i = lt + 1;
            }
        }
    }

    /**
     * The script data escaped states, from just after {@code <!--} (state "escaped dash dash").
     *
     * @return where plain script data resumes (after {@code -->}), or {@code -(end + 1)} when the
     *     script's end tag was read and markup resumes at {@code end}
     */
    private int escaped(byte[] page, int p, int to, TokenSink sink, int id, boolean afterDashDash) {
        int i = p;
        boolean dashDash = afterDashDash;
        boolean doubleEscaped = false;
        while (i < to) {
            byte c = page[i];
            if (c == '-') {
                if (i + 1 < to && page[i + 1] == '-') {
                    dashDash = true;
                    i += 2;
                    while (i < to && page[i] == '-') {
                        i++;
                    }
                    continue;
                }
                dashDash = false;
                i++;
                continue;
            }
            if (c == '>' && dashDash) {
                return i + 1; // --> : back to script data
            }
            dashDash = false;
            if (c != '<') {
                i = nextDashOrLt(page, i + 1, to);
                continue;
            }
            if (i + 1 >= to) {
                return -(to + 1);
            }
            byte n = page[i + 1];
            if (!doubleEscaped) {
                if (n == '/') {
                    int end = endTag(page, i, to, sink, id);
                    if (end >= 0) {
                        return -(end + 1);
                    }
                    i += 2;
                } else if (isAsciiAlpha(n)) {
                    int after = letters(page, i + 1, to);
                    if (after < to && isScript(page, i + 1, after) && endsTagName(page[after])) {
                        doubleEscaped = true;
                    }
                    i = after;
                } else {
                    i++;
                }
            } else {
                if (n == '/') {
                    int after = letters(page, i + 2, to);
                    if (after < to && isScript(page, i + 2, after) && endsTagName(page[after])) {
                        doubleEscaped = false;
                    }
                    i = Math.max(after, i + 2);
                } else {
                    i++;
                }
            }
        }
        return -(to + 1);
    }

    private static int nextDashOrLt(byte[] page, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = page[i];
            if (b == '-' || b == '<' || b == '>') {
                return i;
            }
        }
        return to;
    }

    private static int letters(byte[] page, int from, int to) {
        int i = from;
        while (i < to && isAsciiAlpha(page[i])) {
            i++;
        }
        return i;
    }

    /** jsoup compares the raw letters with "script", case-sensitively. */
    private static boolean isScript(byte[] page, int from, int to) {
        if (to - from != SCRIPT.length) {
            return false;
        }
        for (int k = 0; k < SCRIPT.length; k++) {
            if (page[from + k] != SCRIPT[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsTagName(byte b) {
        return b == '/' || b == '>' || isSpace(b);
    }
}
