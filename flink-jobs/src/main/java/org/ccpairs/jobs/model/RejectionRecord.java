package org.ccpairs.jobs.model;

/**
 * A pair a filter stage rejected, for the audit topic {@code ccpairs.rejections}. Any stage that
 * drops pairs for a reason can emit these; the provenance fields are those of the pair.
 *
 * @param stage the stage that rejected the pair, e.g. {@code linkcheck}
 * @param reason a stable reason code of that stage, e.g. {@code NOT_FOUND}
 * @param detail one line for humans (e.g. {@code HTTP 404 from https://...}); null when none
 */
public record RejectionRecord(
        String stage,
        String reason,
        String detail,
        String pairId,
        String imageUrl,
        String caption,
        String pageUrl,
        String crawlId,
        String segmentId,
        String warcFile,
        long warcOffset,
        String warcRecordId,
        long occurredAtMillis) {

    /** The rejection of {@code pair} by {@code stage}. */
    public static RejectionRecord of(
            String stage, String reason, String detail, Pair pair, long nowMillis) {
        return new RejectionRecord(
                stage,
                reason,
                detail,
                pair.pairId(),
                pair.imageUrl(),
                pair.caption(),
                pair.pageUrl(),
                pair.crawlId(),
                pair.segmentId(),
                pair.warcFile(),
                pair.warcOffset(),
                pair.warcRecordId(),
                nowMillis);
    }
}
