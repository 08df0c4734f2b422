package org.ccpairs.jobs.extract.html;

import static org.ccpairs.jobs.extract.html.TagIds.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.parser.Tag;

/**
 * The tree-construction side of the streaming extractor: from the token stream it tracks just
 * enough of the HTML standard's tree building to know which images a DOM would hold and where they
 * sit. Images inside {@code <template>} (inert), {@code <select>} (dropped by the parser), a
 * frameset document, or a {@code <noscript>} in the head (whose content jsoup keeps as text) are
 * not counted; inside SVG and MathML, raw-text elements are not raw and {@code <image>} stays an
 * SVG element, while an {@code <img>} breaks out of the foreign content. Records the images with an
 * alt attribute, their {@code <picture>} sources and {@code <figure>}, and the page's base, meta,
 * licence links and language, as byte ranges to decode later.
 */
public final class PageScan implements TokenSink {
    /** Start tags that keep the parser "in head" (anything else starts the body). */
    private static final NameTable HEAD_ONLY_OTHER = new NameTable("basefont", "bgsound", "head");

    private static final NameTable HEAD = new NameTable("head");

    /** Tags that end SVG or MathML content (the standard's "breakout" list). */
    private static final NameTable BREAKOUT =
            new NameTable(
                    "b",
                    "big",
                    "blockquote",
                    "body",
                    "br",
                    "center",
                    "code",
                    "dd",
                    "div",
                    "dl",
                    "dt",
                    "em",
                    "embed",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "head",
                    "hr",
                    "i",
                    "img",
                    "li",
                    "listing",
                    "menu",
                    "meta",
                    "nobr",
                    "ol",
                    "p",
                    "pre",
                    "ruby",
                    "s",
                    "small",
                    "span",
                    "strong",
                    "strike",
                    "sub",
                    "sup",
                    "table",
                    "tt",
                    "u",
                    "ul",
                    "var");

    private static final int MAX_BASES = 4;

    final List<RawImage> images = new ArrayList<>();
    int imagesSeen;
    int withoutAlt;
    final List<int[]> metas = new ArrayList<>();
    final List<int[]> licenseLinks = new ArrayList<>();
    final List<int[]> baseHrefs = new ArrayList<>(1);
    int[] htmlLang;
    String metaCharset;

    private final ArrayDeque<List<RawImage>> pictures = new ArrayDeque<>();
    private final ArrayDeque<FigureText> figures = new ArrayDeque<>();
    private final Map<String, Boolean> blockTags = new HashMap<>();
    private int templateDepth;
    private int foreignDepth;
    private boolean inSelect;
    private boolean inHead = true;
    private boolean headNoscript;
    private boolean framesetOk = true;
    private boolean framesetMode;
    private boolean sawImage;

    @Override
    public int startTag(ScannedTag t) {
        int id = t.id;
        if (id == META && metaCharset == null) {
            metaCharset(t);
        }
        if (headNoscript) {
            return switch (id) {
                case META -> {
                    meta(t);
                    yield DATA;
                }
                case LINK -> {
                    link(t);
                    yield DATA;
                }
                case STYLE, NOFRAMES -> RAWTEXT;
                default -> DATA; // jsoup keeps every other tag in a head noscript as text
            };
        }
        if (foreignDepth > 0) {
            if (!breaksOut(t)) {
                if ((id == SVG || id == MATH) && !t.selfClosing) {
                    foreignDepth++;
                }
                return DATA;
            }
            foreignDepth = 0;
        }
        if (framesetMode) {
            return id == NOFRAMES ? RAWTEXT : DATA;
        }
        if (inSelect
                && id != SCRIPT
                && id != TEXTAREA
                && id != INPUT
                && id != KEYGEN
                && id != SELECT
                && id != TEMPLATE) {
            return DATA; // the parser ignores everything else inside a select
        }
        if (inHead && !allowedInHead(t)) {
            inHead = false;
        }
        FigureText capturing = capturing();
        if (capturing != null && isBlockOrBr(t)) {
            capturing.space();
        }
        switch (id) {
            case IMG, IMAGE -> image(t);
            case SOURCE -> source(t);
            case PICTURE -> {
                if (!t.selfClosing) {
                    pictures.push(new ArrayList<>(2));
                }
            }
            case FIGURE -> figures.push(new FigureText());
            case FIGCAPTION -> {
                FigureText f = figures.peek();
                if (f != null && !f.captionSeen && templateDepth == 0) {
                    f.captionSeen = true;
                    f.capturing = true;
                }
            }
            case TEMPLATE -> templateDepth++;
            case BASE -> {
                if (t.has(HREF) && baseHrefs.size() < MAX_BASES) {
                    baseHrefs.add(range(t, HREF));
                }
            }
            case META -> meta(t);
            case LINK, A, AREA -> link(t);
            case HTML -> {
                if (htmlLang == null && t.has(LANG)) {
                    htmlLang = range(t, LANG);
                }
            }
            case BODY -> {
                inHead = false;
                framesetOk = false;
            }
            case SVG, MATH -> {
                if (!t.selfClosing) {
                    foreignDepth = 1;
                }
            }
            case SELECT -> inSelect = !inSelect;
            case INPUT, KEYGEN -> inSelect = false;
            case FRAMESET -> {
                if (framesetOk && !sawImage) {
                    framesetMode = true;
                }
            }
            case SCRIPT -> {
                return SCRIPT_DATA;
            }
            case STYLE, XMP, IFRAME, NOEMBED, NOFRAMES -> {
                return RAWTEXT;
            }
            case NOSCRIPT -> headNoscript = inHead;
            case TEXTAREA -> {
                inSelect = false;
                return t.selfClosing ? DATA : RCDATA;
            }
            case TITLE -> {
                return t.selfClosing ? DATA : RCDATA;
            }
            case TagIds.PLAINTEXT -> {
                return TokenSink.PLAINTEXT;
            }
            default -> {}
        }
        return DATA;
    }

    @Override
    public void endTag(ScannedTag t) {
        int id = t.id;
        if (headNoscript) {
            if (id == NOSCRIPT) {
                headNoscript = false;
            }
            return;
        }
        if (foreignDepth > 0) {
            if (id == SVG || id == MATH) {
                foreignDepth--;
            }
            return;
        }
        FigureText capturing = capturing();
        if (capturing != null && isBlockOrBr(t)) {
            capturing.space();
        }
        switch (id) {
            case PICTURE -> pictures.poll();
            case FIGURE -> {
                FigureText f = figures.poll();
                if (f != null) {
                    f.capturing = false;
                }
            }
            case FIGCAPTION -> {
                FigureText f = figures.peek();
                if (f != null) {
                    f.capturing = false;
                }
            }
            case TEMPLATE -> templateDepth = Math.max(0, templateDepth - 1);
            case SELECT -> inSelect = false;
            case OTHER -> {
                if (inHead && t.nameIn(HEAD)) {
                    inHead = false;
                }
            }
            default -> {}
        }
    }

    @Override
    public boolean wantsText() {
        return (inHead && !headNoscript) || (!figures.isEmpty() && figures.peek().capturing);
    }

    @Override
    public void text(byte[] bytes, int from, int to) {
        if (inHead && !headNoscript) {
            for (int i = from; i < to; i++) {
                if (!HtmlTokenizer.isSpace(bytes[i])) {
                    inHead = false; // text starts the body
                    framesetOk = false;
                    break;
                }
            }
        }
        FigureText f = capturing();
        if (f != null) {
            f.append(bytes, from, to);
        }
    }

    /** Ends the page: figures still open stop capturing. */
    void finish() {
        for (FigureText f : figures) {
            f.capturing = false;
        }
    }

    private FigureText capturing() {
        if (figures.isEmpty()) {
            return null;
        }
        FigureText f = figures.peek();
        return f.capturing ? f : null;
    }

    private void image(ScannedTag t) {
        if (templateDepth > 0) {
            return;
        }
        sawImage = true;
        framesetOk = false;
        int position = imagesSeen++;
        if (!t.has(ALT) || t.valueStart[ALT] == t.valueEnd[ALT]) {
            withoutAlt++;
            return;
        }
        List<RawImage> sources = pictures.peek();
        images.add(
                new RawImage(
                        t,
                        position,
                        sources == null || sources.isEmpty()
                                ? null
                                : sources.toArray(new RawImage[0]),
                        figures.peek()));
    }

    private void source(ScannedTag t) {
        List<RawImage> sources = pictures.peek();
        if (sources != null && templateDepth == 0) {
            sources.add(new RawImage(t, -1, null, null));
        }
    }

    private void meta(ScannedTag t) {
        if (templateDepth == 0 && t.has(CONTENT) && (t.has(NAME) || t.has(HTTP_EQUIV))) {
            metas.add(
                    new int[] {
                        t.valueStart[NAME], t.valueEnd[NAME],
                        t.valueStart[HTTP_EQUIV], t.valueEnd[HTTP_EQUIV],
                        t.valueStart[CONTENT], t.valueEnd[CONTENT]
                    });
        }
    }

    private void metaCharset(ScannedTag t) {
        byte[] b = t.buf;
        if (t.has(CHARSET)) {
            metaCharset = ascii(b, t.valueStart[CHARSET], t.valueEnd[CHARSET]).trim();
        } else if (t.has(HTTP_EQUIV)
                && t.has(CONTENT)
                && ascii(b, t.valueStart[HTTP_EQUIV], t.valueEnd[HTTP_EQUIV])
                        .trim()
                        .equalsIgnoreCase("content-type")) {
            metaCharset = charsetParameter(ascii(b, t.valueStart[CONTENT], t.valueEnd[CONTENT]));
        }
    }

    /** The charset parameter of a Content-Type value, or null. */
    static String charsetParameter(String contentType) {
        String lower = contentType.toLowerCase(java.util.Locale.ROOT);
        int at = lower.indexOf("charset");
        while (at >= 0) {
            int i = at + 7;
            while (i < lower.length() && lower.charAt(i) <= ' ') {
                i++;
            }
            if (i < lower.length() && lower.charAt(i) == '=') {
                i++;
                while (i < lower.length() && lower.charAt(i) <= ' ') {
                    i++;
                }
                int end = i;
                while (end < lower.length()
                        && lower.charAt(end) != ';'
                        && lower.charAt(end) > ' ') {
                    end++;
                }
                String value = contentType.substring(i, end).replace("\"", "").replace("'", "");
                return value.isEmpty() ? null : value;
            }
            at = lower.indexOf("charset", at + 7);
        }
        return null;
    }

    private void link(ScannedTag t) {
        if (templateDepth > 0 || !t.has(REL) || !t.has(HREF)) {
            return;
        }
        if (containsLicense(t.buf, t.valueStart[REL], t.valueEnd[REL])) {
            licenseLinks.add(
                    new int[] {
                        t.valueStart[REL], t.valueEnd[REL], t.valueStart[HREF], t.valueEnd[HREF]
                    });
        }
    }

    private static boolean containsLicense(byte[] b, int from, int to) {
        byte[] word = {'l', 'i', 'c', 'e', 'n', 's', 'e'};
        for (int i = from; i + word.length <= to; i++) {
            if (HtmlTokenizer.startsWithIgnoreCase(b, i, to, word, word.length)) {
                return true;
            }
        }
        return false;
    }

    private boolean allowedInHead(ScannedTag t) {
        return switch (t.id) {
            case HTML, BASE, META, LINK, TITLE, STYLE, SCRIPT, NOSCRIPT, NOFRAMES, TEMPLATE -> true;
            case OTHER -> t.nameIn(HEAD_ONLY_OTHER);
            default -> false;
        };
    }

    private static boolean breaksOut(ScannedTag t) {
        if (t.id == IMG || t.id == META || t.id == BODY || t.id == BR) {
            return true;
        }
        if (t.id == FONT) {
            return t.has(COLOR) || t.has(FACE) || t.has(SIZE);
        }
        return t.id == OTHER && t.nameIn(BREAKOUT);
    }

    private boolean isBlockOrBr(ScannedTag t) {
        if (t.id == BR) {
            return true;
        }
        String name = t.id == OTHER ? (t.longName ? null : t.name()) : tagName(t.id);
        if (name == null || name.isEmpty()) {
            return false;
        }
        return blockTags.computeIfAbsent(name, n -> Tag.valueOf(n).isBlock());
    }

    private static int[] range(ScannedTag t, int attr) {
        return new int[] {t.valueStart[attr], t.valueEnd[attr]};
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
