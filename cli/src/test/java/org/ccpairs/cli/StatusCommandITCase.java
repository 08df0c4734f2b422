package org.ccpairs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.ccpairs.avro.FileKind;
import org.ccpairs.cli.demo.DemoWeb;
import org.ccpairs.cli.demo.GeneratedWarcs;
import org.ccpairs.connectors.announce.AnnouncementPublisher;
import org.ccpairs.connectors.announce.Announcements;
import org.ccpairs.connectors.kafka.KafkaOptions;
import org.ccpairs.connectors.registry.RegistryOptions;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.linkcheck.LinkCheckOptions;
import org.ccpairs.jobs.version.DatasetOptions;
import org.ccpairs.localstack.LocalStack;
import org.ccpairs.localstack.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ccpairs status} against the real job on a MiniCluster (started the way {@code run} and
 * {@code demo} start it, so that status finds it without arguments): a segment shows up being read
 * or committed, then complete with the pairs its version added.
 */
class StatusCommandITCase {
    private static final String CRAWL = "CC-MAIN-2026-01";
    private static final String SEGMENT = "1764000000000.1";

    @TempDir Path work;

    @Test
    void showsTheSegmentUntilItIsCompleteWithItsPairs() throws Exception {
        System.setProperty(LocalStackEndpoints.WORK_DIR_PROPERTY, work.toString());
        LocalStack stack = LocalStack.at(work.resolve("stack"));
        Status services = stack.up(0, 0);
        String prefix = "status-" + UUID.randomUUID().toString().substring(0, 8);
        Configuration conf = new Configuration();
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, services.bootstrapServers());
        for (var topic :
                List.of(
                        KafkaOptions.SEGMENTS_TOPIC,
                        KafkaOptions.PAIRS_TOPIC,
                        KafkaOptions.VERSIONS_TOPIC,
                        KafkaOptions.DLQ_TOPIC)) {
            conf.set(topic, prefix + "." + topic.defaultValue());
        }
        conf.set(KafkaOptions.GROUP_ID, prefix);
        conf.set(KafkaOptions.TRANSACTIONAL_ID_PREFIX, prefix);
        conf.set(RegistryOptions.URL, services.registryUrl());
        conf.set(DatasetOptions.WAREHOUSE, LocalStackEndpoints.warehouse().toUri().toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        // the generated pages' images are checked against the demo's simulated hosts
        DemoWeb web = DemoWeb.start();
        conf.set(LinkCheckOptions.TESTING_ENDPOINTS, List.of(web.endpointRule()));
        conf.set(LinkCheckOptions.HOST_RATE, 500.0);
        int port = Ports.free();
        JobLauncher.enablePrometheus(conf, port);
        JobLauncher.ensureTopics(conf, 2);
        Path warc = work.resolve("one.warc.gz");
        GeneratedWarcs.write(warc, "status.example", 40, 7);

        JobClient job = JobLauncher.start(conf, "ccpairs");
        try (web;
                MetricsEndpoint endpoint = MetricsEndpoint.publish(port);
                AnnouncementPublisher publisher =
                        new AnnouncementPublisher(
                                conf.get(KafkaOptions.BOOTSTRAP_SERVERS),
                                Map.of(),
                                RegistrySettings.of(services.registryUrl()),
                                conf.get(KafkaOptions.SEGMENTS_TOPIC))) {
            publisher.publish(
                    Announcements.of(
                            CRAWL,
                            SEGMENT,
                            FileKind.WARC,
                            List.of(warc.toUri().toString()),
                            "test",
                            Clock.systemUTC()));
            Pattern row =
                    Pattern.compile(
                            Pattern.quote(CRAWL)
                                    + " +"
                                    + Pattern.quote(SEGMENT)
                                    + " +WARC +1 +(reading|committing|complete) +(\\d)/1 +(\\S+)");
            String state = "";
            CliRun last = null;
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!state.equals("complete") && System.nanoTime() < deadline) {
                Thread.sleep(500);
                last = CliRun.of("status");
                assertThat(last.exitCode()).as(last.out() + last.err()).isZero();
                Matcher m = row.matcher(last.out());
                if (m.find()) {
                    state = m.group(1);
                    if (state.equals("complete")) {
                        assertThat(m.group(2)).isEqualTo("1");
                        long pairs = Long.parseLong(m.group(3));
                        assertThat(pairs).isPositive();
                        // the same number the version reports
                        CliRun versions = CliRun.of("versions", "list", "--json");
                        assertThat(versions.out()).contains("\"pairs_added\":" + pairs);
                    }
                }
            }
            assertThat(state).as(last == null ? "" : last.out()).isEqualTo("complete");
            // the committer's gauges follow the commit at their next update
            Pattern caughtUp =
                    Pattern.compile("newest version: v1 \\(\\S+ ago\\) +segments open: 0 ");
            while (!caughtUp.matcher(last.out()).find() && System.nanoTime() < deadline) {
                Thread.sleep(500);
                last = CliRun.of("status");
            }
            assertThat(last.out()).containsPattern(caughtUp);

            // from the metrics alone: complete too, without pair counts
            CliRun metricsOnly =
                    CliRun.of("status", "--no-dataset", "--prometheus", endpoint.url());
            assertThat(metricsOnly.out())
                    .containsPattern(Pattern.quote(SEGMENT) + " +WARC +1 +complete +1/1 +- ");
        } finally {
            job.cancel().get();
            try {
                // stopped before the temporary folder with the warehouse is deleted
                job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                // the result of a cancelled job is its cancellation
            }
            stack.down();
            System.clearProperty(LocalStackEndpoints.WORK_DIR_PROPERTY);
        }
        // the endpoint record is gone with the job: status says what to do
        System.setProperty(LocalStackEndpoints.WORK_DIR_PROPERTY, work.toString());
        try {
            CliRun none = CliRun.of("status");
            assertThat(none.exitCode()).isEqualTo(Main.USAGE);
            assertThat(none.err()).contains("--prometheus");
        } finally {
            System.clearProperty(LocalStackEndpoints.WORK_DIR_PROPERTY);
        }
    }
}
