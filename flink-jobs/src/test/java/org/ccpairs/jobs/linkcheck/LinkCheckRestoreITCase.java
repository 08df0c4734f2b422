package org.ccpairs.jobs.linkcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.OutputTag;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RejectionRecord;
import org.ccpairs.jobs.testing.TestPairs;
import org.ccpairs.localstack.web.ImageHosts;
import org.ccpairs.localstack.web.ImageHosts.Answer;
import org.ccpairs.localstack.web.TestImages;
import org.junit.jupiter.api.Test;

/**
 * The link-check stage on a MiniCluster with checkpoints, failing once while a hundred or more
 * checks are in flight at slow hosts: after the restore from the last checkpoint, the checks the
 * async operator had in its state are sent again, and every pair comes out checked. Nothing is
 * lost; the pairs emitted between the checkpoint and the failure come again (the job's
 * transactional sinks drop those; this test's sink counts them).
 */
class LinkCheckRestoreITCase {
    private static final int PAIRS = 4_000;
    private static final int HOSTS = 40;
    private static final int HOST_LIMIT = 4;

    static final Map<String, AtomicInteger> SEEN = new ConcurrentHashMap<>();
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicInteger CHECKPOINTS_BEFORE_FAILURE = new AtomicInteger();
    static final AtomicInteger CHECKPOINTS = new AtomicInteger();
    static final AtomicInteger PAIRS_BEFORE_FAILURE = new AtomicInteger();
    static final AtomicInteger IN_FLIGHT_AT_FAILURE = new AtomicInteger();
    static volatile ImageHosts web;

    @Test
    void checksInFlightAtAFailureAreSentAgainAfterTheRestore() throws Exception {
        SEEN.clear();
        FAILED.set(false);
        CHECKPOINTS_BEFORE_FAILURE.set(0);
        CHECKPOINTS.set(0);
        byte[] png = TestImages.png(64, 64);
        try (ImageHosts hosts = ImageHosts.start().keepRequests(false)) {
            web = hosts;
            hosts.fallback(
                    r ->
                            r.path().startsWith("/img/")
                                    ? Answer.image(png, "image/png").delay(Duration.ofMillis(150))
                                    : Answer.status(404));

            Configuration conf = new Configuration();
            conf.set(LinkCheckOptions.TESTING_ENDPOINTS, List.of(hosts.everyHost()));
            conf.set(LinkCheckOptions.HOST_MAX_CONCURRENT, HOST_LIMIT);
            conf.set(LinkCheckOptions.HOST_RATE, 0.0);
            conf.set(LinkCheckOptions.CAPACITY, 200);
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300));
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
            conf.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Duration.ofMillis(200));
            conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);

            DataStream<Pair> pairs =
                    env.fromSequence(0, PAIRS - 1)
                            .map(LinkCheckRestoreITCase::pair)
                            .returns(TypeInformation.of(Pair.class));
            LinkCheckStage.apply(
                            pairs,
                            LinkCheckSettings.from(conf),
                            () ->
                                    host ->
                                            CompletableFuture.failedFuture(
                                                    new UnknownHostException(host)),
                            new OutputTag<RejectionRecord>("rejections") {},
                            new RejectionSampler(0))
                    .map(new FailOnceMidway())
                    .returns(TypeInformation.of(Pair.class))
                    .sinkTo(new DiscardingSink<>());
            env.execute("link check restore");

            assertThat(FAILED)
                    .as(
                            "the failure was injected (checkpoints %d, pairs %d)",
                            CHECKPOINTS.get(), SEEN.size())
                    .isTrue();
            assertThat(CHECKPOINTS_BEFORE_FAILURE.get())
                    .as("checkpoints completed before the failure")
                    .isPositive();
            assertThat(PAIRS_BEFORE_FAILURE.get())
                    .as("pairs out before the failure")
                    .isLessThan(PAIRS);
            assertThat(IN_FLIGHT_AT_FAILURE.get())
                    .as("image requests the farm had not answered when the job failed")
                    .isPositive();
            assertThat(SEEN)
                    .as("every pair came out of the stage checked OK")
                    .hasSize(PAIRS)
                    .allSatisfy((id, n) -> assertThat(n.get()).isPositive());
            assertThat(hosts.received())
                    .as("checks in the restored state were sent again")
                    .isGreaterThan(PAIRS);
            assertThat(hosts.maxConcurrencyOfAnyHost()).isLessThanOrEqualTo(HOST_LIMIT);
        } finally {
            web = null;
        }
    }

    private static Pair pair(long i) {
        return TestPairs.pair(
                1, "http://img" + (i % HOSTS) + ".restore.test/img/" + i + ".png", "image " + i);
    }

    /** Fails the job once, after the first checkpoint; records what it let through. */
    static final class FailOnceMidway implements MapFunction<Pair, Pair>, CheckpointListener {

        @Override
        public Pair map(Pair pair) {
            if (!pair.linkCheck().status().name().equals("OK")) {
                throw new AssertionError("not OK: " + pair.linkCheck());
            }
            SEEN.computeIfAbsent(pair.pairId(), k -> new AtomicInteger()).incrementAndGet();
            // right after the first checkpoint: the input is still far from done
            if (CHECKPOINTS.get() > 0 && FAILED.compareAndSet(false, true)) {
                CHECKPOINTS_BEFORE_FAILURE.set(CHECKPOINTS.get());
                PAIRS_BEFORE_FAILURE.set(SEEN.size());
                ImageHosts hosts = web;
                IN_FLIGHT_AT_FAILURE.set(hosts == null ? 0 : hosts.openRequests());
                throw new IllegalStateException("injected failure with checks in flight");
            }
            return pair;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTS.incrementAndGet();
        }
    }
}
