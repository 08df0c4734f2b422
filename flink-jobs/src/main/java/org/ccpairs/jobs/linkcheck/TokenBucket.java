package org.ccpairs.jobs.linkcheck;

/**
 * A host's request rate: up to {@code burst} requests at once, then {@code perSecond} on average.
 * Time is passed in (nanoseconds of any monotonic clock) so that tests control it. Not thread-safe;
 * the checker uses it on its loop thread only.
 */
final class TokenBucket {
    private double perSecond;
    private final double burst;
    private double tokens;
    private long lastNanos;

    /**
     * @param perSecond sustained rate; 0 or less means unlimited
     * @param burst how many requests may go at once after a quiet spell (at least 1)
     */
    TokenBucket(double perSecond, int burst, long nowNanos) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.lastNanos = nowNanos;
    }

    /** Lowers the rate, e.g. to a robots.txt Crawl-delay; never raises it. */
    void limitTo(double maxPerSecond) {
        if (maxPerSecond > 0 && (perSecond <= 0 || maxPerSecond < perSecond)) {
            refill(lastNanos);
            perSecond = maxPerSecond;
            tokens = Math.min(tokens, 1);
        }
    }

    double perSecond() {
        return perSecond;
    }

    /** Takes a token if one is there. */
    boolean tryTake(long nowNanos) {
        if (perSecond <= 0) {
            return true;
        }
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** How long until {@link #tryTake} can succeed; 0 when it can now. */
    long nanosUntilToken(long nowNanos) {
        if (perSecond <= 0) {
            return 0;
        }
        refill(nowNanos);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perSecond * 1e9);
    }

    private void refill(long nowNanos) {
        if (nowNanos > lastNanos) {
            tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * perSecond / 1e9);
            lastNanos = nowNanos;
        }
    }
}
