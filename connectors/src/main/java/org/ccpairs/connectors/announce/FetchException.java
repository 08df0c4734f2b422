package org.ccpairs.connectors.announce;

/** A crawl list or path list that could not be fetched, with the reason and the URL. */
public class FetchException extends Exception {
    private final FetchFailure failure;
    private final String url;
    private final String detail;

    /** The message is {@code <url>: <detail>}; the failure is kept apart. */
    public FetchException(FetchFailure failure, String url, String detail, Throwable cause) {
        super(url + ": " + detail, cause);
        this.failure = failure;
        this.url = url;
        this.detail = detail;
    }

    /** What went wrong, without the URL, e.g. {@code HTTP 503}. */
    public String detail() {
        return detail;
    }

    public FetchFailure failure() {
        return failure;
    }

    public String url() {
        return url;
    }
}
