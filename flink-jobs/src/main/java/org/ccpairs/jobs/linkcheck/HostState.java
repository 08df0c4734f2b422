package org.ccpairs.jobs.linkcheck;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the checker knows about one host name: the checks waiting for it (first come, first
 * served), how many of its requests are in flight, its rate, whether it asked us to pause (429 /
 * 503 Retry-After), its circuit breaker, its checked addresses and its opt-out policy per origin.
 * Time is in {@link System#nanoTime()} units. Used on the checker's loop thread only.
 */
final class HostState {
    /** Why the next request to this host cannot go now. */
    enum Gate {
        OPEN,
        /** At its concurrency limit: the next answer frees a slot. */
        BUSY,
        /** In a pause it asked for, or between two tokens of its rate: a timer reopens it. */
        WAIT,
        /** Its circuit is open: checks end HOST_UNAVAILABLE. */
        CIRCUIT_OPEN
    }

    /** A host's addresses could not be used: the status and why. */
    record Unusable(org.ccpairs.jobs.model.LinkStatus status, String detail) {}

    /** The policy files of one origin, loading or loaded. */
    static final class OriginPolicy {
        final HostPolicy policy = HostPolicy.allowAll();
        int pendingFiles;
        long expiresNanos;

        boolean loading() {
            return pendingFiles > 0;
        }
    }

    final String host;
    final ArrayDeque<LinkChecker.Task> waiting = new ArrayDeque<>();
    final Map<String, OriginPolicy> policies = new HashMap<>(2);
    final TokenBucket bucket;
    int active;
    boolean wakeScheduled;
    boolean waitingForSlot;

    private long pausedUntil;
    private int consecutiveFailures;
    private boolean circuitOpen;
    private long circuitOpenUntil;

    List<InetAddress> addresses;
    InetSocketAddress testEndpoint;
    Unusable unusable;
    long addressesUntil;
    boolean resolving;

    HostState(String host, double ratePerSecond, int burst, long now) {
        this.host = host;
        this.bucket = new TokenBucket(ratePerSecond, burst, now);
    }

    /** Whether resolution (or its failure) is known and fresh. */
    boolean resolved(long now) {
        return (addresses != null || unusable != null) && now - addressesUntil < 0;
    }

    /** Whether a request may go now; {@link Gate#OPEN} also takes a token of the rate. */
    Gate gate(long now, int maxConcurrent) {
        if (circuitOpen) {
            if (now - circuitOpenUntil < 0) {
                return Gate.CIRCUIT_OPEN;
            }
            if (active > 0) {
                return Gate.BUSY; // half open: one probe at a time
            }
        } else if (active >= maxConcurrent) {
            return Gate.BUSY;
        }
        if (now - pausedUntil < 0) {
            return Gate.WAIT;
        }
        return bucket.tryTake(now) ? Gate.OPEN : Gate.WAIT;
    }

    /** When a {@link Gate#WAIT} ends. */
    long reopensAt(long now) {
        if (now - pausedUntil < 0) {
            return pausedUntil;
        }
        return now + bucket.nanosUntilToken(now);
    }

    void pause(long until) {
        if (until - pausedUntil > 0) {
            pausedUntil = until;
        }
    }

    boolean paused(long now) {
        return now - pausedUntil < 0 || (circuitOpen && now - circuitOpenUntil < 0);
    }

    /** The host answered (any status below 500 but 429): its circuit closes. */
    void succeeded() {
        consecutiveFailures = 0;
        circuitOpen = false;
    }

    /** The host failed once more; true when that opened its circuit. */
    boolean failed(long now, int threshold, long openNanos) {
        consecutiveFailures++;
        if (circuitOpen || consecutiveFailures >= threshold) {
            boolean opened = !circuitOpen;
            circuitOpen = true;
            circuitOpenUntil = now + openNanos;
            return opened;
        }
        return false;
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** Whether nothing is going on: the state may be forgotten. */
    boolean idle() {
        return waiting.isEmpty()
                && active == 0
                && !resolving
                && !wakeScheduled
                && policies.values().stream().noneMatch(OriginPolicy::loading);
    }
}
