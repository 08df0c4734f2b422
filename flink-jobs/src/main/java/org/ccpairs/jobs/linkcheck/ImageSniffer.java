package org.ccpairs.jobs.linkcheck;

import java.nio.charset.StandardCharsets;

/**
 * Finds an image's real format and size in its first bytes, as a browser sniffs them: PNG, JPEG,
 * GIF, WebP (lossy, lossless, extended), AVIF and HEIC (ISO-BMFF {@code ispe}), BMP, ICO, and SVG
 * (format only). Works on a prefix of the file, which is all the checker downloads; a size that
 * lies beyond the prefix (a JPEG with a large EXIF block) is reported as unknown, never guessed.
 *
 * <p>Written here rather than taken from metadata-extractor: version 2.19 throws on truncated input
 * (a PNG cut to 200 bytes, a JPEG cut before its scan), losing sizes that were in the bytes read.
 */
public final class ImageSniffer {
    /** A recognised image; width and height are null when not in the bytes. */
    public record Image(String format, Integer width, Integer height) {}

    private ImageSniffer() {}

    /** The image {@code head} starts, or null when it is no image format we know. */
    public static Image sniff(byte[] head) {
        if (head == null || head.length < 4) {
            return null;
        }
        if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
            boolean ihdr = head.length >= 24 && ascii(head, 12, 4).equals("IHDR");
            return ihdr
                    ? new Image("png", (int) u32(head, 16), (int) u32(head, 20))
                    : new Image("png", null, null);
        }
        if (startsWith(head, 0xff, 0xd8, 0xff)) {
            return jpeg(head);
        }
        if (head.length >= 6
                && (ascii(head, 0, 6).equals("GIF87a") || ascii(head, 0, 6).equals("GIF89a"))) {
            return head.length >= 10
                    ? new Image("gif", le16(head, 6), le16(head, 8))
                    : new Image("gif", null, null);
        }
        if (head.length >= 12
                && ascii(head, 0, 4).equals("RIFF")
                && ascii(head, 8, 4).equals("WEBP")) {
            return webp(head);
        }
        if (head.length >= 12 && ascii(head, 4, 4).equals("ftyp")) {
            return isoBmff(head);
        }
        if (head.length >= 26 && head[0] == 'B' && head[1] == 'M' && le32(head, 14) >= 12) {
            return new Image("bmp", Math.abs(le32(head, 18)), Math.abs(le32(head, 22)));
        }
        if (head.length >= 8 && startsWith(head, 0, 0, 1, 0) && le16(head, 4) > 0) {
            int w = head[6] & 0xff;
            int h = head[7] & 0xff;
            return new Image("ico", w == 0 ? 256 : w, h == 0 ? 256 : h);
        }
        if (isSvg(head)) {
            return new Image("svg", null, null);
        }
        return null;
    }

    private static Image jpeg(byte[] b) {
        int i = 2;
        while (i + 3 < b.length) {
            if ((b[i] & 0xff) != 0xff) {
                return new Image("jpeg", null, null); // lost sync: not worth guessing
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++; // fill byte
                continue;
            }
            if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                i += 2; // markers without a length
                continue;
            }
            int length = be16(b, i + 2);
            boolean sof =
                    marker >= 0xc0
                            && marker <= 0xcf
                            && marker != 0xc4
                            && marker != 0xc8
                            && marker != 0xcc;
            if (sof) {
                if (i + 8 < b.length) {
                    return new Image("jpeg", be16(b, i + 7), be16(b, i + 5));
                }
                break;
            }
            if (marker == 0xda || marker == 0xd9 || length < 2) {
                break; // scan data or end before any frame header
            }
            i += 2 + length;
        }
        return new Image("jpeg", null, null);
    }

    private static Image webp(byte[] b) {
        if (b.length < 16) {
            return new Image("webp", null, null);
        }
        String chunk = ascii(b, 12, 4);
        if (chunk.equals("VP8 ")
                && b.length >= 30
                && (b[23] & 0xff) == 0x9d
                && (b[24] & 0xff) == 0x01
                && (b[25] & 0xff) == 0x2a) {
            return new Image("webp", le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff);
        }
        if (chunk.equals("VP8L") && b.length >= 25 && (b[20] & 0xff) == 0x2f) {
            int bits = le32(b, 21);
            return new Image("webp", (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
        }
        if (chunk.equals("VP8X") && b.length >= 30) {
            return new Image("webp", le24(b, 24) + 1, le24(b, 27) + 1);
        }
        return new Image("webp", null, null);
    }

    /** AVIF and HEIC: the brand says which, the first {@code ispe} property says how large. */
    private static Image isoBmff(byte[] b) {
        int ftypSize = (int) Math.min(u32(b, 0), b.length);
        String format = null;
        for (int i = 8; i + 4 <= ftypSize; i += 4) {
            if (i == 12) {
                continue; // minor version
            }
            String brand = ascii(b, i, 4);
            if (brand.equals("avif") || brand.equals("avis")) {
                format = "avif";
                break;
            }
            if (brand.equals("heic")
                    || brand.equals("heix")
                    || brand.equals("heim")
                    || brand.equals("heis")) {
                format = "heic";
            }
        }
        if (format == null) {
            return null; // MP4 video and other ISO-BMFF files
        }
        int[] size = ispe(b, ftypSize, b.length, 0);
        return size == null ? new Image(format, null, null) : new Image(format, size[0], size[1]);
    }

    /** Walks boxes in {@code [from, to)}: meta, iprp and ipco are containers; ispe holds w×h. */
    private static int[] ispe(byte[] b, int from, int to, int depth) {
        int i = from;
        while (i + 8 <= to && depth < 4) {
            long size = u32(b, i);
            String type = ascii(b, i + 4, 4);
            int header = 8;
            if (size == 1 && i + 16 <= to) {
                size = ((long) u32(b, i + 8) << 32) | u32(b, i + 12);
                header = 16;
            } else if (size == 0) {
                size = to - i;
            }
            if (size < header) {
                return null;
            }
            int end = (int) Math.min(to, i + size);
            switch (type) {
                case "ispe" -> {
                    return i + header + 12 <= b.length
                            ? new int[] {(int) u32(b, i + header + 4), (int) u32(b, i + header + 8)}
                            : null;
                }
                case "meta" -> {
                    return ispe(
                            b, i + header + 4, end, depth + 1); // a full box: skip version+flags
                }
                case "iprp", "ipco" -> {
                    return ispe(b, i + header, end, depth + 1);
                }
                default -> i = (int) Math.min(Integer.MAX_VALUE, i + size);
            }
        }
        return null;
    }

    private static boolean isSvg(byte[] b) {
        String text =
                new String(b, 0, Math.min(b.length, 1024), StandardCharsets.ISO_8859_1)
                        .stripLeading();
        if (text.startsWith("\u00ef\u00bb\u00bf")) {
            text = text.substring(3).stripLeading(); // UTF-8 byte order mark
        }
        if (text.startsWith("<svg")) {
            return true;
        }
        return (text.startsWith("<?xml")
                        || text.startsWith("<!DOCTYPE svg")
                        || text.startsWith("<!--"))
                && text.contains("<svg");
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    private static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xff) << 24)
                | ((b[i + 1] & 0xff) << 16)
                | ((b[i + 2] & 0xff) << 8)
                | (b[i + 3] & 0xff);
    }

    private static int be16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xff) | ((b[i + 1] & 0xff) << 8);
    }

    private static int le24(byte[] b, int i) {
        return (b[i] & 0xff) | ((b[i + 1] & 0xff) << 8) | ((b[i + 2] & 0xff) << 16);
    }

    private static int le32(byte[] b, int i) {
        return (b[i] & 0xff)
                | ((b[i + 1] & 0xff) << 8)
                | ((b[i + 2] & 0xff) << 16)
                | ((b[i + 3] & 0xff) << 24);
    }
}
