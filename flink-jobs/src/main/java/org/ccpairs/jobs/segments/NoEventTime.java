package org.ccpairs.jobs.segments;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for a source whose records have no place in event time (takedown requests, safety-list
 * updates): always the end of time. The version committer's event time is the segment sequence (a
 * segment is complete when its watermark passes); a side input merged into the committer's control
 * stream must not hold that back, and with no watermarks at all (Long.MIN_VALUE) it would hold it
 * back forever.
 */
public final class NoEventTime<T> implements WatermarkGenerator<T> {
    private static final Watermark END = new Watermark(Long.MAX_VALUE);

    public static <T> WatermarkStrategy<T> strategy() {
        return WatermarkStrategy.<T>forGenerator(ctx -> new NoEventTime<>())
                .withTimestampAssigner((record, previous) -> Long.MIN_VALUE);
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        output.emitWatermark(END);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(END);
    }
}
