package org.ccpairs.jobs.read;

import org.ccpairs.connectors.warc.FileReadException;
import org.ccpairs.jobs.extract.WarcPairReader;
import org.ccpairs.jobs.model.DeadLetterRecord;
import org.ccpairs.jobs.model.FileSplit;

/** The dead letters of the reading stage: what was lost, why, and where in which file. */
final class ReadDeadLetters {
    private ReadDeadLetters() {}

    /** A file given up on; {@code retries} says how often it was reopened before. */
    static DeadLetterRecord file(FileReadException e, FileSplit split, int retries) {
        String message = e.getMessage() + (retries > 0 ? " (after " + retries + " retries)" : "");
        return DeadLetterRecord.forFile(
                FileReaderOperator.STAGE,
                e.reason().name(),
                message,
                e.getCause(),
                split,
                e.offset() >= 0 ? e.offset() : null,
                null,
                System.currentTimeMillis());
    }

    /** One record skipped because it could not be parsed. */
    static DeadLetterRecord record(FileReadException e, FileSplit split) {
        return DeadLetterRecord.forFile(
                FileReaderOperator.STAGE,
                e.reason().name(),
                e.getMessage(),
                e.getCause(),
                split,
                e.offset() >= 0 ? e.offset() : null,
                null,
                System.currentTimeMillis());
    }

    /** A page the extractor failed on. */
    static DeadLetterRecord page(WarcPairReader.PageFailure f, FileSplit split) {
        return DeadLetterRecord.forFile(
                FileReaderOperator.EXTRACT_STAGE,
                "EXTRACT_ERROR",
                "cannot extract from " + f.page().url() + ": " + f.cause(),
                f.cause(),
                split,
                f.page().offset(),
                f.page().recordId(),
                System.currentTimeMillis());
    }
}
