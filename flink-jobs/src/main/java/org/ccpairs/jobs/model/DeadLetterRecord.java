package org.ccpairs.jobs.model;

import java.util.Arrays;

/**
 * Input a stage could not use. Every nullable field is null when it does not apply.
 *
 * @param stage the stage that gave up, e.g. {@code announcement-decode}
 * @param reason a stable reason code, e.g. {@code UNKNOWN_SCHEMA_ID}
 * @param message detail for humans, including the source coordinates
 * @param exceptionClass class of the exception behind it
 * @param kafka set when the input was a Kafka record
 * @param payload the rejected bytes (at most {@link #MAX_PAYLOAD}) when the input was a message
 */
public record DeadLetterRecord(
        String stage,
        String reason,
        String message,
        String exceptionClass,
        long occurredAtMillis,
        KafkaCoordinates kafka,
        String crawlId,
        String segmentId,
        String warcFile,
        Long warcOffset,
        String warcRecordId,
        byte[] payload) {

    public static final int MAX_PAYLOAD = 64 * 1024;

    /** A dead letter for a Kafka message, keeping its first bytes. */
    public static DeadLetterRecord forMessage(
            String stage,
            String reason,
            String message,
            Throwable cause,
            KafkaMessage input,
            long now) {
        byte[] value = input.value();
        byte[] payload =
                value == null ? null : Arrays.copyOf(value, Math.min(value.length, MAX_PAYLOAD));
        return new DeadLetterRecord(
                stage,
                reason,
                message + " [" + KafkaCoordinates.of(input) + "]",
                cause == null ? null : cause.getClass().getName(),
                now,
                KafkaCoordinates.of(input),
                null,
                null,
                null,
                null,
                null,
                payload);
    }

    /**
     * A dead letter for a file of a segment, or for one record in it when {@code offset} is not
     * null.
     */
    public static DeadLetterRecord forFile(
            String stage,
            String reason,
            String message,
            Throwable cause,
            FileSplit split,
            Long offset,
            String recordId,
            long now) {
        Segment s = split.segment();
        return new DeadLetterRecord(
                stage,
                reason,
                message,
                cause == null ? null : cause.getClass().getName(),
                now,
                null,
                s.crawlId(),
                s.segmentId(),
                split.file(),
                offset,
                recordId,
                null);
    }
}
