package org.ccpairs.jobs.extract.html;

/**
 * A tokenizer for HTML in an ASCII-compatible encoding that works on the undecoded bytes and
 * follows the HTML standard's tokenizer states wherever they decide what is a tag: comments
 * (including {@code <!-->} and {@code --!>}), bogus comments, doctype, CDATA sections, attribute
 * values in double, single or no quotes (a {@code >} inside a quoted value does not end the tag),
 * duplicated attributes (the first wins), upper-case names, and the raw-text content of script,
 * style, textarea, title and friends. Where jsoup, the reference parser, deviates from the
 * standard, this follows jsoup: a tag cut by the end of the input is dropped, except after {@code
 * name=}; a title or textarea without a matching end tag ends at the next tag; {@code <![CDATA[} is
 * a CDATA section everywhere. Not thread-safe; reusable.
 */
public final class HtmlTokenizer {
    private final ScannedTag tag = new ScannedTag();
    private final RawText raw = new RawText(this, tag);

    /** Reads {@code page[from..to)} and reports its tags to {@code sink}. */
    public void scan(byte[] page, int from, int to, TokenSink sink) {
        int p = from;
        int textFrom = from;
        while (p < to) {
            int lt = indexOf(page, (byte) '<', p, to);
            if (lt < 0) {
                break;
            }
            int next = lt + 1;
            if (next >= to) {
                break;
            }
            byte c = page[next];
            int after;
            if (isAsciiAlpha(c)) {
                flushText(sink, page, textFrom, lt);
                tag.reset(page, false);
                after = readTag(page, next, to);
                if (after < 0) {
                    return; // a tag cut by the end of the input is no tag
                }
                int mode = sink.startTag(tag);
                if (mode != TokenSink.DATA) {
                    after = raw.skip(page, after, to, mode, sink);
                }
            } else if (c == '/') {
                flushText(sink, page, textFrom, lt);
                after = readEndTagOpen(page, next + 1, to, sink);
            } else if (c == '!') {
                flushText(sink, page, textFrom, lt);
                after = markupDeclaration(page, next + 1, to);
            } else if (c == '?') {
                flushText(sink, page, textFrom, lt);
                after = bogusComment(page, next, to);
            } else {
                p = next; // a '<' that starts nothing is text
                continue;
            }
            p = after;
            textFrom = after;
        }
        flushText(sink, page, textFrom, to);
    }

    private static void flushText(TokenSink sink, byte[] page, int from, int to) {
        if (from < to && sink.wantsText()) {
            sink.text(page, from, to);
        }
    }

    /** After {@code </}: an end tag, {@code </>} (ignored) or a bogus comment. */
    private int readEndTagOpen(byte[] page, int p, int to, TokenSink sink) {
        if (p >= to) {
            return to;
        }
        byte c = page[p];
        if (isAsciiAlpha(c)) {
            tag.reset(page, true);
            int after = readTag(page, p, to);
            if (after < 0) {
                return to;
            }
            sink.endTag(tag);
            return after;
        }
        if (c == '>') {
            return p + 1;
        }
        return bogusComment(page, p, to);
    }

    /**
     * Reads a tag name and its attributes into {@link #tag}, from the first letter of the name.
     *
     * @return the index after the closing {@code >}, or -1 when the input ends inside the tag
     */
    int readTag(byte[] page, int p, int to) {
        int q = Bytes.skipUntil(page, p, to, Bytes.NAME_END);
        if (q >= to) {
            return -1;
        }
        tag.setName(page, p, q);
        return readAttributes(page, q, to);
    }

    /**
     * The attribute states of the tokenizer, from just after the tag name (or an end tag name in
     * raw text) to the closing {@code >}.
     *
     * @return the index after {@code >}, or -1 when the input ends first
     */
    int readAttributes(byte[] page, int p, int to) {
        boolean keep = tag.id != TagIds.OTHER && !tag.endTag;
        int i = p;
        while (true) {
            // before attribute name
            i = Bytes.skipSpaces(page, i, to);
            if (i >= to) {
                return -1;
            }
            byte c = page[i];
            if (c == '>') {
                return i + 1;
            }
            if (c == '/') {
                i++;
                if (i >= to) {
                    return -1;
                }
                if (page[i] == '>') {
                    tag.selfClosing = true;
                    return i + 1;
                }
                continue; // reconsume in before attribute name
            }
            // attribute name: the first character may be '=', quotes and '<' are part of it
            int nameFrom = i++;
            i = Bytes.skipUntil(page, i, to, Bytes.ATTR_NAME_END);
            int nameTo = i;
            // after attribute name
            i = Bytes.skipSpaces(page, i, to);
            if (i >= to) {
                return -1;
            }
            if (page[i] != '=') {
                if (keep) {
                    tag.attribute(nameFrom, nameTo, i, i);
                }
                continue; // '/', '>' or the next attribute's name
            }
            i++;
            // before attribute value
            i = Bytes.skipSpaces(page, i, to);
            if (i >= to) {
                // jsoup emits the tag when the input ends right after "name="
                if (keep) {
                    tag.attribute(nameFrom, nameTo, to, to);
                }
                return to;
            }
            c = page[i];
            if (c == '"' || c == '\'') {
                int close = indexOf(page, c, i + 1, to);
                if (close < 0) {
                    return -1;
                }
                if (keep) {
                    tag.attribute(nameFrom, nameTo, i + 1, close);
                }
                i = close + 1;
            } else if (c == '>') {
                if (keep) {
                    tag.attribute(nameFrom, nameTo, i, i);
                }
                return i + 1;
            } else {
                int valueFrom = i;
                i = Bytes.skipUntil(page, i, to, Bytes.VALUE_END);
                if (i >= to) {
                    return -1;
                }
                if (keep) {
                    tag.attribute(nameFrom, nameTo, valueFrom, i);
                }
            }
        }
    }

    /** After {@code <!}: a comment, a doctype, a CDATA section or a bogus comment. */
    private static int markupDeclaration(byte[] page, int p, int to) {
        if (p + 1 < to && page[p] == '-' && page[p + 1] == '-') {
            return comment(page, p + 2, to);
        }
        if (startsWith(page, p, to, CDATA)) {
            int end = indexOf(page, CDATA_END, p + CDATA.length, to);
            return end < 0 ? to : end + CDATA_END.length;
        }
        return bogusComment(page, p, to); // doctype ends at the first '>' too
    }

    /**
     * A comment's content from after {@code <!--}: it ends at {@code -->}, {@code --!>}, or early.
     */
    static int comment(byte[] page, int p, int to) {
        if (p < to && page[p] == '>') {
            return p + 1; // <!-->
        }
        if (p < to && page[p] == '-') {
            int q = p + 1;
            while (q < to && page[q] == '-') {
                q++;
            }
            if (q < to && page[q] == '>') {
                return q + 1; // <!---> and <!---->
            }
        }
        int i = p;
        while (true) {
            int dash = indexOf(page, (byte) '-', i, to);
            if (dash < 0 || dash + 1 >= to) {
                return to;
            }
            if (page[dash + 1] != '-') {
                i = dash + 1;
                continue;
            }
            int j = dash + 2;
            while (j < to && page[j] == '-') {
                j++;
            }
            if (j >= to) {
                return to;
            }
            if (page[j] == '>') {
                return j + 1;
            }
            if (page[j] == '!' && j + 1 < to && page[j + 1] == '>') {
                return j + 2;
            }
            i = j;
        }
    }

    private static int bogusComment(byte[] page, int p, int to) {
        int gt = indexOf(page, (byte) '>', p, to);
        return gt < 0 ? to : gt + 1;
    }

    private static final byte[] CDATA = {'[', 'C', 'D', 'A', 'T', 'A', '['};
    private static final byte[] CDATA_END = {']', ']', '>'};

    static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f';
    }

    static boolean isAsciiAlpha(byte b) {
        int c = b | 0x20;
        return c >= 'a' && c <= 'z';
    }

    static int indexOf(byte[] a, byte b, int from, int to) {
        return Bytes.indexOf(a, b, from, to);
    }

    static int indexOf(byte[] a, byte[] needle, int from, int to) {
        int last = to - needle.length;
        for (int i = from; i <= last; i++) {
            i = indexOf(a, needle[0], i, last + 1);
            if (i < 0) {
                return -1;
            }
            if (startsWith(a, i, to, needle)) {
                return i;
            }
        }
        return -1;
    }

    static boolean startsWith(byte[] a, int at, int to, byte[] prefix) {
        if (to - at < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (a[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code a[at..)} starts with the lower-case ASCII {@code lower}, in any case. */
    static boolean startsWithIgnoreCase(byte[] a, int at, int to, byte[] lower, int len) {
        if (to - at < len) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            byte b = a[at + k];
            if (b >= 'A' && b <= 'Z') {
                b += 32;
            }
            if (b != lower[k]) {
                return false;
            }
        }
        return true;
    }
}
