package org.ccpairs.connectors.connect;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.ccpairs.avro.FileKind;
import org.ccpairs.connectors.announce.CrawlKey;
import org.ccpairs.connectors.announce.CrawlProgress;

/**
 * How crawl progress is kept in Kafka Connect's offset storage: the source partition is the crawl
 * and kind ({@code {"crawl_id": "CC-MAIN-2024-51", "file_kind": "WARC"}}), the offset is the whole
 * progress after the record ({@code {"announced": "<segment>,<segment>,…", "segments_listed": 100,
 * "complete": false}}), so the latest committed offset alone tells what was announced. Connect
 * offsets hold only primitive values, hence the comma-joined list (segment ids have no commas).
 */
public final class ConnectOffsets {
    static final String CRAWL_ID = "crawl_id";
    static final String FILE_KIND = "file_kind";
    static final String ANNOUNCED = "announced";
    static final String SEGMENTS_LISTED = "segments_listed";
    static final String COMPLETE = "complete";

    private ConnectOffsets() {}

    public static Map<String, Object> partition(CrawlKey key) {
        Map<String, Object> partition = new LinkedHashMap<>();
        partition.put(CRAWL_ID, key.crawlId());
        partition.put(FILE_KIND, key.kind().name());
        return partition;
    }

    public static Map<String, Object> offset(CrawlProgress progress) {
        Map<String, Object> offset = new LinkedHashMap<>();
        offset.put(ANNOUNCED, String.join(",", progress.announced()));
        offset.put(SEGMENTS_LISTED, progress.segmentsListed());
        offset.put(COMPLETE, progress.complete());
        return offset;
    }

    /**
     * The progress stored in {@code offset}; nothing announced when it is null.
     *
     * @throws IllegalArgumentException when the offset was not written by this connector
     */
    public static CrawlProgress progress(CrawlKey key, Map<String, ?> offset) {
        if (offset == null) {
            return CrawlProgress.none(key);
        }
        Object announced = offset.get(ANNOUNCED);
        Object listed = offset.get(SEGMENTS_LISTED);
        Object complete = offset.get(COMPLETE);
        if (!(announced instanceof String s)
                || !(listed instanceof Number n)
                || !(complete instanceof Boolean c)) {
            throw new IllegalArgumentException(
                    "not an announcer offset for " + key + ": " + offset);
        }
        TreeSet<String> segments = new TreeSet<>();
        if (!s.isEmpty()) {
            segments.addAll(Arrays.asList(s.split(",")));
        }
        return new CrawlProgress(key, segments, n.intValue(), c);
    }

    /** The crawl key of a source partition, for validating offsets an operator alters. */
    static CrawlKey key(Map<String, ?> partition) {
        Object crawl = partition.get(CRAWL_ID);
        Object kind = partition.get(FILE_KIND);
        if (!(crawl instanceof String c) || !(kind instanceof String k)) {
            throw new IllegalArgumentException("not an announcer source partition: " + partition);
        }
        return new CrawlKey(c, FileKind.valueOf(k));
    }
}
