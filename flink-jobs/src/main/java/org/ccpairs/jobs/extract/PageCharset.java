package org.ccpairs.jobs.extract;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * The character encoding of a page, decided the way browsers do: a byte order mark, else the
 * charset of the HTTP Content-Type, else the first {@code <meta charset>} or {@code <meta
 * http-equiv="Content-Type">} in the markup, else UTF-8 when the bytes are valid UTF-8, else what
 * juniversalchardet (Mozilla's detector) guesses, else windows-1252. Labels are read like the
 * WHATWG Encoding standard reads them (iso-8859-1 and us-ascii mean windows-1252, gb2312 means
 * GB18030, shift_jis means windows-31j, euc-kr means windows-949, ...).
 */
public final class PageCharset {
    /** How much of an undeclared, non-UTF-8 page the detector looks at. */
    private static final int DETECT_BYTES = 64 * 1024;

    /**
     * A decision.
     *
     * @param charset the encoding to decode the page with
     * @param bomLength bytes of byte order mark to skip at the start
     * @param source where the decision came from: bom, http, meta, utf8, detected, default
     */
    public record Decision(Charset charset, int bomLength, String source) {}

    private static final Map<String, String> LABELS = new HashMap<>();

    static {
        label("UTF-8", "utf-8", "utf8", "unicode-1-1-utf-8");
        label(
                "windows-1252",
                "windows-1252",
                "iso-8859-1",
                "iso8859-1",
                "iso_8859-1",
                "latin1",
                "l1",
                "us-ascii",
                "ascii",
                "ansi_x3.4-1968",
                "cp1252",
                "x-cp1252",
                "cp819",
                "ibm819",
                "iso-ir-100",
                "x-user-defined");
        label(
                "GB18030",
                "gb18030",
                "gbk",
                "gb2312",
                "chinese",
                "csgb2312",
                "x-gbk",
                "gb_2312-80",
                "gb_2312",
                "iso-ir-58");
        label("Big5-HKSCS", "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5");
        label(
                "windows-31j",
                "shift_jis",
                "shift-jis",
                "sjis",
                "ms_kanji",
                "csshiftjis",
                "ms932",
                "windows-31j",
                "x-sjis");
        label("EUC-JP", "euc-jp", "x-euc-jp", "cseucpkdfmtjapanese");
        label(
                "x-windows-949",
                "euc-kr",
                "ks_c_5601-1987",
                "ks_c_5601-1989",
                "ksc5601",
                "ksc_5601",
                "windows-949",
                "cseuckr",
                "korean",
                "iso-ir-149");
        label("x-windows-874", "tis-620", "iso-8859-11", "iso8859-11", "windows-874", "dos-874");
        label("windows-1254", "iso-8859-9", "iso8859-9", "latin5", "l5");
        label("UTF-16LE", "utf-16", "utf-16le");
        label("UTF-16BE", "utf-16be");
    }

    private static void label(String charset, String... labels) {
        for (String l : labels) {
            LABELS.put(l, charset);
        }
    }

    private PageCharset() {}

    /**
     * The charset a label names, per the WHATWG table above or Java's own names; null when unknown.
     */
    public static Charset forLabel(String label) {
        if (label == null) {
            return null;
        }
        String l = label.trim().toLowerCase(Locale.ROOT);
        if (l.length() >= 2 && (l.charAt(0) == '"' || l.charAt(0) == '\'')) {
            l = l.substring(1, l.length() - (l.endsWith(l.substring(0, 1)) ? 1 : 0)).trim();
        }
        if (l.isEmpty()) {
            return null;
        }
        String name = LABELS.getOrDefault(l, l);
        try {
            return Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The charset named by a BOM at the start of {@code body}, or null. */
    static Decision bom(byte[] body, int length) {
        if (length >= 3
                && (body[0] & 0xff) == 0xEF
                && (body[1] & 0xff) == 0xBB
                && (body[2] & 0xff) == 0xBF) {
            return new Decision(StandardCharsets.UTF_8, 3, "bom");
        }
        if (length >= 2 && (body[0] & 0xff) == 0xFE && (body[1] & 0xff) == 0xFF) {
            return new Decision(StandardCharsets.UTF_16BE, 2, "bom");
        }
        if (length >= 2 && (body[0] & 0xff) == 0xFF && (body[1] & 0xff) == 0xFE) {
            return new Decision(StandardCharsets.UTF_16LE, 2, "bom");
        }
        return null;
    }

    /** What the bytes alone decide (BOM, then the HTTP charset); null when they do not. */
    public static Decision beforeMarkup(byte[] body, int length, String httpCharset) {
        Decision bom = bom(body, length);
        if (bom != null) {
            return bom;
        }
        Charset http = forLabel(httpCharset);
        return http == null ? null : new Decision(http, 0, "http");
    }

    /**
     * The decision once the markup's first meta charset declaration is known.
     *
     * @param metaCharset the label of the first meta declaration, or null
     */
    public static Decision afterMarkup(byte[] body, int length, String metaCharset) {
        Charset meta = forLabel(metaCharset);
        if (meta != null) {
            String name = meta.name();
            if (name.startsWith("UTF-16") || name.startsWith("UTF-32")) {
                meta =
                        StandardCharsets
                                .UTF_8; // a page that can be read to find that meta is not UTF-16
            }
            return new Decision(meta, 0, "meta");
        }
        if (isUtf8(body, length)) {
            return new Decision(StandardCharsets.UTF_8, 0, "utf8");
        }
        UniversalDetector detector = new UniversalDetector();
        detector.handleData(body, 0, Math.min(length, DETECT_BYTES));
        detector.dataEnd();
        Charset detected = forLabel(webCounterpart(detector.getDetectedCharset()));
        if (detected != null) {
            return new Decision(detected, 0, "detected");
        }
        return new Decision(Charset.forName("windows-1252"), 0, "default");
    }

    /**
     * The detector also knows DOS and Mac code pages that web pages practically never use; it
     * mistakes windows-1251 for x-mac-cyrillic or IBM855 on short texts. Those guesses are read as
     * the web's Cyrillic code page.
     */
    private static String webCounterpart(String detected) {
        if (detected == null) {
            return null;
        }
        return switch (detected.toUpperCase(Locale.ROOT)) {
            case "X-MAC-CYRILLIC", "MACCYRILLIC", "IBM855" -> "windows-1251";
            default -> detected;
        };
    }

    /**
     * Whether markup can be found in the encoded bytes directly: ASCII characters are single bytes,
     * and no byte of a multi-byte character is one of {@code <>"'=/!?-} or a space. True for UTF-8,
     * the ISO-8859 and windows code pages, EUC, GB18030, Big5, Shift_JIS; false for UTF-16, UTF-32
     * and the stateful ISO-2022 encodings.
     */
    public static boolean scannable(Charset charset) {
        return SCANNABLE.computeIfAbsent(charset, PageCharset::probeScannable);
    }

    private static final java.util.concurrent.ConcurrentHashMap<Charset, Boolean> SCANNABLE =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean probeScannable(Charset charset) {
        String name = charset.name().toUpperCase(Locale.ROOT);
        if (name.contains("2022") || name.startsWith("UTF-16") || name.startsWith("UTF-32")) {
            return false;
        }
        byte[] probe = "<>\"'=/!?- \t\nazAZ09&;#".getBytes(StandardCharsets.US_ASCII);
        try {
            return java.util.Arrays.equals(probe, "<>\"'=/!?- \t\nazAZ09&;#".getBytes(charset));
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /** Whether {@code b[0..length)} is well-formed UTF-8 (an incomplete last character is fine). */
    static boolean isUtf8(byte[] b, int length) {
        int i = 0;
        while (i < length) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xff;
            int n;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
            } else {
                return false;
            }
            if (i + n >= length) {
                return true; // cut inside the last character (a truncated page)
            }
            for (int k = 1; k <= n; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += n + 1;
        }
        return true;
    }
}
