package org.ccpairs.jobs.read;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The files of one reader: the one being read, those queued in arrival order, and those waiting for
 * a retry. Not thread-safe: the reader's mailbox thread owns it.
 */
final class FileQueue {
    private final Deque<SplitProgress> queued = new ArrayDeque<>();
    private final List<SplitProgress> waiting = new ArrayList<>();
    private SplitProgress current;

    void add(SplitProgress split) {
        queued.add(split);
    }

    /** The file being read, or null. */
    SplitProgress current() {
        return current;
    }

    /** Records progress on the file being read. */
    void advance(SplitProgress progress) {
        current = progress;
    }

    /** Starts on the next queued file; null when none is queued. */
    SplitProgress startNext() {
        current = queued.poll();
        return current;
    }

    /** Stops reading the current file (done, failed, or set aside for a retry) and returns it. */
    SplitProgress stopCurrent() {
        SplitProgress stopped = current;
        current = null;
        return stopped;
    }

    /** Sets {@code retry} aside until {@link #release} puts it back at the head of the queue. */
    void park(SplitProgress retry) {
        waiting.add(retry);
    }

    /** Queues a parked file first; false when it is no longer parked (e.g. after a restore). */
    boolean release(SplitProgress retry) {
        if (!waiting.remove(retry)) {
            return false;
        }
        queued.addFirst(retry);
        return true;
    }

    /** Whether there is a file to read now. */
    boolean hasWork() {
        return current != null || !queued.isEmpty();
    }

    /** Whether every file is finished. */
    boolean isEmpty() {
        return current == null && queued.isEmpty() && waiting.isEmpty();
    }

    int pending() {
        return queued.size() + waiting.size();
    }

    /**
     * Everything still to read, the current file first, for the checkpoint. Parked files are
     * retried at once after a restore, with a fresh retry budget.
     */
    List<SplitProgress> snapshot() {
        List<SplitProgress> splits = new ArrayList<>();
        if (current != null) {
            splits.add(current);
        }
        splits.addAll(queued);
        for (SplitProgress w : waiting) {
            splits.add(new SplitProgress(w.split(), w.cursor(), 0));
        }
        return splits;
    }
}
