package org.ccpairs.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.ccpairs.jobs.dedup.DedupFunction;
import org.ccpairs.jobs.model.Pair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ccpairs bench dedup}: the dedup stage on RocksDB, as the job runs it, fed {@code --keys}
 * distinct pairs at parallelism 1; then one full checkpoint. Prints the checkpoint's bytes per key
 * and the keys per second the stage took in.
 */
@Command(
        name = "dedup",
        mixinStandardHelpOptions = true,
        description = {
            "Run the dedup stage (DedupFunction on the RocksDB state backend, parallelism 1) over"
                    + " --keys distinct pairs, take one full checkpoint and measure its size. For"
                    + " the one-core figure run it pinned: taskset -c 0 ./ccpairs bench dedup.",
            "The last line is: dedup_state_bytes_per_key=<n> dedup_keys_per_s=<n>."
        })
public final class DedupBenchCommand implements Callable<Integer> {
    /** Pairs the dedup stage let through, across the bench's single task. */
    static final AtomicLong UNIQUE = new AtomicLong();

    @Option(
            names = "--keys",
            defaultValue = "10000000",
            description = "Distinct pairs to feed. Default: ${DEFAULT-VALUE}.")
    long keys;

    @Option(
            names = "--conf",
            description =
                    "A Flink setting for the bench's cluster, KEY=VALUE; repeatable (e.g."
                            + " state.backend.rocksdb.use-bloom-filter=true).")
    java.util.Map<String, String> settings = new java.util.HashMap<>();

    @Option(
            names = "--dir",
            description = "Where checkpoints go (deleted afterwards). Default: a temporary folder.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (keys < 1) {
            throw new IllegalArgumentException("--keys must be at least 1");
        }
        Path checkpoints = dir != null ? dir : Files.createTempDirectory("ccpairs-bench-dedup");
        Configuration conf = Configuration.fromMap(settings);
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        // checkpointing on, but only the one this bench triggers
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofHours(1));
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, 1);
        // any free port: the default 8081 may be taken (another bench, a Flink cluster)
        conf.set(RestOptions.BIND_PORT, "0");
        MiniClusterConfiguration cluster =
                new MiniClusterConfiguration.Builder()
                        .setConfiguration(conf)
                        .setNumTaskManagers(1)
                        .setNumSlotsPerTaskManager(1)
                        .build();
        try (MiniCluster mini = new MiniCluster(cluster)) {
            mini.start();
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(1);
            env.fromSource(
                            new DataGeneratorSource<>(
                                    new Keys(keys),
                                    Long.MAX_VALUE,
                                    RateLimiterStrategy.noOp(),
                                    Types.LONG),
                            WatermarkStrategy.noWatermarks(),
                            "keys")
                    .map(new ToPair())
                    .returns(TypeInformation.of(Pair.class))
                    .keyBy(Pair::dedupKey, Types.LONG)
                    .process(new DedupFunction(Duration.ofDays(400)))
                    .map(new CountUnique())
                    .returns(TypeInformation.of(Pair.class))
                    .sinkTo(new DiscardingSink<>());
            UNIQUE.set(0);
            JobID job = mini.submitJob(env.getStreamGraph().getJobGraph()).get().getJobID();
            long started = 0;
            long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(2);
            while (UNIQUE.get() < keys) {
                if (started == 0 && UNIQUE.get() > 0) {
                    started = System.nanoTime();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("dedup did not see all keys in 2 hours");
                }
                Thread.sleep(5);
            }
            long elapsed = System.nanoTime() - started;
            String pointer = mini.triggerCheckpoint(job).get(30, TimeUnit.MINUTES);
            // the first incremental checkpoint uploads every SST file (to shared/) plus its
            // metadata (to chk-1/): the job's folder is exactly what the checkpoint holds
            long bytes = size(checkpoints.resolve(job.toHexString()));
            mini.cancelJob(job).get();
            double perKey = (double) bytes / keys;
            double perSecond = keys / (elapsed / 1e9);
            System.out.printf(
                    Locale.ROOT,
                    "keys=%d checkpoint_bytes=%d (incremental RocksDB checkpoint, %s)%n",
                    keys,
                    bytes,
                    pointer);
            System.out.printf(
                    Locale.ROOT,
                    "dedup_state_bytes_per_key=%.1f dedup_keys_per_s=%.0f%n",
                    perKey,
                    perSecond);
        } finally {
            if (dir == null) {
                delete(checkpoints);
            }
        }
        return 0;
    }

    private static long size(Path checkpoint) throws IOException {
        try (Stream<Path> files = Files.walk(checkpoint)) {
            return files.filter(Files::isRegularFile).mapToLong(DedupBenchCommand::sizeOf).sum();
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * Index i < keys: the i-th distinct key; after that the generator idles (the first key again,
     * every 50 ms: a duplicate, no new state) so that the job stays up for the checkpoint.
     */
    static final class Keys implements GeneratorFunction<Long, Long> {
        private final long keys;

        Keys(long keys) {
            this.keys = keys;
        }

        @Override
        public Long map(Long i) throws InterruptedException {
            if (i >= keys) {
                Thread.sleep(50);
                return mix(0);
            }
            return mix(i);
        }

        /** A bijection on longs (SplitMix64's finalizer): distinct indexes, distinct keys. */
        static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }
    }

    /** A pair of the size the job sees, with the given dedup key. */
    static final class ToPair implements MapFunction<Long, Pair> {
        @Override
        public Pair map(Long key) {
            String id = String.format(Locale.ROOT, "%016x%016x", key, ~key);
            return new Pair(
                    id,
                    key,
                    "https://img.example.org/" + id + ".jpg",
                    "a caption of ordinary length for image " + id,
                    "https://www.example.org/page/" + id,
                    "CC-BENCH",
                    "segment-1",
                    1,
                    "bench.warc.gz",
                    key & 0xffffff,
                    "<urn:uuid:" + id + ">",
                    null,
                    null,
                    null);
        }
    }

    static final class CountUnique implements MapFunction<Pair, Pair> {
        @Override
        public Pair map(Pair pair) {
            UNIQUE.incrementAndGet();
            return pair;
        }
    }
}
