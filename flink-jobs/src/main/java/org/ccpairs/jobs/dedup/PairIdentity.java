package org.ccpairs.jobs.dedup;

import crawlercommons.filters.basic.BasicURLNormalizer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a pair: its image URL normalized with crawler-commons' {@link BasicURLNormalizer}
 * (scheme and host case, default ports, fragments, dot segments, percent-encoding), plus its
 * caption. Two captures of the same image with the same caption get the same id, whatever page they
 * were on. Not thread-safe (the digest is reused): one instance per task.
 */
public final class PairIdentity {
    private static final HexFormat HEX = HexFormat.of();

    private final BasicURLNormalizer normalizer = new BasicURLNormalizer();
    private final MessageDigest sha256;

    public PairIdentity() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The normalized form of {@code url}; null when the normalizer rejects it as malformed. */
    public String normalizeUrl(String url) {
        String normal = shortcut(url);
        return normal != null ? normal : normalizer.filter(url);
    }

    /**
     * What {@link BasicURLNormalizer#filter} returns for {@code url}, worked out without parsing it
     * (the normalizer builds {@code java.net.URL}s and runs regular expressions, most of the pair
     * id's cost), for the URLs where that is simple; null for the others. Simple means: {@code
     * http://} or {@code https://}; a host of lower-case letters, digits, dots and hyphens that
     * does not end in a dot (nothing to lower-case, decode, IDN-convert or trim; no port, no user
     * info); then a path that starts with a slash, has no query and no fragment (nothing to sort or
     * drop), no {@code //}, {@code /.} or {@code ./} (no dot segments), percent escapes only of two
     * upper-case hex digits for characters the normalizer keeps escaped, and no control characters,
     * lone surrogates or trailing spaces. The normalizer then changes only the characters it
     * escapes in a path (space, {@code "<>[]^`{|}}, non-ASCII), into upper-case {@code %XX} of
     * their UTF-8 bytes, and so does this. {@code PairIdentityTest} compares the two on every
     * corpus image URL and on tricky and random ones.
     */
    static String shortcut(String url) {
        int i;
        if (url.startsWith("http://")) {
            i = 7;
        } else if (url.startsWith("https://")) {
            i = 8;
        } else {
            return null;
        }
        int n = url.length();
        int hostFrom = i;
        while (i < n && url.charAt(i) < 0x80 && HOST[url.charAt(i)]) {
            i++;
        }
        if (i == hostFrom || i >= n || url.charAt(i) != '/' || url.charAt(i - 1) == '.') {
            return null;
        }
        if (url.charAt(n - 1) <= ' ') {
            return null; // the normalizer trims
        }
        int pathFrom = i;
        boolean escape = false;
        char previous = 0;
        for (; i < n; i++) {
            char c = url.charAt(i);
            if (c >= 0x80) {
                if (Character.isSurrogate(c)) {
                    return null;
                }
                escape = true;
            } else if (c == '%') {
                if (i + 2 >= n || !upperHex(url.charAt(i + 1)) || !upperHex(url.charAt(i + 2))) {
                    return null;
                }
                int value =
                        Character.digit(url.charAt(i + 1), 16) * 16
                                + Character.digit(url.charAt(i + 2), 16);
                if (value < 0x80 && UNRESERVED[value]) {
                    return null; // the normalizer decodes it
                }
                i += 2;
                c = 'X';
            } else if (ESCAPED[c]) {
                escape = true;
            } else if (!PATH[c]) {
                return null;
            }
            if ((previous == '/' && (c == '/' || c == '.')) || (previous == '.' && c == '/')) {
                return null;
            }
            previous = c;
        }
        return escape ? escaped(url, pathFrom) : url;
    }

    /** {@code url} with what the normalizer escapes in its path from {@code pathFrom} escaped. */
    private static String escaped(String url, int pathFrom) {
        StringBuilder out = new StringBuilder(url.length() + 16).append(url, 0, pathFrom);
        for (int i = pathFrom; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c < 0x80 && !ESCAPED[c]) {
                out.append(c);
                continue;
            }
            int end = i + 1;
            while (end < url.length() && (url.charAt(end) >= 0x80 || ESCAPED[url.charAt(end)])) {
                end++;
            }
            for (byte b : url.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(UPPER_HEX[(b >> 4) & 0xf]).append(UPPER_HEX[b & 0xf]);
            }
            i = end - 1;
        }
        return out.toString();
    }

    private static boolean upperHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }

    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    /** Characters of a host name the normalizer leaves alone. */
    private static final boolean[] HOST = new boolean[128];

    /** Path characters the normalizer leaves alone (no '?', '#', '%' or control characters). */
    private static final boolean[] PATH = new boolean[128];

    /** Path characters the normalizer escapes, other than control characters and '#'. */
    private static final boolean[] ESCAPED = new boolean[128];

    /** What the normalizer unescapes: letters, digits, '-', '.', '_', '~'. */
    private static final boolean[] UNRESERVED = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            HOST[c] = true;
            UNRESERVED[c] = true;
            UNRESERVED[c - 32] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            HOST[c] = true;
            UNRESERVED[c] = true;
        }
        HOST['.'] = true;
        HOST['-'] = true;
        for (char c : "-._~".toCharArray()) {
            UNRESERVED[c] = true;
        }
        System.arraycopy(UNRESERVED, 0, PATH, 0, 128);
        for (char c : "/!$&'()*+,;=:@".toCharArray()) {
            PATH[c] = true;
        }
        for (char c : " \"<>[]^`{|}".toCharArray()) {
            ESCAPED[c] = true;
        }
    }

    /**
     * The pair id: the first 128 bits of SHA-256 over the normalized URL, a NUL byte and the
     * caption, as 32 lower-case hex digits.
     */
    public String pairId(String normalizedUrl, String caption) {
        sha256.reset();
        sha256.update(normalizedUrl.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(caption.getBytes(StandardCharsets.UTF_8));
        byte[] digest = sha256.digest();
        return HEX.formatHex(digest, 0, 16);
    }

    /** The dedup key of a pair id: its first 64 bits. */
    public static long dedupKey(String pairId) {
        return Long.parseUnsignedLong(pairId, 0, 16, 16);
    }
}
