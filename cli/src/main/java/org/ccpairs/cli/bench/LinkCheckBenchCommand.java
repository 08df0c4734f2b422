package org.ccpairs.cli.bench;

import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.OutputTag;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.dedup.PairIdentity;
import org.ccpairs.jobs.linkcheck.HostResolver;
import org.ccpairs.jobs.linkcheck.LinkCheckOptions;
import org.ccpairs.jobs.linkcheck.LinkCheckSettings;
import org.ccpairs.jobs.linkcheck.LinkCheckStage;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RejectionRecord;
import org.ccpairs.localstack.web.ImageHosts;
import org.ccpairs.localstack.web.ImageHosts.Answer;
import org.ccpairs.localstack.web.TestImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ccpairs bench linkcheck}: the link-check stage as the job runs it ({@link LinkCheckStage}:
 * keyed by host, async I/O, politeness) on a Flink MiniCluster, against a farm of distinct host
 * names on loopback that all answer after an injected latency. The ideal rate is what the async
 * capacity allows at that latency ({@code capacity ÷ latency}); the efficiency is the rate achieved
 * over it. The servers count how many requests each host had open at once, which must never exceed
 * the per-host limit.
 */
@Command(
        name = "linkcheck",
        mixinStandardHelpOptions = true,
        description = {
            "Run the link-check stage on a local Flink cluster over URLs spread across a farm of"
                    + " host names on loopback (each answer delayed by --latency) and compare the"
                    + " rate achieved with capacity / latency.",
            "The last line is: linkcheck_efficiency=<achieved / (capacity / latency)>"
                    + " checks_per_s=<n> max_host_concurrency=<seen at the servers>"
                    + " limit=<configured>."
        })
public final class LinkCheckBenchCommand implements Callable<Integer> {
    private static final Set<String> POLICY_FILES =
            Set.of("/robots.txt", "/ai.txt", "/.well-known/tdmrep.json");

    @Option(
            names = "--hosts",
            defaultValue = "200",
            description = "Distinct host names. Default: ${DEFAULT-VALUE}.")
    int hosts;

    @Option(
            names = "--urls",
            defaultValue = "50000",
            description = "Distinct image URLs checked. Default: ${DEFAULT-VALUE}.")
    int urls;

    @Option(
            names = "--warmup-urls",
            defaultValue = "20000",
            description =
                    "URLs (other than the measured ones) checked by a first job whose numbers are"
                            + " not counted, so that the measured one runs on compiled code, as"
                            + " an always-on checker does. Default: ${DEFAULT-VALUE}.")
    int warmupUrls;

    @Option(
            names = "--latency",
            defaultValue = "50ms",
            description = "Delay of every answer at the servers. Default: ${DEFAULT-VALUE}.")
    Duration latency;

    @Option(
            names = "--capacity",
            defaultValue = "1000",
            description =
                    "Async capacity (linkcheck.capacity, and linkcheck.max-requests). Default:"
                            + " ${DEFAULT-VALUE}.")
    int capacity;

    @Option(
            names = "--host-limit",
            defaultValue = "8",
            description =
                    "Requests one host may have open at once"
                            + " (linkcheck.host.max-concurrent-requests). Default:"
                            + " ${DEFAULT-VALUE}.")
    int hostLimit;

    @Option(
            names = "--host-rate",
            defaultValue = "0",
            description =
                    "Requests per second per host (linkcheck.host.requests-per-second), 0 for no"
                            + " rate limit. Default: ${DEFAULT-VALUE}.")
    double hostRate;

    @Option(
            names = "--probe",
            defaultValue = "HEAD",
            description = "HEAD or GET (linkcheck.probe). Default: ${DEFAULT-VALUE}.")
    String probe;

    /** Results seen by the sink: the MiniCluster runs in this JVM. */
    static final AtomicLong RESULTS = new AtomicLong();

    static final AtomicLong FIRST_NANOS = new AtomicLong();
    static final AtomicLong LAST_NANOS = new AtomicLong();

    /** CPU time of this process (checker, farm, Flink) at the first URL and the last answer. */
    static final AtomicLong FIRST_CPU_NANOS = new AtomicLong();

    static final AtomicLong LAST_CPU_NANOS = new AtomicLong();

    static volatile long expected;
    static final Map<String, Long> REJECTIONS = new ConcurrentHashMap<>();
    private static final OutputTag<RejectionRecord> REJECTED = new OutputTag<>("rejections") {};

    @Override
    public Integer call() throws Exception {
        if (hosts < 1 || urls < 1 || capacity < 1 || hostLimit < 1) {
            throw new IllegalArgumentException(
                    "--hosts, --urls, --capacity and --host-limit must be at least 1");
        }
        if (latency.isNegative() || latency.isZero()) {
            throw new IllegalArgumentException("--latency must be positive");
        }
        byte[] png = TestImages.png(320, 240);
        try (ImageHosts farm = ImageHosts.start().keepRequests(false)) {
            Answer image = Answer.image(png, "image/png").delay(latency);
            Answer noPolicy = Answer.status(404).delay(latency);
            farm.fallback(r -> POLICY_FILES.contains(r.path()) ? noPolicy : image);

            Configuration conf = new Configuration();
            conf.set(LinkCheckOptions.TESTING_ENDPOINTS, List.of(farm.everyHost()));
            conf.set(LinkCheckOptions.CAPACITY, capacity);
            conf.set(LinkCheckOptions.MAX_REQUESTS, capacity);
            conf.set(LinkCheckOptions.HOST_MAX_CONCURRENT, hostLimit);
            conf.set(LinkCheckOptions.HOST_RATE, hostRate);
            conf.set(
                    LinkCheckOptions.PROBE,
                    LinkCheckOptions.Probe.valueOf(probe.toUpperCase(Locale.ROOT)));
            conf.set(CoreOptions.DEFAULT_PARALLELISM, 1);
            conf.set(PipelineOptions.GENERIC_TYPES, false);

            System.out.printf(
                    "farm: %d host names on 127.0.0.1:%d, answers after %d ms; %d URLs; capacity"
                            + " %d, per-host limit %d, per-host rate %s, probe %s%n",
                    hosts,
                    farm.port(),
                    latency.toMillis(),
                    urls,
                    capacity,
                    hostLimit,
                    hostRate <= 0 ? "unlimited" : hostRate + "/s",
                    probe);

            if (warmupUrls > 0) {
                job(conf, urls, warmupUrls).execute("bench linkcheck warm-up");
                System.out.printf(
                        "warm-up: %d other URLs checked first (%d OK), not counted%n",
                        warmupUrls, RESULTS.get());
            }
            long requestsBefore = farm.received();
            StreamExecutionEnvironment env = job(conf, 0, urls);
            long started = System.nanoTime();
            FIRST_NANOS.set(0);
            env.execute("bench linkcheck");
            long wall = System.nanoTime() - started;

            long ok = RESULTS.get();
            double seconds = (LAST_NANOS.get() - FIRST_NANOS.get()) / 1e9;
            long cpu =
                    (LAST_CPU_NANOS.get() == 0 ? processCpuNanos() : LAST_CPU_NANOS.get())
                            - FIRST_CPU_NANOS.get();
            double checksPerSecond = ok / seconds;
            double ideal = capacity / (latency.toNanos() / 1e9);
            System.out.printf(
                    "checked %d URLs (%d OK) in %.2f s from the first URL to the last answer (job"
                            + " %.1f s with start-up); %d requests at the servers (incl. policy"
                            + " files), %d hosts seen; ideal %.0f checks/s%n",
                    urls,
                    ok,
                    seconds,
                    wall / 1e9,
                    farm.received() - requestsBefore,
                    farm.hostsSeen(),
                    ideal);
            // what limits the rate on a small machine: every check costs CPU in the checker, in
            // Flink, and in the farm (which, unlike real image hosts, runs on the same cores)
            System.out.printf(
                    Locale.ROOT,
                    "cpu: %.1f s of process CPU time in that interval on %d cores, %.0f µs per"
                            + " check (checker, Flink and the farm together)%n",
                    cpu / 1e9,
                    Runtime.getRuntime().availableProcessors(),
                    cpu / 1e3 / Math.max(1, ok));
            if (ok != urls) {
                System.out.println(
                        "NOT every URL answered OK (the farm answers every image): "
                                + new TreeMap<>(REJECTIONS));
            }
            System.out.printf(
                    "linkcheck_efficiency=%.3f checks_per_s=%.0f max_host_concurrency=%d"
                            + " limit=%d%n",
                    checksPerSecond / ideal,
                    checksPerSecond,
                    farm.maxConcurrencyOfAnyHost(),
                    hostLimit);
            return ok == urls && farm.maxConcurrencyOfAnyHost() <= hostLimit ? 0 : 1;
        }
    }

    /**
     * A job that checks URLs {@code first} to {@code first + count - 1} and counts the answers in
     * {@link #RESULTS} (reset), timing them from the first URL to the last answer.
     */
    private StreamExecutionEnvironment job(Configuration conf, long first, int count) {
        RESULTS.set(0);
        REJECTIONS.clear();
        expected = count;
        LAST_CPU_NANOS.set(0);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        FIRST_NANOS.set(0);
        int hostCount = hosts;
        DataStream<Pair> pairs =
                env.fromSequence(first, first + count - 1)
                        .map(
                                i -> {
                                    if (i == first) {
                                        FIRST_NANOS.compareAndSet(0, System.nanoTime());
                                        FIRST_CPU_NANOS.set(processCpuNanos());
                                    }
                                    return pair(i, hostCount);
                                })
                        .returns(TypeInformation.of(Pair.class))
                        .name("urls");
        SingleOutputStreamOperator<Pair> checked =
                LinkCheckStage.apply(
                        pairs,
                        LinkCheckSettings.from(conf),
                        LinkCheckBenchCommand::noDns,
                        REJECTED,
                        new RejectionSampler(1));
        checked.getSideOutput(REJECTED)
                .map(new CountReason())
                .returns(TypeInformation.of(RejectionRecord.class))
                .name("count rejections")
                .sinkTo(new DiscardingSink<>());
        // only OK results pass the stage's router: count them and note the last one's time
        checked.map(new Count())
                .returns(TypeInformation.of(Pair.class))
                .name("count")
                .sinkTo(new DiscardingSink<>());
        return env;
    }

    /** URL {@code i}, on host {@code i mod hosts} after a shuffle, so hosts interleave. */
    static Pair pair(long i, int hosts) {
        long mixed = (i * 0x9E3779B97F4A7C15L) >>> 1;
        // as "http://img-%03d.bench.example/i/%d.png", without the formatter's cost per URL
        String host = Long.toString(mixed % hosts);
        String url =
                "http://img-"
                        + "000".substring(Math.min(3, host.length()))
                        + host
                        + ".bench.example/i/"
                        + i
                        + ".png";
        String caption = "benchmark image " + i;
        PairIdentity identity = new PairIdentity();
        String id = identity.pairId(identity.normalizeUrl(url), caption);
        return new Pair(
                id,
                PairIdentity.dedupKey(id),
                url,
                caption,
                "http://pages.bench.example/" + i,
                "CC-BENCH",
                "bench",
                1,
                "file:///bench.warc.gz",
                i,
                "<urn:uuid:bench-" + i + ">",
                null,
                null,
                null);
    }

    /** The farm's names are routed by the test endpoints; nothing may reach DNS. */
    private static HostResolver noDns() {
        return host -> CompletableFuture.failedFuture(new UnknownHostException(host));
    }

    /** Counts the rejections by reason and detail. */
    private static final class CountReason
            implements MapFunction<RejectionRecord, RejectionRecord> {
        @Override
        public RejectionRecord map(RejectionRecord r) {
            REJECTIONS.merge(r.reason() + " (" + r.detail() + ")", 1L, Long::sum);
            return r;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Counts the results and notes when the last one arrived. */
    private static final class Count implements MapFunction<Pair, Pair> {
        @Override
        public Pair map(Pair pair) {
            LAST_NANOS.set(System.nanoTime());
            if (RESULTS.incrementAndGet() == expected) {
                LAST_CPU_NANOS.set(processCpuNanos());
            }
            return pair;
        }
    }
}
