package org.ccpairs.jobs.filter;

import org.ccpairs.jobs.model.Pair;

/**
 * One rule a pair must pass to be published. Implementations are small, pure and thread-compatible
 * (one instance per task); they judge the pair only, never change it, and do no I/O.
 *
 * <p>A filter may throw on input it cannot judge; {@link FilterChain} then rejects the pair with
 * reason {@code FILTER_ERROR} (fail closed). Filters never let a pair through because something
 * went wrong.
 */
public interface PairFilter {
    /** Short stable name, e.g. {@code caption-length}; used in audit details and docs. */
    String name();

    /**
     * @return {@link Verdict#PASS}, or a rejection with a stable upper-case reason code
     */
    Verdict check(Pair pair);
}
