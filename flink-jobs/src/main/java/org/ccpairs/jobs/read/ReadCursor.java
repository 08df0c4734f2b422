package org.ccpairs.jobs.read;

/**
 * How far a file has been read: the record emitted last, by byte offset and by count.
 *
 * @param offset where the record emitted last starts (its gzip member, when compressed); 0 before
 *     any
 * @param recordIndex how many records of the file, of every type, were read up to and including it;
 *     0 before any
 */
public record ReadCursor(long offset, long recordIndex) {
    /** Nothing read yet. */
    public static final ReadCursor START = new ReadCursor(0, 0);

    public boolean atStart() {
        return recordIndex == 0;
    }
}
