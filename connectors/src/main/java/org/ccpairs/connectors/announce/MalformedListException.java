package org.ccpairs.connectors.announce;

/**
 * A crawl list or path list that was fetched but cannot be read at all (not JSON, not gzip, too
 * large). Carries a stable reason code for the dead letter.
 */
public final class MalformedListException extends Exception {
    private final String reason;

    public MalformedListException(String reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    /** E.g. {@code MALFORMED_CRAWL_LIST}, {@code MALFORMED_PATH_LIST}. */
    public String reason() {
        return reason;
    }
}
