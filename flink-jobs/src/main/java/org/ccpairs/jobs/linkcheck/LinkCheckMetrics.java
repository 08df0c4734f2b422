package org.ccpairs.jobs.linkcheck;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.ccpairs.jobs.metrics.Metrics;

/**
 * The checker's metrics (names in docs/metrics.md), fed from its loop thread; the gauges read the
 * checker's own volatile counts.
 */
final class LinkCheckMetrics implements LinkCheckListener {
    private final Counter requests;
    private final Counter policyRequests;
    private final Histogram latencyMillis;
    private final Counter throttled;
    private final Counter hostPauses;
    private final Counter retries;
    private final Counter circuitsOpened;
    private final Counter cacheHits;
    private final Counter cacheMisses;

    LinkCheckMetrics(MetricGroup operatorGroup) {
        MetricGroup g = Metrics.ccpairs(operatorGroup);
        requests = g.counter("linkcheck_requests", new ThreadSafeSimpleCounter());
        policyRequests = g.counter("linkcheck_policy_requests", new ThreadSafeSimpleCounter());
        latencyMillis =
                g.histogram(
                        "linkcheck_request_latency_ms", new DescriptiveStatisticsHistogram(10_000));
        throttled = g.counter("linkcheck_throttled", new ThreadSafeSimpleCounter());
        hostPauses = g.counter("linkcheck_host_pauses", new ThreadSafeSimpleCounter());
        retries = g.counter("linkcheck_retries", new ThreadSafeSimpleCounter());
        circuitsOpened = g.counter("linkcheck_circuits_opened", new ThreadSafeSimpleCounter());
        cacheHits = g.counter("linkcheck_cache_hits", new ThreadSafeSimpleCounter());
        cacheMisses = g.counter("linkcheck_cache_misses", new ThreadSafeSimpleCounter());
        g.gauge(
                "linkcheck_cache_hit_ratio",
                (Gauge<Double>)
                        () -> {
                            long hits = cacheHits.getCount();
                            long all = hits + cacheMisses.getCount();
                            return all == 0 ? 0.0 : (double) hits / all;
                        });
    }

    /** Registers the gauges that read {@code checker}. */
    void watch(MetricGroup operatorGroup, LinkChecker checker) {
        MetricGroup g = Metrics.ccpairs(operatorGroup);
        g.gauge("linkcheck_requests_in_flight", (Gauge<Integer>) checker::requestsInFlight);
        g.gauge("linkcheck_checks_queued", (Gauge<Integer>) checker::checksQueued);
        g.gauge("linkcheck_hosts", (Gauge<Integer>) checker::hostsTracked);
    }

    @Override
    public void requestSent(String host, boolean policyFile) {
        requests.inc();
        if (policyFile) {
            policyRequests.inc();
        }
    }

    @Override
    public void answered(long latencyNanos) {
        latencyMillis.update(latencyNanos / 1_000_000);
    }

    @Override
    public void throttled() {
        throttled.inc();
    }

    @Override
    public void hostPaused(String host) {
        hostPauses.inc();
    }

    @Override
    public void retried() {
        retries.inc();
    }

    @Override
    public void circuitOpened(String host) {
        circuitsOpened.inc();
    }

    @Override
    public void cacheHit() {
        cacheHits.inc();
    }

    @Override
    public void cacheMiss() {
        cacheMisses.inc();
    }
}
