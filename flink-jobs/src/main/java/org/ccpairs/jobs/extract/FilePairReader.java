package org.ccpairs.jobs.extract;

import java.io.Closeable;
import java.util.Map;
import java.util.Optional;
import org.ccpairs.connectors.warc.FileReadException;

/**
 * Reads the pairs of one file record by record, from wherever its stream starts. One implementation
 * per file kind (WARC responses, WAT metadata). The reading stage keeps {@link
 * RecordPairs#offset()} and {@link RecordPairs#recordIndex()} of the last record it emitted as its
 * cursor, so that it can resume after a failure. Not thread-safe.
 */
public interface FilePairReader extends Closeable {
    /**
     * The next record that can hold pairs, with its pairs (possibly none); empty at the end of the
     * file. Records that cannot hold pairs (requests, non-HTML, ...) are skipped and counted.
     *
     * @throws FileReadException {@code CORRUPT_FILE} when the file breaks off or is not readable
     *     further, {@code UNREACHABLE} when the stream under it failed; what was returned before
     *     stays valid
     */
    Optional<RecordPairs> next() throws FileReadException;

    /** Records read so far, of every type, counted from where the stream started. */
    long records();

    /**
     * Records skipped so far because they cannot hold pairs, by reason ({@code REQUEST}, {@code
     * REVISIT}, {@code NOT_HTML}, ...; see {@link org.ccpairs.connectors.warc.SkipReason}). Stable
     * reason codes for counters; empty when the reader does not count them.
     */
    default Map<String, Long> skipped() {
        return Map.of();
    }
}
