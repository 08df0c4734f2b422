package org.ccpairs.jobs.read;

import org.ccpairs.jobs.model.FileSplit;

/**
 * A file to read and how far it got: what the reading stage keeps in its checkpointed state.
 *
 * @param failures consecutive attempts that broke off without progress, for the retry budget
 */
public record SplitProgress(FileSplit split, ReadCursor cursor, int failures) {
    public static SplitProgress fresh(FileSplit split) {
        return new SplitProgress(split, ReadCursor.START, 0);
    }

    public long seq() {
        return split.segment().seq();
    }
}
