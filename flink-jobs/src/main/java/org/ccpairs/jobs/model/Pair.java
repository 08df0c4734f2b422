package org.ccpairs.jobs.model;

/**
 * An image-text pair inside the job: the fields of the {@code ImageTextPair} schema plus what the
 * job needs to route it. Nullable fields are boxed.
 *
 * @param pairId 32 hex digits, see {@code PairIdentity}
 * @param dedupKey the first 64 bits of the pair id, the dedup state's key
 * @param segmentSeq the job's sequence number of the segment it came from
 * @param fetchTimeMillis WARC-Date in epoch milliseconds; null when unknown
 * @param width declared width, null when not a positive integer
 * @param height declared height, null when not a positive integer
 */
public record Pair(
        String pairId,
        long dedupKey,
        String imageUrl,
        String caption,
        String pageUrl,
        String crawlId,
        String segmentId,
        long segmentSeq,
        String warcFile,
        long warcOffset,
        String warcRecordId,
        Long fetchTimeMillis,
        Integer width,
        Integer height) {}
