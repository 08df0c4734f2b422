package org.ccpairs.jobs.linkcheck;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.ccpairs.jobs.JobOptions;
import org.ccpairs.jobs.filter.FilterOptions;
import org.ccpairs.jobs.linkcheck.LinkCheckOptions.Probe;

/**
 * The link checker's settings, read once from the {@code linkcheck.*} options and shipped to the
 * tasks. See {@link LinkCheckOptions} for what each one means.
 *
 * @param agents our product token first, then {@code linkcheck.opt-out-agents}
 * @param allowedFormats image formats kept ({@code filter.url.allowed-extensions}), applied to the
 *     format served ({@link ImageFormats})
 */
public record LinkCheckSettings(
        String userAgent,
        List<String> agents,
        int capacity,
        int maxRequests,
        Duration checkTimeout,
        Duration connectTimeout,
        Duration responseTimeout,
        int maxAttempts,
        Duration retryBackoff,
        int maxRedirects,
        Probe probe,
        int sniffBytes,
        int minImageSide,
        long maxContentLength,
        Set<Integer> allowedPorts,
        int hostMaxConcurrent,
        double hostRate,
        int hostBurst,
        int hostMaxQueued,
        Duration hostBackoff,
        Duration hostMaxRetryAfter,
        int hostFailureThreshold,
        Duration hostCircuitOpenTime,
        int maxHosts,
        boolean robots,
        Duration maxCrawlDelay,
        boolean aiTxt,
        boolean tdmRep,
        Duration policyTtl,
        Duration cacheTtl,
        int cacheMaxEntries,
        int dnsThreads,
        Duration dnsCacheTtl,
        TestEndpoints testEndpoints,
        boolean allowLoopback,
        boolean contentHash,
        long maxImageBytes,
        Set<String> allowedFormats)
        implements Serializable {

    public LinkCheckSettings {
        agents = List.copyOf(agents);
        allowedPorts = Set.copyOf(allowedPorts);
        allowedFormats = Set.copyOf(allowedFormats);
    }

    /**
     * @throws IllegalArgumentException naming the setting when a value is out of range
     */
    public static LinkCheckSettings from(Configuration conf) {
        String userAgent = conf.get(JobOptions.HTTP_USER_AGENT);
        List<String> agents = new ArrayList<>();
        agents.add(productToken(userAgent));
        for (String a : conf.get(LinkCheckOptions.OPT_OUT_AGENTS)) {
            if (!a.isBlank() && agents.stream().noneMatch(x -> x.equalsIgnoreCase(a.strip()))) {
                agents.add(a.strip());
            }
        }
        LinkCheckSettings s =
                new LinkCheckSettings(
                        userAgent,
                        agents,
                        conf.get(LinkCheckOptions.CAPACITY),
                        conf.get(LinkCheckOptions.MAX_REQUESTS),
                        conf.get(LinkCheckOptions.CHECK_TIMEOUT),
                        conf.get(LinkCheckOptions.CONNECT_TIMEOUT),
                        conf.get(LinkCheckOptions.RESPONSE_TIMEOUT),
                        conf.get(LinkCheckOptions.MAX_ATTEMPTS),
                        conf.get(LinkCheckOptions.RETRY_BACKOFF),
                        conf.get(LinkCheckOptions.MAX_REDIRECTS),
                        conf.get(LinkCheckOptions.PROBE),
                        (int) Math.min(1 << 24, conf.get(LinkCheckOptions.SNIFF_BYTES).getBytes()),
                        conf.get(LinkCheckOptions.MIN_IMAGE_SIDE),
                        conf.get(LinkCheckOptions.MAX_CONTENT_LENGTH).getBytes(),
                        Set.copyOf(conf.get(LinkCheckOptions.ALLOWED_PORTS)),
                        conf.get(LinkCheckOptions.HOST_MAX_CONCURRENT),
                        conf.get(LinkCheckOptions.HOST_RATE),
                        conf.get(LinkCheckOptions.HOST_BURST),
                        conf.get(LinkCheckOptions.HOST_MAX_QUEUED),
                        conf.get(LinkCheckOptions.HOST_BACKOFF),
                        conf.get(LinkCheckOptions.HOST_MAX_RETRY_AFTER),
                        conf.get(LinkCheckOptions.HOST_FAILURE_THRESHOLD),
                        conf.get(LinkCheckOptions.HOST_CIRCUIT_OPEN_TIME),
                        conf.get(LinkCheckOptions.MAX_HOSTS),
                        conf.get(LinkCheckOptions.ROBOTS_ENABLED),
                        conf.get(LinkCheckOptions.ROBOTS_MAX_CRAWL_DELAY),
                        conf.get(LinkCheckOptions.AI_TXT_ENABLED),
                        conf.get(LinkCheckOptions.TDMREP_ENABLED),
                        conf.get(LinkCheckOptions.POLICY_TTL),
                        conf.get(LinkCheckOptions.CACHE_TTL),
                        conf.get(LinkCheckOptions.CACHE_MAX_ENTRIES),
                        conf.get(LinkCheckOptions.DNS_THREADS),
                        conf.get(LinkCheckOptions.DNS_CACHE_TTL),
                        conf.getOptional(LinkCheckOptions.TESTING_ENDPOINTS)
                                .map(TestEndpoints::parse)
                                .orElse(TestEndpoints.none()),
                        conf.get(LinkCheckOptions.TESTING_ALLOW_LOOPBACK),
                        conf.get(LinkCheckOptions.CONTENT_HASH),
                        conf.get(LinkCheckOptions.MAX_IMAGE_BYTES).getBytes(),
                        conf.get(FilterOptions.URL_ALLOWED_EXTENSIONS).stream()
                                .map(ImageFormats::canonical)
                                .collect(Collectors.toSet()));
        s.validate();
        return s;
    }

    /** The settings with every default, for tests and tools. */
    public static LinkCheckSettings defaults() {
        return from(new Configuration());
    }

    /**
     * The first token of a User-Agent, e.g. {@code ccpairs} of {@code ccpairs/0.1 (+https://...)}:
     * the name robots.txt groups and X-Robots-Tag scopes use.
     */
    static String productToken(String userAgent) {
        String token = userAgent.strip().split("[/\\s;(]", 2)[0];
        return token.isEmpty() ? "ccpairs" : token.toLowerCase(Locale.ROOT);
    }

    private void validate() {
        positive(LinkCheckOptions.CAPACITY.key(), capacity);
        positive(LinkCheckOptions.MAX_REQUESTS.key(), maxRequests);
        positive(LinkCheckOptions.MAX_ATTEMPTS.key(), maxAttempts);
        positive(LinkCheckOptions.HOST_MAX_CONCURRENT.key(), hostMaxConcurrent);
        positive(LinkCheckOptions.HOST_BURST.key(), hostBurst);
        positive(LinkCheckOptions.HOST_MAX_QUEUED.key(), hostMaxQueued);
        positive(LinkCheckOptions.HOST_FAILURE_THRESHOLD.key(), hostFailureThreshold);
        positive(LinkCheckOptions.MAX_HOSTS.key(), maxHosts);
        positive(LinkCheckOptions.CACHE_MAX_ENTRIES.key(), cacheMaxEntries);
        positive(LinkCheckOptions.DNS_THREADS.key(), dnsThreads);
        positive(LinkCheckOptions.SNIFF_BYTES.key(), sniffBytes);
        positive(LinkCheckOptions.MAX_IMAGE_BYTES.key(), maxImageBytes);
        if (maxRedirects < 0) {
            throw new IllegalArgumentException(
                    "'" + LinkCheckOptions.MAX_REDIRECTS.key() + "' must not be negative");
        }
        if (hostRate < 0 || Double.isNaN(hostRate)) {
            throw new IllegalArgumentException(
                    "'"
                            + LinkCheckOptions.HOST_RATE.key()
                            + "' must be 0 (no limit) or positive, got "
                            + hostRate);
        }
        if (checkTimeout.compareTo(connectTimeout.plus(responseTimeout)) < 0) {
            throw new IllegalArgumentException(
                    "'"
                            + LinkCheckOptions.CHECK_TIMEOUT.key()
                            + "' ("
                            + checkTimeout
                            + ") must be at least connect + response timeout, or no request could"
                            + " ever finish");
        }
        if (allowedPorts.isEmpty()) {
            throw new IllegalArgumentException(
                    "'" + LinkCheckOptions.ALLOWED_PORTS.key() + "' lists no port");
        }
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("'" + key + "' must be positive, got " + value);
        }
    }

    /** Whether any test-only setting is on (the checker then logs a loud warning). */
    public boolean testMode() {
        return allowLoopback || !testEndpoints.isEmpty();
    }
}
