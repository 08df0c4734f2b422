package org.ccpairs.connectors.warc;

import java.io.IOException;

/**
 * A file, or part of it, could not be read. Carries the file and, when known, the byte offset of
 * the record where reading stopped, so that a dead letter says exactly where to look.
 */
public class FileReadException extends IOException {
    private final ReadFailure reason;
    private final String file;
    private final long offset;

    public FileReadException(
            ReadFailure reason, String file, long offset, String message, Throwable cause) {
        super(
                reason
                        + ": "
                        + message
                        + " ("
                        + file
                        + (offset >= 0 ? " at offset " + offset : "")
                        + ")",
                cause);
        this.reason = reason;
        this.file = file;
        this.offset = offset;
    }

    public ReadFailure reason() {
        return reason;
    }

    public String file() {
        return file;
    }

    /**
     * Byte offset of the record where reading stopped; -1 when the failure is about the whole file.
     */
    public long offset() {
        return offset;
    }
}
