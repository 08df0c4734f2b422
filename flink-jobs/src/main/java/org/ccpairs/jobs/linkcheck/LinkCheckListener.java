package org.ccpairs.jobs.linkcheck;

/**
 * What the checker reports as it works, for metrics and tests. Called on the checker's loop thread,
 * one call at a time; implementations must be quick and must not call back into the checker.
 */
public interface LinkCheckListener {
    LinkCheckListener NONE = new LinkCheckListener() {};

    /** A request went out; {@code policyFile} for robots.txt, ai.txt and tdmrep.json. */
    default void requestSent(String host, boolean policyFile) {}

    /** An answer's head arrived this long after its request was sent. */
    default void answered(long latencyNanos) {}

    /** A check had to wait for its host (concurrency limit, rate or pause); counted once. */
    default void throttled() {}

    /** A host asked us to slow down (429 or 503) and is paused. */
    default void hostPaused(String host) {}

    /** A transient failure will be asked again after a backoff. */
    default void retried() {}

    /** A host failed so often that its circuit opened. */
    default void circuitOpened(String host) {}

    /** A check was answered from the cache (or joined a running check of the same URL). */
    default void cacheHit() {}

    /** A check needed the network. */
    default void cacheMiss() {}
}
