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
        return normalizer.filter(url);
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
