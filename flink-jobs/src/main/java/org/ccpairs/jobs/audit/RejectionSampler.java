package org.ccpairs.jobs.audit;

import java.io.Serializable;

/**
 * Decides which rejected pairs are written to the rejections topic: a fixed fraction, chosen by the
 * pair id, so that the same pair is always in or out of the sample (a replay after a restore writes
 * the same sample) and every stage samples the same pairs.
 */
public final class RejectionSampler implements Serializable {
    private static final long SCALE = 1_000_000;
    private final long threshold;

    /**
     * @param rate between 0 (none) and 1 (every rejection)
     * @throws IllegalArgumentException when {@code rate} is outside [0, 1]
     */
    public RejectionSampler(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(
                    "'rejections.sample-rate' must be between 0 and 1, got " + rate);
        }
        this.threshold = Math.round(rate * SCALE);
    }

    /** Whether the rejection of the pair with id {@code pairId} goes to the topic. */
    public boolean sampled(String pairId) {
        if (threshold >= SCALE) {
            return true;
        }
        if (threshold == 0) {
            return false;
        }
        // pair ids are hex digests: their first bits are uniformly spread
        String head = pairId.length() >= 8 ? pairId.substring(0, 8) : "";
        long h =
                !head.isEmpty() && head.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                        ? Long.parseLong(head, 16)
                        : pairId.hashCode() & 0xffffffffL;
        return h % SCALE < threshold;
    }
}
