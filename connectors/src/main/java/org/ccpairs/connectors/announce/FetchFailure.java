package org.ccpairs.connectors.announce;

/** Why a crawl list or path list could not be fetched; stable codes for metrics and logs. */
public enum FetchFailure {
    /** HTTP 404 or 410, or no such file: for a path list, an unknown or unpublished crawl. */
    NOT_FOUND(false),
    /** Another HTTP 4xx except 429: the request is wrong, asking again will not help. */
    HTTP_CLIENT_ERROR(false),
    /** HTTP 5xx or 429 on every attempt. */
    HTTP_SERVER_ERROR(true),
    /** No complete answer within {@code announcer.http.timeout} on every attempt. */
    TIMEOUT(true),
    /** Connection refused or broken, or a local file that cannot be read, on every attempt. */
    UNREACHABLE(true),
    /** The body is larger than the announcer accepts. */
    TOO_LARGE(false);

    private final boolean transientFailure;

    FetchFailure(boolean transientFailure) {
        this.transientFailure = transientFailure;
    }

    /** Whether a later poll may well succeed (the server's problem, not the data's). */
    public boolean isTransient() {
        return transientFailure;
    }
}
