package org.ccpairs.jobs.linkcheck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.testing.StaticResolver;
import org.ccpairs.localstack.web.ImageHosts;

/**
 * A {@link LinkChecker} against {@link ImageHosts}: every host name the test routes goes to the
 * loopback server through the test endpoints; other names resolve through fixed answers only. Short
 * timeouts, no rate limit and fast retries unless the test sets them.
 */
final class CheckerFixture implements AutoCloseable {
    final ImageHosts hosts;
    final LinkChecker checker;
    final Events events = new Events();

    /** What the checker reported. */
    static final class Events implements LinkCheckListener {
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger policyRequests = new AtomicInteger();
        final AtomicInteger throttled = new AtomicInteger();
        final AtomicInteger pauses = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();
        final AtomicInteger circuitsOpened = new AtomicInteger();
        final AtomicInteger cacheHits = new AtomicInteger();
        final AtomicInteger cacheMisses = new AtomicInteger();
        final List<Long> latencies = new CopyOnWriteArrayList<>();

        /** When each request left the checker, by host: image checks and policy files apart. */
        final Map<String, List<Long>> imagesSentAt = new java.util.concurrent.ConcurrentHashMap<>();

        final Map<String, List<Long>> allSentAt = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void requestSent(String host, boolean policyFile) {
            long now = System.nanoTime();
            allSentAt.computeIfAbsent(host, h -> new CopyOnWriteArrayList<>()).add(now);
            if (!policyFile) {
                imagesSentAt.computeIfAbsent(host, h -> new CopyOnWriteArrayList<>()).add(now);
            }
            requests.incrementAndGet();
            if (policyFile) {
                policyRequests.incrementAndGet();
            }
        }

        @Override
        public void answered(long latencyNanos) {
            latencies.add(latencyNanos);
        }

        @Override
        public void throttled() {
            throttled.incrementAndGet();
        }

        @Override
        public void hostPaused(String host) {
            pauses.incrementAndGet();
        }

        @Override
        public void retried() {
            retries.incrementAndGet();
        }

        @Override
        public void circuitOpened(String host) {
            circuitsOpened.incrementAndGet();
        }

        @Override
        public void cacheHit() {
            cacheHits.incrementAndGet();
        }

        @Override
        public void cacheMiss() {
            cacheMisses.incrementAndGet();
        }
    }

    CheckerFixture(ImageHosts hosts, Map<String, String> dns, Consumer<Configuration> settings) {
        this.hosts = hosts;
        Configuration conf = baseConfiguration();
        conf.set(LinkCheckOptions.TESTING_ENDPOINTS, endpoints(hosts));
        settings.accept(conf);
        this.checker =
                new LinkChecker(LinkCheckSettings.from(conf), StaticResolver.of(dns), events);
    }

    /** Names ending in {@code .test} go to the server; others only through the DNS answers. */
    static List<String> endpoints(ImageHosts hosts) {
        List<String> rules = new ArrayList<>();
        rules.add(hosts.endpointFor("*.test"));
        return rules;
    }

    static Configuration baseConfiguration() {
        Configuration conf = new Configuration();
        conf.set(LinkCheckOptions.CONNECT_TIMEOUT, Duration.ofSeconds(2));
        conf.set(LinkCheckOptions.RESPONSE_TIMEOUT, Duration.ofSeconds(2));
        conf.set(LinkCheckOptions.CHECK_TIMEOUT, Duration.ofSeconds(30));
        conf.set(LinkCheckOptions.RETRY_BACKOFF, Duration.ofMillis(50));
        conf.set(LinkCheckOptions.HOST_RATE, 0.0);
        conf.set(LinkCheckOptions.HOST_MAX_CONCURRENT, 8);
        return conf;
    }

    LinkCheck check(String url) throws Exception {
        return checker.check(url).result().get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        checker.close();
    }
}
