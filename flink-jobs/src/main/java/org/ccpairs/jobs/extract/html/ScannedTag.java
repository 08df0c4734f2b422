package org.ccpairs.jobs.extract.html;

import java.util.Arrays;

/**
 * The tag the tokenizer has just read, reused from tag to tag: its id, where its name is in the
 * page's bytes (not copied: most names are only looked up), whether it closed with {@code />}, and
 * where the values of the attributes listed in {@link TagIds} are in the page's bytes. Of
 * duplicated attributes the first one counts, as in the HTML tokenizer. Valid only during the
 * callback that received it.
 */
public final class ScannedTag {
    static final int MAX_NAME = 16;

    byte[] buf;
    int id;
    boolean endTag;
    boolean selfClosing;
    int nameFrom;
    int nameTo;

    /** Whether the name was longer than {@link #MAX_NAME} (then it is no tag of interest). */
    boolean longName;

    final int[] valueStart = new int[TagIds.ATTR_COUNT];
    final int[] valueEnd = new int[TagIds.ATTR_COUNT];
    private boolean anyAttr;

    void reset(byte[] page, boolean end) {
        buf = page;
        endTag = end;
        selfClosing = false;
        if (anyAttr) {
            Arrays.fill(valueStart, -1);
            anyAttr = false;
        }
    }

    ScannedTag() {
        Arrays.fill(valueStart, -1);
    }

    void setName(byte[] page, int from, int to) {
        nameFrom = from;
        nameTo = to;
        longName = to - from > MAX_NAME;
        id = longName ? TagIds.OTHER : TagIds.tagId(page, from, to);
    }

    /** Makes this a tag without a name in the page: an end tag the tokenizer implies. */
    void implied(int tagId) {
        id = tagId;
        nameFrom = 0;
        nameTo = 0;
        longName = false;
    }

    void attribute(int nameFrom, int nameTo, int from, int to) {
        int attr = TagIds.attrId(buf, nameFrom, nameTo);
        if (attr >= 0 && valueStart[attr] < 0) {
            valueStart[attr] = from;
            valueEnd[attr] = to;
            anyAttr = true;
        }
    }

    /** The tag's id in {@link TagIds}. */
    public int id() {
        return id;
    }

    public boolean selfClosing() {
        return selfClosing;
    }

    /** The lower-case tag name (cut at {@link #MAX_NAME} bytes), for tags without an id. */
    public String name() {
        int to = Math.min(nameTo, nameFrom + MAX_NAME);
        byte[] lower = new byte[to - nameFrom];
        for (int i = 0; i < lower.length; i++) {
            byte b = buf[nameFrom + i];
            lower[i] = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
        }
        return new String(lower, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Whether the tag's name is in {@code names} (a long name never is). */
    boolean nameIn(NameTable names) {
        return !longName && names.indexOf(buf, nameFrom, nameTo) >= 0;
    }

    /** Whether the attribute is present (possibly with an empty value). */
    public boolean has(int attr) {
        return valueStart[attr] >= 0;
    }

    /** Start of the attribute's raw value in the page bytes; -1 when absent. */
    public int valueStart(int attr) {
        return valueStart[attr];
    }

    /** End (exclusive) of the attribute's raw value in the page bytes. */
    public int valueEnd(int attr) {
        return valueEnd[attr];
    }

    /** The page bytes the offsets refer to. */
    public byte[] bytes() {
        return buf;
    }
}
