package org.ccpairs.jobs.filter;

/**
 * What one filter said about a pair.
 *
 * @param reason null when the pair passed; otherwise a stable upper-case reason code, e.g. {@code
 *     CAPTION_TOO_SHORT}, counted in {@code ccpairs_stage_reason_pairs_rejected}
 * @param detail one line for humans (the rejections topic); null when the pair passed
 */
public record Verdict(String reason, String detail) {
    public static final Verdict PASS = new Verdict(null, null);

    public static Verdict reject(String reason, String detail) {
        if (reason == null || reason.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs a reason code");
        }
        return new Verdict(reason, detail);
    }

    public boolean passed() {
        return reason == null;
    }
}
