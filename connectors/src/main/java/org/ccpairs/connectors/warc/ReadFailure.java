package org.ccpairs.connectors.warc;

/**
 * Why a file or one of its records could not be read. Stable reason codes for dead letters and
 * metrics.
 */
public enum ReadFailure {
    /** The URL does not name a file that exists (no such path, HTTP 404 or 410). */
    FILE_NOT_FOUND,
    /** The URL's scheme is not one the reader supports, or the URL is malformed. */
    UNSUPPORTED_URL,
    /** The server refused the request (HTTP 4xx other than 404/410). */
    HTTP_CLIENT_ERROR,
    /** The server failed, or the connection broke, on every attempt. */
    UNREACHABLE,
    /**
     * The file is not a WARC file, or its compression is corrupt: nothing after this point can be
     * read.
     */
    CORRUPT_FILE,
    /** One record could not be parsed; the reader skipped it and went on. */
    BAD_RECORD
}
