package org.ccpairs.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpairs.avro.DatasetVersion;
import org.ccpairs.jobs.testing.Corpus;
import org.ccpairs.jobs.testing.PipelineRun;
import org.ccpairs.jobs.testing.RangeServer;
import org.ccpairs.jobs.testing.TestWarcs;
import org.ccpairs.jobs.testing.TopicReader;
import org.ccpairs.localstack.SharedStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the Kubernetes dashboards and alerts use (listed in {@code
 * k8s/base/monitoring/metrics.txt}, which {@code MonitoringConfigTest} keeps equal to what the
 * dashboards and alerts query) is exported by the real job with the labels they rely on: the job's
 * own metrics and those of its link-check stage, which checks the images against the loopback image
 * hosts of {@link PipelineRun}.
 *
 * <p>The job runs on a MiniCluster with Flink's Prometheus reporter and the state backend of the
 * deployment (RocksDB, incremental checkpoints). A segment's file is served slowly over HTTP so
 * that the series that exist only while a file is unread can be seen: the endpoint is scraped every
 * 300 ms during the run and every series seen counts.
 */
@ExtendWith(SharedStackExtension.class)
class MonitoringMetricsITCase {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? \\S+$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

    @TempDir Path work;

    @Test
    void everyMetricOfTheDashboardsAndAlertsIsExportedWithItsLabels() throws Exception {
        List<UsedMetric> used = new ArrayList<>(usedMetrics("job"));
        used.addAll(usedMetrics("linkcheck"));
        assertThat(used).hasSizeGreaterThan(50);
        Path unusable =
                TestWarcs.page(
                        work.resolve("unusable-images.warc.gz"),
                        "https://example.org/inline",
                        "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"an inline image\">");
        int metricsPort = freePort();
        Map<String, Set<String>> seen = new TreeMap<>();

        try (RangeServer slow =
                        new RangeServer(Corpus.file("chatnoir-resiliparse/warcfile.warc.gz"))
                                .throttle(40_000);
                PipelineRun run = new PipelineRun(work.resolve("warehouse"));
                TopicReader<DatasetVersion> versions =
                        PipelineRun.reader(run.versionsTopic, DatasetVersion.getClassSchema())) {
            run.conf.setString(
                    "metrics.reporter.prom.factory.class",
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            run.conf.setString("metrics.reporter.prom.port", Integer.toString(metricsPort));
            // the state backend of k8s/base/flink/ccpairs-job.yaml
            run.conf.setString("state.backend.type", "rocksdb");
            run.conf.setString("execution.checkpointing.incremental", "true");
            run.conf.setString("state.backend.rocksdb.metrics.estimate-num-keys", "true");
            run.start();

            run.sendRaw("not avro".getBytes(StandardCharsets.UTF_8)); // a dead letter
            run.announceUrls("segment-slow", List.of(slow.url(), unusable.toUri().toString()));

            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            boolean versionCommitted = false;
            String text = "";
            while (System.nanoTime() < deadline) {
                text = scrape(metricsPort);
                collect(text, seen);
                versionCommitted |= !versions.drain(Duration.ofMillis(300)).isEmpty();
                if (versionCommitted && missing(used, seen).isEmpty()) {
                    break;
                }
            }
            // for whoever edits the dashboards: the names this run exported
            Files.writeString(
                    Path.of("target/monitoring-metrics-seen.txt"),
                    String.join("\n", seen.keySet()) + "\n");
            Files.writeString(Path.of("target/monitoring-last-scrape.txt"), text);
            assertThat(versionCommitted).as("a dataset version was committed").isTrue();
            assertThat(missing(used, seen))
                    .as(
                            "metrics of k8s/base/monitoring/metrics.txt the job did not export with"
                                    + " their labels (names seen are in"
                                    + " target/monitoring-metrics-seen.txt)")
                    .isEmpty();
        }
    }

    /** "name: what is missing" for every used metric not seen with all of its labels. */
    private static List<String> missing(List<UsedMetric> used, Map<String, Set<String>> seen) {
        List<String> missing = new ArrayList<>();
        for (UsedMetric m : used) {
            Set<String> labels = seen.get(m.name());
            if (labels == null) {
                missing.add(m.name() + ": not exported");
            } else if (!labels.containsAll(m.labels())) {
                Set<String> absent = new TreeSet<>(m.labels());
                absent.removeAll(labels);
                missing.add(m.name() + ": no label " + absent);
            }
        }
        return missing;
    }

    /** Adds each sample's name and label names of a Prometheus text scrape to {@code seen}. */
    static void collect(String text, Map<String, Set<String>> seen) {
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Set<String> labels = seen.computeIfAbsent(sample.group(1), n -> new TreeSet<>());
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
    }

    /** The metrics of {@code k8s/base/monitoring/metrics.txt} with the given source. */
    static List<UsedMetric> usedMetrics(String source) throws IOException {
        Path list =
                Path.of("").toAbsolutePath().getParent().resolve("k8s/base/monitoring/metrics.txt");
        List<UsedMetric> used = new ArrayList<>();
        for (String line : Files.readAllLines(list)) {
            String[] fields = line.strip().split("\\s+");
            if (line.startsWith("#") || line.isBlank() || !fields[1].equals(source)) {
                continue;
            }
            used.add(
                    new UsedMetric(
                            fields[0],
                            fields.length > 2 ? Set.of(fields[2].split(",")) : Set.of()));
        }
        return used;
    }

    record UsedMetric(String name, Set<String> labels) {}

    /** The endpoint's text, or "" while the reporter is not listening yet. */
    private static String scrape(int port) throws Exception {
        HttpResponse<String> response;
        try {
            response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://localhost:"
                                                                    + port
                                                                    + "/metrics"))
                                            .timeout(Duration.ofSeconds(10))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            return "";
        }
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
