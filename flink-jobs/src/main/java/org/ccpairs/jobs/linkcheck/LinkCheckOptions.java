package org.ccpairs.jobs.linkcheck;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/**
 * Settings of the link-check stage (docs/linkcheck.md). The User-Agent is {@code http.user-agent}
 * ({@link org.ccpairs.jobs.JobOptions#HTTP_USER_AGENT}); its product token is always one of the
 * agents whose opt-outs are honoured.
 */
public final class LinkCheckOptions {
    /** How the checker asks for an image. */
    public enum Probe {
        /** HEAD; a ranged GET only when HEAD is refused or its answer does not show an image. */
        HEAD,
        /** HEAD, then a ranged GET of every image to read its real format and size. */
        HEAD_AND_SNIFF,
        /** One ranged GET per image, which tells everything HEAD does and the real format. */
        SNIFF
    }

    public static final ConfigOption<Boolean> ENABLED =
            ConfigOptions.key("linkcheck.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Check that every new pair's image URL answers with an image before the"
                                    + " pair is published. Off: pairs are published unchecked and"
                                    + " their link_* fields are null.");

    public static final ConfigOption<Integer> CAPACITY =
            ConfigOptions.key("linkcheck.capacity")
                    .intType()
                    .defaultValue(10_000)
                    .withDescription(
                            "Pairs one subtask of the stage holds at once (the async operator's"
                                + " capacity): being checked, waiting for their host's turn, or"
                                + " checked and waiting for an earlier segment to complete. When"
                                + " full, the stage backpressures. Larger than"
                                + " linkcheck.max-requests so that a slow host's queue does not"
                                + " stall the others.");

    public static final ConfigOption<Integer> MAX_REQUESTS =
            ConfigOptions.key("linkcheck.max-requests")
                    .intType()
                    .defaultValue(1_000)
                    .withDescription(
                            "HTTP requests in flight at once per subtask, over all hosts (also the"
                                    + " size of the connection pool).");

    public static final ConfigOption<Duration> CHECK_TIMEOUT =
            ConfigOptions.key("linkcheck.check-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(2))
                    .withDescription(
                            "Longest time one check may take, waiting for its host included. Then"
                                + " it ends TIMEOUT (a request was sent) or HOST_BACKLOG (its host"
                                + " never had a free slot) and the job goes on.");

    public static final ConfigOption<Duration> CONNECT_TIMEOUT =
            ConfigOptions.key("linkcheck.connect-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription("Longest time to open a connection (and the TLS handshake).");

    public static final ConfigOption<Duration> RESPONSE_TIMEOUT =
            ConfigOptions.key("linkcheck.response-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "Longest wait for an answer, and between two packets of it; then the"
                                    + " request ends TIMEOUT.");

    public static final ConfigOption<Integer> MAX_ATTEMPTS =
            ConfigOptions.key("linkcheck.max-attempts")
                    .intType()
                    .defaultValue(3)
                    .withDescription(
                            "Tries per check for transient outcomes (timeouts, 5xx, 429, broken"
                                    + " connections); other outcomes are never retried.");

    public static final ConfigOption<Duration> RETRY_BACKOFF =
            ConfigOptions.key("linkcheck.retry-backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(2))
                    .withDescription("Wait before the first retry; doubled for each further one.");

    public static final ConfigOption<Integer> MAX_REDIRECTS =
            ConfigOptions.key("linkcheck.max-redirects")
                    .intType()
                    .defaultValue(5)
                    .withDescription(
                            "Redirects followed per check; every hop passes the address guard and"
                                + " the opt-out policy of its host. More end TOO_MANY_REDIRECTS.");

    public static final ConfigOption<Probe> PROBE =
            ConfigOptions.key("linkcheck.probe")
                    .enumType(Probe.class)
                    .defaultValue(Probe.HEAD)
                    .withDescription(
                            "HEAD: a HEAD request, and a ranged GET only when HEAD is refused (405,"
                                + " 501, 400, 403) or does not answer with an image type."
                                + " HEAD_AND_SNIFF: also a ranged GET of every image, to record its"
                                + " real format and size (two requests per image). SNIFF: one"
                                + " ranged GET per image.");

    public static final ConfigOption<MemorySize> SNIFF_BYTES =
            ConfigOptions.key("linkcheck.sniff-bytes")
                    .memoryType()
                    .defaultValue(MemorySize.parse("16kb"))
                    .withDescription(
                            "Bytes a ranged GET asks for (Range: bytes=0-N) to sniff the format"
                                    + " and size; a server that ignores the range is cut off after"
                                    + " them.");

    public static final ConfigOption<Integer> MIN_IMAGE_SIDE =
            ConfigOptions.key("linkcheck.min-image-side")
                    .intType()
                    .defaultValue(10)
                    .withDescription(
                            "A sniffed image narrower or lower than this many pixels ends TOO_SMALL"
                                    + " (tracking pixels, spacers). Only applies when bytes were"
                                    + " read.");

    public static final ConfigOption<MemorySize> MAX_CONTENT_LENGTH =
            ConfigOptions.key("linkcheck.max-content-length")
                    .memoryType()
                    .defaultValue(MemorySize.parse("50mb"))
                    .withDescription("An image whose server declares more bytes ends TOO_LARGE.");

    public static final ConfigOption<Boolean> CONTENT_HASH =
            ConfigOptions.key("linkcheck.content-hash")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Read every image whole (one plain GET instead of HEAD or a ranged GET)"
                                + " and store the SHA-256 and MD5 of its bytes on the pair"
                                + " (link_image_sha256, link_image_md5), so that safety lists'"
                                + " IMAGE_SHA256 and IMAGE_MD5 entries can match it. Off by default"
                                + " because it moves the whole image, typically 100 KB to a few MB,"
                                + " where HEAD moves a few hundred bytes: hundreds of times the"
                                + " bandwidth for us and the image hosts. Required when a start-up"
                                + " safety list holds IMAGE_* entries (the start fails otherwise);"
                                + " while it is off, pairs are rejected as IMAGE_NOT_HASHED once a"
                                + " live update adds such entries.");

    public static final ConfigOption<MemorySize> MAX_IMAGE_BYTES =
            ConfigOptions.key("linkcheck.max-image-bytes")
                    .memoryType()
                    .defaultValue(MemorySize.parse("16mb"))
                    .withDescription(
                            "With linkcheck.content-hash: the longest image read and hashed. A"
                                    + " longer one (declared or as it streams) ends TOO_LARGE: an"
                                    + " image that cannot be hashed cannot be checked against"
                                    + " image hash lists, so it is not published.");

    public static final ConfigOption<List<Integer>> ALLOWED_PORTS =
            ConfigOptions.key("linkcheck.allowed-ports")
                    .intType()
                    .asList()
                    .defaultValues(80, 443, 8080, 8443)
                    .withDescription(
                            "Ports image URLs (and redirects) may use; others end BLOCKED_PORT"
                                    + " without a request.");

    public static final ConfigOption<Integer> HOST_MAX_CONCURRENT =
            ConfigOptions.key("linkcheck.host.max-concurrent-requests")
                    .intType()
                    .defaultValue(4)
                    .withDescription(
                            "Requests in flight at once to one host name. Requests are routed by"
                                    + " host (keyBy), so this holds for the whole job, not per"
                                    + " subtask.");

    public static final ConfigOption<Double> HOST_RATE =
            ConfigOptions.key("linkcheck.host.requests-per-second")
                    .doubleType()
                    .defaultValue(8.0)
                    .withDescription(
                            "Sustained requests per second to one host (token bucket); a"
                                    + " robots.txt Crawl-delay lowers it. 0 means no rate limit.");

    public static final ConfigOption<Integer> HOST_BURST =
            ConfigOptions.key("linkcheck.host.burst")
                    .intType()
                    .defaultValue(4)
                    .withDescription("Requests one host may get at once after a quiet spell.");

    public static final ConfigOption<Integer> HOST_MAX_QUEUED =
            ConfigOptions.key("linkcheck.host.max-queued")
                    .intType()
                    .defaultValue(1_000)
                    .withDescription(
                            "Checks that may wait for one host; more end HOST_BACKLOG at once, so"
                                    + " that one busy host cannot fill the stage's capacity.");

    public static final ConfigOption<Duration> HOST_BACKOFF =
            ConfigOptions.key("linkcheck.host.backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "Pause of a host that answered 429 or 503 without a Retry-After.");

    public static final ConfigOption<Duration> HOST_MAX_RETRY_AFTER =
            ConfigOptions.key("linkcheck.host.max-retry-after")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "Longest Retry-After honoured by pausing the host; a check whose host"
                                    + " asks for more ends RATE_LIMITED.");

    public static final ConfigOption<Integer> HOST_FAILURE_THRESHOLD =
            ConfigOptions.key("linkcheck.host.failure-threshold")
                    .intType()
                    .defaultValue(5)
                    .withDescription(
                            "Consecutive failures (timeouts, refused connections, 5xx) that open"
                                    + " a host's circuit: its checks end HOST_UNAVAILABLE without"
                                    + " a request.");

    public static final ConfigOption<Duration> HOST_CIRCUIT_OPEN_TIME =
            ConfigOptions.key("linkcheck.host.circuit-open-time")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "How long a circuit stays open; then one request probes the host and"
                                    + " closes it again if it answers.");

    public static final ConfigOption<Integer> MAX_HOSTS =
            ConfigOptions.key("linkcheck.max-hosts")
                    .intType()
                    .defaultValue(100_000)
                    .withDescription(
                            "Hosts whose politeness state, addresses and policy files a subtask"
                                    + " keeps; the longest idle are forgotten beyond it.");

    public static final ConfigOption<List<String>> OPT_OUT_AGENTS =
            ConfigOptions.key("linkcheck.opt-out-agents")
                    .stringType()
                    .asList()
                    .defaultValues(
                            "CCBot",
                            "GPTBot",
                            "Google-Extended",
                            "ClaudeBot",
                            "anthropic-ai",
                            "img2dataset")
                    .withDescription(
                            "Agents besides our own (the product token of http.user-agent) whose"
                                + " opt-outs we honour: their robots.txt and ai.txt groups, and"
                                + " X-Robots-Tag directives scoped to them. Anything one of them"
                                + " may not fetch, we do not check or publish.");

    public static final ConfigOption<Boolean> ROBOTS_ENABLED =
            ConfigOptions.key("linkcheck.robots.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Fetch each origin's robots.txt and never request what it disallows"
                                    + " (ROBOTS_DISALLOWED); honour its Crawl-delay up to"
                                    + " linkcheck.robots.max-crawl-delay.");

    public static final ConfigOption<Duration> ROBOTS_MAX_CRAWL_DELAY =
            ConfigOptions.key("linkcheck.robots.max-crawl-delay")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "Longest robots.txt Crawl-delay applied to a host's rate; longer"
                                    + " delays are capped at it.");

    public static final ConfigOption<Boolean> AI_TXT_ENABLED =
            ConfigOptions.key("linkcheck.ai-txt.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Fetch each origin's /ai.txt (robots.txt syntax) and skip what it"
                                    + " disallows for our agents (AI_TXT_DISALLOWED).");

    public static final ConfigOption<Boolean> TDMREP_ENABLED =
            ConfigOptions.key("linkcheck.tdmrep.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Fetch each origin's /.well-known/tdmrep.json (W3C TDMRep) and skip"
                                    + " paths with tdm-reservation 1 (TDM_RESERVED).");

    public static final ConfigOption<Duration> POLICY_TTL =
            ConfigOptions.key("linkcheck.policy-ttl")
                    .durationType()
                    .defaultValue(Duration.ofHours(24))
                    .withDescription(
                            "How long an origin's robots.txt, ai.txt and tdmrep.json are kept"
                                    + " before they are fetched again (RFC 9309 asks for at most"
                                    + " 24 hours).");

    public static final ConfigOption<Duration> CACHE_TTL =
            ConfigOptions.key("linkcheck.cache.ttl")
                    .durationType()
                    .defaultValue(Duration.ofHours(24))
                    .withDescription(
                            "How long a check's result is reused for the same URL (logos and"
                                    + " icons on millions of pages cost one request). Transient"
                                    + " outcomes are never reused.");

    public static final ConfigOption<Integer> CACHE_MAX_ENTRIES =
            ConfigOptions.key("linkcheck.cache.max-entries")
                    .intType()
                    .defaultValue(100_000)
                    .withDescription(
                            "Results a subtask keeps (least recently used go first). URLs are"
                                    + " routed by host, so subtasks never hold the same URL.");

    public static final ConfigOption<Integer> DNS_THREADS =
            ConfigOptions.key("linkcheck.dns.threads")
                    .intType()
                    .defaultValue(16)
                    .withDescription(
                            "Threads that run the system resolver, which blocks, so that the"
                                    + " checker never does.");

    public static final ConfigOption<Duration> DNS_CACHE_TTL =
            ConfigOptions.key("linkcheck.dns.cache-ttl")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription(
                            "How long a host's checked addresses are reused. Requests always go to"
                                    + " an address that was checked; there is no second lookup.");

    public static final ConfigOption<List<String>> TESTING_ENDPOINTS =
            ConfigOptions.key("linkcheck.testing.endpoints")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "TEST ONLY, never in production: routes requests for matching hosts to"
                                + " a server on loopback over plain HTTP, trusted past the address"
                                + " guard; logged as a warning. Rules 'pattern=ip:port' separated"
                                + " by ';', pattern a host, '*.domain' or '*', e.g."
                                + " '*=127.0.0.1:8080'. Used by the demo, 'bench linkcheck' and the"
                                + " tests.");

    public static final ConfigOption<Boolean> TESTING_ALLOW_LOOPBACK =
            ConfigOptions.key("linkcheck.testing.allow-loopback")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "TEST ONLY, never in production: let image URLs reach loopback"
                                + " addresses (127.0.0.0/8, ::1), which the SSRF guard otherwise"
                                + " refuses; logged as a warning. Private and link-local addresses"
                                + " stay refused.");

    private LinkCheckOptions() {}
}
