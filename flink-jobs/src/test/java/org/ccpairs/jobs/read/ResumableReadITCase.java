package org.ccpairs.jobs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.ccpairs.avro.DatasetVersion;
import org.ccpairs.avro.ImageTextPair;
import org.ccpairs.connectors.warc.FileReadException;
import org.ccpairs.connectors.warc.WarcPageReader;
import org.ccpairs.jobs.extract.FilePairReader;
import org.ccpairs.jobs.extract.RecordPairs;
import org.ccpairs.jobs.extract.WarcPairReader;
import org.ccpairs.jobs.linkcheck.LinkCheckOptions;
import org.ccpairs.jobs.model.FileSplit;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.testing.LargeWarc;
import org.ccpairs.jobs.testing.PipelineRun;
import org.ccpairs.jobs.testing.RangeServer;
import org.ccpairs.jobs.testing.TopicReader;
import org.ccpairs.localstack.SharedStackExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a large multi-member WARC file (≥ 50 MB, the real corpus pages under distinct URLs) on
 * the real job: a failure in the middle of the file, a download that breaks off, and checkpoints
 * under backpressure.
 */
@ExtendWith(SharedStackExtension.class)
class ResumableReadITCase {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static Path largeFile;

    @TempDir Path warehouse;

    @BeforeAll
    static void largeFile() throws IOException {
        largeFile = LargeWarc.atLeast(50L << 20);
    }

    @Test
    void aFailureInTheMiddleOfAFileNeitherLosesNorRepeatsAPair() throws Exception {
        List<String> clean = pairIdsOf(largeFile.toUri().toString(), builder -> {});

        FailOnce.reset(4000); // about half of the file, several checkpoints after it started
        List<String> recovered =
                pairIdsOf(
                        largeFile.toUri().toString(),
                        builder -> builder.fileReaders(new FailOnce()));

        assertThat(FailOnce.failed)
                .as(
                        "the failure was injected (records read: %d, opened at %s, clean pairs %d)",
                        FailOnce.read.get(), FailOnce.openedAt, clean.size())
                .isTrue();
        assertThat(FailOnce.openedAt)
                .as("after the restart the file was reopened in the middle")
                .anySatisfy(offset -> assertThat(offset).isPositive());
        assertThat(clean).hasSizeGreaterThan(5_000);
        assertThat(recovered).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(clean);
    }

    @Test
    void aDownloadThatBreaksOffIsResumedWithARangeRequest() throws Exception {
        Path file = largeFile;
        List<String> clean = pairIdsOf(file.toUri().toString(), builder -> {});
        try (RangeServer server =
                new RangeServer(file).dropFirstResponseAfter(Files.size(file) / 3)) {
            List<String> overHttp = pairIdsOf(server.url(), builder -> {});

            assertThat(server.rangesRequested()).hasSize(2);
            assertThat(server.rangesRequested().get(1)).matches("bytes=[1-9][0-9]*-");
            assertThat(overHttp).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(clean);
        }
    }

    @Test
    void checkpointsKeepCompletingWhileALargeFileIsReadBehindASlowStage() throws Exception {
        int restPort = freePort();
        try (PipelineRun run = new PipelineRun(warehouse)) {
            run.conf.set(RestOptions.PORT, restPort);
            run.conf.set(RestOptions.BIND_PORT, Integer.toString(restPort));
            run.conf.setString("execution.checkpointing.interval", "1s");
            // the link check's async queue would take up to linkcheck.capacity pairs (10,000)
            // before passing the backpressure on; keep it small so the reader feels the slow sink
            run.conf.set(LinkCheckOptions.CAPACITY, 100);
            SlowSink.perRecord =
                    Duration.ofMillis(5); // ~200 pairs/s per subtask: reading is backpressured
            run.start(builder -> builder.pairsSink(new SlowSink()));
            run.announceUrls("segment-large", List.of(largeFile.toUri().toString()));

            String jobId = run.job().getJobID().toString();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            Checkpoints checkpoints = Checkpoints.of(restPort, jobId);
            while (checkpoints.completed() < 8 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // polling, not timing
                checkpoints = Checkpoints.of(restPort, jobId);
            }
            assertThat(SlowSink.records.get()).as("pairs reached the slow stage").isPositive();
            assertThat(run.table().currentSnapshot())
                    .as("no version yet: the file was still being read at the last checkpoint")
                    .isNull();
            assertThat(checkpoints.completed())
                    .as("checkpoints completed while the file was read")
                    .isGreaterThanOrEqualTo(8);
            assertThat(checkpoints.failures())
                    .as("checkpoints that failed after they started")
                    .isEmpty();
            assertThat(checkpoints.maxDurationMillis())
                    .as("longest checkpoint, ms")
                    .isLessThan(15_000);
            System.out.printf(
                    "checkpoints while reading %d MB: %d completed, max %d ms, %d records through"
                            + " the slow stage%n",
                    Files.size(largeFile) >> 20,
                    checkpoints.completed(),
                    checkpoints.maxDurationMillis(),
                    SlowSink.records.get());
        }
    }

    /** Runs the job on one file and returns the pair ids published, read_committed. */
    private List<String> pairIdsOf(
            String fileUrl, Consumer<org.ccpairs.jobs.CcpairsJob.Builder> customize)
            throws Exception {
        Path tableDir = Files.createTempDirectory(warehouse, "run");
        try (PipelineRun run = new PipelineRun(tableDir);
                TopicReader<DatasetVersion> versions =
                        PipelineRun.reader(run.versionsTopic, DatasetVersion.getClassSchema());
                TopicReader<ImageTextPair> pairs =
                        PipelineRun.reader(run.pairsTopic, ImageTextPair.getClassSchema())) {
            run.conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            run.conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            run.conf.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Duration.ofSeconds(1));
            run.conf.setString("execution.checkpointing.interval", "1s");
            // compared across runs: only what reading decides may differ. A link check that
            // times out on a loaded machine would drop a pair from one run and not the other.
            run.conf.set(LinkCheckOptions.ENABLED, false);
            run.start(customize);
            run.announceUrls("segment-large", List.of(fileUrl));
            DatasetVersion v1 = versions.readUntil(v -> !v.isEmpty(), TIMEOUT).get(0);
            List<ImageTextPair> published =
                    pairs.readUntil(p -> p.size() >= v1.getPairsTotal(), TIMEOUT);
            pairs.drain(Duration.ofSeconds(2));
            List<String> ids = new ArrayList<>();
            published.forEach(p -> ids.add(p.getPairId()));
            return ids;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Reads WARC files, one millisecond per record so that checkpoints happen while a file is read,
     * and fails the task once, after a number of records, like a crashing machine.
     */
    static final class FailOnce implements FilePairReaderFactory {
        static final AtomicBoolean failing = new AtomicBoolean();
        static volatile boolean failed;
        static volatile long afterRecords;
        static final List<Long> openedAt = new CopyOnWriteArrayList<>();
        static final AtomicLong read = new AtomicLong();

        static void reset(long records) {
            failed = false;
            afterRecords = records;
            read.set(0);
            openedAt.clear();
            failing.set(true);
        }

        @Override
        public FilePairReader open(
                InputStream in,
                FileSplit split,
                long baseOffset,
                Consumer<FileReadException> badRecords,
                Consumer<WarcPairReader.PageFailure> pageFailures)
                throws FileReadException {
            openedAt.add(baseOffset);
            FilePairReader real =
                    FilePairReaderFactory.warc(WarcPageReader.DEFAULT_MAX_BODY_BYTES)
                            .open(in, split, baseOffset, badRecords, pageFailures);
            return new FilePairReader() {
                @Override
                public Optional<RecordPairs> next() throws FileReadException {
                    try {
                        Thread.sleep(1); // slow enough that checkpoints complete during the file
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                    if (read.incrementAndGet() > afterRecords
                            && failing.compareAndSet(true, false)) {
                        failed = true;
                        throw new IllegalStateException(
                                "injected failure after " + afterRecords + " records");
                    }
                    return real.next();
                }

                @Override
                public long records() {
                    return real.records();
                }

                @Override
                public void close() throws IOException {
                    real.close();
                }
            };
        }
    }

    /** A pairs sink that takes its time over every record, to backpressure the stages before it. */
    static final class SlowSink implements Sink<Pair> {
        static volatile Duration perRecord = Duration.ZERO;
        static final AtomicLong records = new AtomicLong();

        @Override
        public SinkWriter<Pair> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Pair element, Context context) throws InterruptedException {
                    records.incrementAndGet();
                    Thread.sleep(perRecord.toMillis());
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }

    /** Checkpoint statistics from the MiniCluster's REST API. */
    /**
     * @param failures messages of checkpoints that started and failed; checkpoints refused before
     *     they started (tasks still deploying) count in Flink's "failed" but are harmless
     */
    record Checkpoints(long completed, long maxDurationMillis, List<String> failures) {
        private static final Pattern FAILURE =
                Pattern.compile("\"status\":\"FAILED\"[^}]*?\"failure_message\":\"([^\"]*)\"");

        private static final Pattern COMPLETED = Pattern.compile("\"completed\":(\\d+)");
        private static final Pattern DURATION = Pattern.compile("\"end_to_end_duration\":(\\d+)");

        static Checkpoints of(int port, String jobId) throws Exception {
            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://localhost:"
                                                                    + port
                                                                    + "/jobs/"
                                                                    + jobId
                                                                    + "/checkpoints"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            String json = response.body();
            long max = 0;
            Matcher d = DURATION.matcher(json);
            while (d.find()) {
                max = Math.max(max, Long.parseLong(d.group(1)));
            }
            List<String> failures = new ArrayList<>();
            Matcher f = FAILURE.matcher(json);
            while (f.find()) {
                failures.add(f.group(1));
            }
            return new Checkpoints(first(COMPLETED, json), max, failures);
        }

        private static long first(Pattern p, String json) {
            Matcher m = p.matcher(json);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }
    }
}
