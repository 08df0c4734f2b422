package org.ccpairs.connectors.announce;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.ccpairs.avro.DeadLetter;

/** Dead letters of the announcer: stage {@value #STAGE}, reasons listed in docs/topics.md. */
public final class AnnouncerDeadLetters {
    public static final String STAGE = "announce";

    /** The crawl list is not a JSON array. */
    public static final String MALFORMED_CRAWL_LIST = "MALFORMED_CRAWL_LIST";

    /** A crawl id of the list is not a valid {@link Announcements#ID}. */
    public static final String INVALID_CRAWL_ID = "INVALID_CRAWL_ID";

    /** A crawl's path list answers 404 or 410: an unknown or unpublished crawl. */
    public static final String PATH_LIST_NOT_FOUND = "PATH_LIST_NOT_FOUND";

    /** A crawl's path list answers another 4xx, or is too large. */
    public static final String PATH_LIST_REFUSED = "PATH_LIST_REFUSED";

    /** A path list is broken gzip or too large once decompressed. */
    public static final String MALFORMED_PATH_LIST = "MALFORMED_PATH_LIST";

    /** A path list without one usable line. (Bad lines use the {@link PathProblem} names.) */
    public static final String EMPTY_PATH_LIST = "EMPTY_PATH_LIST";

    /** Like the job's dead letters: at most this much of the input is kept. */
    static final int MAX_PAYLOAD = 64 << 10;

    private AnnouncerDeadLetters() {}

    /**
     * A dead letter of the announcer.
     *
     * @param crawlId null when not about one crawl
     * @param source the URL of the list it is about; null when none
     * @param payload the offending input, cut to 64 KiB; null when none
     */
    public static DeadLetter of(
            String reason,
            String message,
            Throwable cause,
            String crawlId,
            String source,
            byte[] payload,
            Instant at) {
        return DeadLetter.newBuilder()
                .setStage(STAGE)
                .setReason(reason)
                .setMessage(message)
                .setExceptionClass(cause == null ? null : cause.getClass().getName())
                .setOccurredAt(at)
                .setKafka(null)
                .setCrawlId(crawlId)
                .setSegmentId(null)
                .setWarcFile(source)
                .setWarcOffset(null)
                .setWarcRecordId(null)
                .setPayload(
                        payload == null
                                ? null
                                : ByteBuffer.wrap(
                                        Arrays.copyOf(
                                                payload, Math.min(payload.length, MAX_PAYLOAD))))
                .build();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
