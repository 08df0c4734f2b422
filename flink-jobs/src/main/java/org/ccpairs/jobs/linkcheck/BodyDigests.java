package org.ccpairs.jobs.linkcheck;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 and MD5 of a whole response body, as lower-case hex: the forms in which image hash lists
 * are distributed (safety lists' {@code IMAGE_SHA256} and {@code IMAGE_MD5} entries). Both are
 * computed in one pass over the buffers as they arrive, so the body is never held whole.
 */
record BodyDigests(String sha256, String md5) {
    private static final HexFormat HEX = HexFormat.of();

    static Builder builder() {
        return new Builder();
    }

    /** Digests the buffers it is given, in order. Not thread-safe. */
    static final class Builder {
        private final MessageDigest sha256;
        private final MessageDigest md5;

        private Builder() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256 and MD5", e);
            }
        }

        /** Digests the remaining bytes of {@code bytes}, consuming them. */
        void update(ByteBuffer bytes) {
            ByteBuffer again = bytes.duplicate();
            sha256.update(bytes);
            md5.update(again);
        }

        BodyDigests build() {
            return new BodyDigests(HEX.formatHex(sha256.digest()), HEX.formatHex(md5.digest()));
        }
    }
}
