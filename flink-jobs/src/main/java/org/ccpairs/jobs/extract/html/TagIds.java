package org.ccpairs.jobs.extract.html;

/**
 * The element names the streaming extractor reacts to, as small ints, and the attribute names it
 * keeps. Every other tag is {@link #OTHER}; every other attribute is skipped without being copied.
 */
public final class TagIds {
    public static final int OTHER = 0;
    public static final int IMG = 1;
    public static final int IMAGE = 2;
    public static final int SOURCE = 3;
    public static final int PICTURE = 4;
    public static final int BASE = 5;
    public static final int META = 6;
    public static final int LINK = 7;
    public static final int A = 8;
    public static final int AREA = 9;
    public static final int HTML = 10;
    public static final int BODY = 11;
    public static final int FIGURE = 12;
    public static final int FIGCAPTION = 13;
    public static final int TEMPLATE = 14;
    public static final int SCRIPT = 15;
    public static final int STYLE = 16;
    public static final int TEXTAREA = 17;
    public static final int TITLE = 18;
    public static final int XMP = 19;
    public static final int IFRAME = 20;
    public static final int NOEMBED = 21;
    public static final int NOFRAMES = 22;
    public static final int NOSCRIPT = 23;
    public static final int PLAINTEXT = 24;
    public static final int SVG = 25;
    public static final int MATH = 26;
    public static final int SELECT = 27;
    public static final int FRAMESET = 28;
    public static final int INPUT = 29;
    public static final int KEYGEN = 30;
    public static final int BR = 31;
    public static final int FONT = 32;

    private static final String[] TAG_NAMES = {
        "",
        "img",
        "image",
        "source",
        "picture",
        "base",
        "meta",
        "link",
        "a",
        "area",
        "html",
        "body",
        "figure",
        "figcaption",
        "template",
        "script",
        "style",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
        "svg",
        "math",
        "select",
        "frameset",
        "input",
        "keygen",
        "br",
        "font"
    };

    /** Attribute ids; {@link #ATTR_COUNT} of them. */
    public static final int SRC = 0;

    public static final int ALT = 1;
    public static final int TITLE_ATTR = 2;
    public static final int WIDTH = 3;
    public static final int HEIGHT = 4;
    public static final int SRCSET = 5;
    public static final int DATA_SRC = 6;
    public static final int DATA_LAZY_SRC = 7;
    public static final int DATA_ORIGINAL = 8;
    public static final int DATA_SRCSET = 9;
    public static final int DATA_LAZY_SRCSET = 10;
    public static final int HREF = 11;
    public static final int REL = 12;
    public static final int NAME = 13;
    public static final int CONTENT = 14;
    public static final int HTTP_EQUIV = 15;
    public static final int CHARSET = 16;
    public static final int LANG = 17;
    public static final int COLOR = 18;
    public static final int FACE = 19;
    public static final int SIZE = 20;
    public static final int ATTR_COUNT = 21;

    private static final String[] ATTR_NAMES = {
        "src",
        "alt",
        "title",
        "width",
        "height",
        "srcset",
        "data-src",
        "data-lazy-src",
        "data-original",
        "data-srcset",
        "data-lazy-srcset",
        "href",
        "rel",
        "name",
        "content",
        "http-equiv",
        "charset",
        "lang",
        "color",
        "face",
        "size"
    };

    private static final NameTable TAGS = new NameTable(TAG_NAMES);
    private static final byte[][] TAG_NAME_BYTES = new byte[TAG_NAMES.length][];

    static {
        for (int id = 0; id < TAG_NAMES.length; id++) {
            TAG_NAME_BYTES[id] = TAG_NAMES[id].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private static final NameTable ATTRS = new NameTable(ATTR_NAMES);

    private TagIds() {}

    /** The attribute name of {@code id}, lower case. */
    public static String attrName(int id) {
        return ATTR_NAMES[id];
    }

    /** The tag name of {@code id}, lower case; empty for {@link #OTHER}. */
    public static String tagName(int id) {
        return TAG_NAMES[id];
    }

    /** The id of the tag name in {@code buf[from..to)} (any case); {@link #OTHER} if unknown. */
    static int tagId(byte[] buf, int from, int to) {
        int id = TAGS.indexOf(buf, from, to);
        return id < 0 ? OTHER : id;
    }

    /** The tag name of {@code id} as lower-case ASCII bytes; shared, do not modify. */
    static byte[] tagNameBytes(int id) {
        return TAG_NAME_BYTES[id];
    }

    /** The id of the attribute name in {@code buf[from..to)} (any case); -1 if not kept. */
    static int attrId(byte[] buf, int from, int to) {
        return ATTRS.indexOf(buf, from, to);
    }
}
