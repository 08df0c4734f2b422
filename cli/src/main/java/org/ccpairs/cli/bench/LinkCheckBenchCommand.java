package org.ccpairs.cli.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
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
            names = "--warmup",
            defaultValue = "120s",
            description =
                    "Longest warm-up before the measured URLs: checks run (not counted) until the"
                            + " JIT compiler is quiet (it compiled for less than 3%% of the last"
                            + " five seconds), so that the measured ones run on compiled code, as"
                            + " an always-on checker does; then --urls more are measured. 0s to"
                            + " measure from the start. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

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

    /** OK results seen by the sink so far: the MiniCluster runs in this JVM. */
    static final AtomicLong RESULTS = new AtomicLong();

    /** The result counts opening and closing the measured window; set before they are reached. */
    static volatile long windowFirst = Long.MAX_VALUE;

    static volatile long windowLast = Long.MAX_VALUE;

    /** Wall and process CPU time (checker, farm, Flink) when the window opened and closed. */
    static final AtomicLong FIRST_NANOS = new AtomicLong();

    static final AtomicLong FIRST_CPU_NANOS = new AtomicLong();
    static final AtomicLong LAST_NANOS = new AtomicLong();
    static final AtomicLong LAST_CPU_NANOS = new AtomicLong();

    static final Map<String, Long> REJECTIONS = new ConcurrentHashMap<>();
    private static final OutputTag<RejectionRecord> REJECTED = new OutputTag<>("rejections") {};
    private static final Duration JIT_WINDOW = Duration.ofSeconds(5);

    @Override
    public Integer call() throws Exception {
        if (hosts < 1 || urls < 1 || capacity < 1 || hostLimit < 1) {
            throw new IllegalArgumentException(
                    "--hosts, --urls, --capacity and --host-limit must be at least 1");
        }
        if (latency.isNegative() || latency.isZero()) {
            throw new IllegalArgumentException("--latency must be positive");
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("--warmup must not be negative");
        }
        byte[] png = TestImages.png(320, 240);
        Configuration conf = new Configuration();
        // any free port: the default 8081 may be taken (another bench, a Flink cluster)
        conf.set(RestOptions.BIND_PORT, "0");
        try (ImageFarm farm = new ImageFarm(png, POLICY_FILES, latency);
                MiniCluster cluster =
                        new MiniCluster(
                                new MiniClusterConfiguration.Builder()
                                        .setConfiguration(conf)
                                        .setNumTaskManagers(1)
                                        .setNumSlotsPerTaskManager(1)
                                        .build())) {
            cluster.start();
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
                    "farm: %d host names on 127.0.0.1:%d, answers after %d ms; %d URLs measured;"
                            + " capacity %d, per-host limit %d, per-host rate %s, probe %s%n",
                    hosts,
                    farm.port(),
                    latency.toMillis(),
                    urls,
                    capacity,
                    hostLimit,
                    hostRate <= 0 ? "unlimited" : hostRate + "/s",
                    probe);

            RESULTS.set(0);
            REJECTIONS.clear();
            windowFirst = Long.MAX_VALUE;
            windowLast = Long.MAX_VALUE;
            FIRST_NANOS.set(0);
            LAST_NANOS.set(0);
            JobID job =
                    cluster.submitJob(job(conf).getStreamGraph().getJobGraph()).get().getJobID();
            try {
                warmUp(cluster, job);
                // the window opens at a result still to come, so that both of its ends are
                // noted by the sink as they pass
                long first = RESULTS.get() + 1 + capacity;
                windowLast = first + urls;
                windowFirst = first;
                if (RESULTS.get() >= first) {
                    throw new IllegalStateException("the measured window opened before it was set");
                }
                // a checker that stalls fails the bench instead of hanging it
                long deadline =
                        System.nanoTime()
                                + Math.max(
                                        TimeUnit.MINUTES.toNanos(1),
                                        100 * (long) urls * latency.toNanos() / capacity);
                while (LAST_NANOS.get() == 0) {
                    running(cluster, job);
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "only "
                                        + (RESULTS.get() - first)
                                        + " of the "
                                        + urls
                                        + " measured checks answered OK in time");
                    }
                    Thread.sleep(10);
                }
                report(farm);
            } finally {
                cluster.cancelJob(job).get();
            }
            boolean allOk = REJECTIONS.isEmpty();
            if (!allOk) {
                System.out.println(
                        "NOT every URL answered OK (the farm answers every image): "
                                + new TreeMap<>(REJECTIONS));
            }
            return allOk && farm.maxConcurrencyOfAnyHost() <= hostLimit ? 0 : 1;
        }
    }

    private void report(ImageFarm farm) {
        double seconds = (LAST_NANOS.get() - FIRST_NANOS.get()) / 1e9;
        long cpu = LAST_CPU_NANOS.get() - FIRST_CPU_NANOS.get();
        double checksPerSecond = urls / seconds;
        double ideal = capacity / (latency.toNanos() / 1e9);
        System.out.printf(
                Locale.ROOT,
                "measured: %d checks answered OK in %.2f s; %d requests reached the servers"
                        + " in the whole run, for %d checks answered (HEAD: one per check, plus"
                        + " the policy files of %d hosts); ideal %.0f checks/s%n",
                urls,
                seconds,
                farm.received(),
                RESULTS.get() + REJECTIONS.values().stream().mapToLong(Long::longValue).sum(),
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
                cpu / 1e3 / urls);
        System.out.printf(
                Locale.ROOT,
                "linkcheck_efficiency=%.3f checks_per_s=%.0f max_host_concurrency=%d"
                        + " limit=%d%n",
                checksPerSecond / ideal,
                checksPerSecond,
                farm.maxConcurrencyOfAnyHost(),
                hostLimit);
    }

    /**
     * Lets the job check URLs, not counted, until the JIT compiler is quiet or {@code --warmup} has
     * passed. On two cores the one C2 compiler thread needs about half a minute of this load to
     * compile what the checker, its HTTP client, Flink and the farm run hot; measured before that,
     * a quarter of the CPU time went to the compiler. (One long job rather than several short ones:
     * each job's start and end sends the compiler back to work.)
     */
    private void warmUp(MiniCluster cluster, JobID job) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long deadline = System.nanoTime() + warmup.toNanos();
        while (System.nanoTime() < deadline) {
            long compiledBefore = jit.getTotalCompilationTime();
            long started = System.nanoTime();
            long window = Math.min(JIT_WINDOW.toNanos(), deadline - started);
            while (System.nanoTime() - started < window) {
                running(cluster, job);
                Thread.sleep(50);
            }
            double compiling =
                    (jit.getTotalCompilationTime() - compiledBefore)
                            / ((System.nanoTime() - started) / 1e6);
            System.out.printf(
                    Locale.ROOT,
                    "warm-up: %d checks so far, not counted; JIT compiling %.0f%% of the last"
                            + " %.0f s%n",
                    RESULTS.get(),
                    100 * compiling,
                    window / 1e9);
            if (compiling < 0.03) {
                return;
            }
        }
    }

    /** Fails the bench when the job has stopped (it never ends by itself). */
    private static void running(MiniCluster cluster, JobID job) throws Exception {
        JobStatus status = cluster.getJobStatus(job).get();
        if (status.isGloballyTerminalState()) {
            JobResult result = cluster.requestJobResult(job).get();
            throw new IllegalStateException(
                    "the bench job stopped: " + status,
                    result.getSerializedThrowable()
                            .map(
                                    t ->
                                            t.deserializeError(
                                                    LinkCheckBenchCommand.class.getClassLoader()))
                            .orElse(null));
        }
    }

    /**
     * A job that checks URLs 0, 1, 2, … without end and counts the OK answers in {@link #RESULTS},
     * noting the time of those that open and close the measured window.
     */
    private StreamExecutionEnvironment job(Configuration conf) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        int hostCount = hosts;
        DataStream<Pair> pairs =
                env.fromSequence(0, Long.MAX_VALUE)
                        .map(i -> pair(i, hostCount))
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
        // only OK results pass the stage's router
        checked.map(new Count())
                .returns(TypeInformation.of(Pair.class))
                .name("count")
                .sinkTo(new DiscardingSink<>());
        return env;
    }

    /**
     * URL {@code i}, on a host drawn as if at random (uniformly, independently of its neighbours),
     * the same for every run. The order matters: the checker holds {@code capacity} URLs, and those
     * of a host above its limit wait. A multiplicative hash taken modulo the host count (used until
     * this was measured) repeats hosts within a window far more often than chance: 5.7 ms of queue
     * wait per check instead of 1.5 at 56 ms per request, in a simulation of the host queues.
     */
    static Pair pair(long i, int hosts) {
        // as "http://img-%03d.bench.example/i/%d.png", without the formatter's cost per URL
        String host = Long.toString(Long.remainderUnsigned(mix(i), hosts));
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

    /** SplitMix64's finalizer: every bit of {@code i} moves every bit of the result. */
    private static long mix(long i) {
        long z = i * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
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

    /** Counts the OK results and notes the time and CPU time at the window's ends. */
    private static final class Count implements MapFunction<Pair, Pair> {
        @Override
        public Pair map(Pair pair) {
            long n = RESULTS.incrementAndGet();
            if (n == windowFirst) {
                FIRST_CPU_NANOS.set(processCpuNanos());
                FIRST_NANOS.set(System.nanoTime());
            } else if (n == windowLast) {
                LAST_CPU_NANOS.set(processCpuNanos());
                LAST_NANOS.set(System.nanoTime());
            }
            return pair;
        }
    }
}
