package org.ccpairs.jobs.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.flink.api.java.functions.KeySelector;
import org.ccpairs.jobs.model.Pair;

/**
 * What makes two pairs duplicates, and the 64-bit dedup key of each scope.
 *
 * <ul>
 *   <li>{@link #URL_CAPTION}: the same normalized image URL with the same caption, i.e. the same
 *       pair id; the key is {@link Pair#dedupKey()}, the first 64 bits of the pair id. The
 *       published set does not depend on the order in which parallel readers deliver pairs.
 *   <li>{@link #URL}: the same normalized image URL, whatever the caption; the key is the first 64
 *       bits of SHA-256 over the normalized URL, so it equals the first 64 bits of a SHA-256 safety
 *       list entry for that URL. The first caption to arrive wins, so with parallel readers which
 *       caption an image is published with can differ between runs.
 * </ul>
 *
 * <p>64-bit keys: among n keys, about n²/2^65 pairs of distinct pairs share a key (about 24 among
 * 3e10, a year of crawls), and the later one of each is dropped as a duplicate.
 */
public enum DedupScope {
    URL,
    URL_CAPTION;

    /** The dedup key of a pair in this scope; serializable, one digest per task. */
    public KeySelector<Pair, Long> keySelector() {
        return this == URL_CAPTION ? new PairIdKey() : new UrlKey();
    }

    /** The first 64 bits of SHA-256 over {@code normalizedUrl} (UTF-8), as {@link #URL} keys. */
    public static long urlKey(MessageDigest sha256, String normalizedUrl) {
        sha256.reset();
        byte[] d = sha256.digest(normalizedUrl.getBytes(StandardCharsets.UTF_8));
        long k = 0;
        for (int i = 0; i < 8; i++) {
            k = (k << 8) | (d[i] & 0xff);
        }
        return k;
    }

    private static final class PairIdKey implements KeySelector<Pair, Long> {
        @Override
        public Long getKey(Pair pair) {
            return pair.dedupKey();
        }
    }

    private static final class UrlKey implements KeySelector<Pair, Long> {
        private transient PairIdentity identity;
        private transient MessageDigest sha256;

        @Override
        public Long getKey(Pair pair) throws NoSuchAlgorithmException {
            if (identity == null) {
                identity = new PairIdentity();
                sha256 = MessageDigest.getInstance("SHA-256");
            }
            String normal = identity.normalizeUrl(pair.imageUrl());
            // extraction drops pairs whose URL does not normalize; a URL that no longer does
            // (another normalizer version) is keyed as it is
            return urlKey(sha256, normal == null ? pair.imageUrl() : normal);
        }
    }
}
