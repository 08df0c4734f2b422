package org.ccpairs.jobs.model;

/**
 * A segment the job has started on.
 *
 * @param seq the job's sequence number for it: 1, 2, 3, ... in announcement order, kept across
 *     restarts. It doubles as the segment's event time: a watermark of {@code seq} means the
 *     segment is complete.
 * @param fileCount how many files the announcement listed
 * @param announcedAtMillis when it was announced, epoch milliseconds; 0 when unknown
 */
public record Segment(
        long seq,
        String crawlId,
        String segmentId,
        String fileKind,
        int fileCount,
        long announcedAtMillis) {

    /** A segment whose announcement time is unknown. */
    public Segment(long seq, String crawlId, String segmentId, String fileKind, int fileCount) {
        this(seq, crawlId, segmentId, fileKind, fileCount, 0);
    }

    /** {@code crawl/segment#seq}, for logs and messages. */
    public String label() {
        return crawlId + "/" + segmentId + "#" + seq;
    }
}
