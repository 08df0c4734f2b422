package org.ccpairs.jobs.filter;

/**
 * What a {@link FilterChain} decided about a pair: passed, or rejected by which filter and why.
 *
 * @param filter the name of the filter that rejected the pair; null when it passed
 * @param reason the rejection's reason code; null when it passed
 * @param detail one line for humans, starting with the filter's name; null when it passed
 */
public record Decision(String filter, String reason, String detail) {
    public static final Decision PASSED = new Decision(null, null, null);

    /** Reason of a pair rejected because a filter threw: the chain fails closed. */
    public static final String FILTER_ERROR = "FILTER_ERROR";

    public boolean passed() {
        return reason == null;
    }
}
