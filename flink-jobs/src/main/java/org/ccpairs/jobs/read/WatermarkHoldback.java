package org.ccpairs.jobs.read;

import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Holds back the watermark of a stage that works on files in the background: the watermark passed
 * on never reaches a segment while one of its files is still being read. Watermarks count segments
 * (see {@code SegmentSequencer}), so the stage may pass on at most the input watermark and at most
 * one less than the lowest segment with an unfinished file.
 */
final class WatermarkHoldback {
    private final TreeMap<Long, Integer> unfinished = new TreeMap<>();
    private long input = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    void fileAdded(long seq) {
        unfinished.merge(seq, 1, Integer::sum);
    }

    /**
     * @throws IllegalStateException when no file of {@code seq} was added
     */
    void fileDone(long seq) {
        Integer left = unfinished.get(seq);
        if (left == null) {
            throw new IllegalStateException("no unfinished file of segment " + seq);
        }
        if (left == 1) {
            unfinished.remove(seq);
        } else {
            unfinished.put(seq, left - 1);
        }
    }

    void input(long watermark) {
        input = Math.max(input, watermark);
    }

    long input() {
        return input;
    }

    /** The watermark to pass on now, or empty when it would not advance. */
    OptionalLong advance() {
        long out = unfinished.isEmpty() ? input : Math.min(input, unfinished.firstKey() - 1);
        if (out > emitted) {
            emitted = out;
            return OptionalLong.of(out);
        }
        return OptionalLong.empty();
    }
}
