package org.ccpairs.jobs.model;

import java.util.List;

/**
 * A decoded, validated segment announcement.
 *
 * @param fileKind WARC or WAT
 * @param files absolute file URLs, never empty
 * @param announcedAtMillis when it was announced, epoch milliseconds
 * @param source where on Kafka it came from
 */
public record Announcement(
        String crawlId,
        String segmentId,
        String fileKind,
        List<String> files,
        long announcedAtMillis,
        KafkaCoordinates source) {}
