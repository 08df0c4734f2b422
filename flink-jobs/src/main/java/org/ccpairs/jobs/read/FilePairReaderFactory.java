package org.ccpairs.jobs.read;

import java.io.InputStream;
import java.io.Serializable;
import java.util.function.Consumer;
import org.ccpairs.connectors.warc.FileReadException;
import org.ccpairs.jobs.extract.FilePairReader;
import org.ccpairs.jobs.extract.FilePairReaders;
import org.ccpairs.jobs.extract.WarcPairReader;
import org.ccpairs.jobs.model.FileSplit;

/**
 * Creates the reader of a file's pairs; serializable, so the reading stage can carry it to the
 * tasks.
 */
@FunctionalInterface
public interface FilePairReaderFactory extends Serializable {
    /**
     * A reader of {@code split}'s file whose stream {@code in} starts at {@code baseOffset}.
     *
     * @throws FileReadException when the stream does not start like a file of its kind
     */
    FilePairReader open(
            InputStream in,
            FileSplit split,
            long baseOffset,
            Consumer<FileReadException> badRecords,
            Consumer<WarcPairReader.PageFailure> pageFailures)
            throws FileReadException;

    /**
     * Reads each file as its segment's announcement says: WARC responses or WAT metadata (see
     * {@link FilePairReaders}).
     */
    static FilePairReaderFactory byKind(int maxPageBytes) {
        return (in, split, baseOffset, badRecords, pageFailures) ->
                FilePairReaders.open(
                        split.segment().fileKind(),
                        in,
                        split.file(),
                        baseOffset,
                        maxPageBytes,
                        split.segment(),
                        badRecords,
                        pageFailures);
    }

    /** WARC files only: the HTML responses' image-alt pairs. */
    static FilePairReaderFactory warc(int maxPageBytes) {
        return (in, split, baseOffset, badRecords, pageFailures) ->
                new WarcPairReader(
                        in,
                        split.file(),
                        baseOffset,
                        maxPageBytes,
                        split.segment(),
                        badRecords,
                        pageFailures);
    }
}
