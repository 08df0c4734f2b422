package org.ccpairs.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ccpairs.cli.status.DatasetSegments;
import org.ccpairs.cli.status.DatasetView;
import org.ccpairs.cli.status.JobStatus;
import org.ccpairs.cli.status.PrometheusText;
import org.ccpairs.cli.status.StatusTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ccpairs status}: per segment, what the overview dashboard shows, from the job's Prometheus
 * endpoints and the dataset table.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show the job's progress per segment: state, files read of the segment's files,"
                    + " pairs it added to the dataset, and its age since it was announced.",
            "Reads the job's Prometheus endpoints (default: the job './ccpairs demo' or"
                    + " './ccpairs run' started here) and the dataset table (default:"
                    + " .ccpairs/warehouse) for the states and pair counts; see docs/operations.md."
        })
final class StatusCommand implements Callable<Integer> {
    @Option(
            names = "--prometheus",
            paramLabel = "URL",
            description =
                    "A Prometheus endpoint of the job (JobManager or TaskManager /metrics),"
                            + " repeatable: give every TaskManager's to see all subtasks.")
    List<String> endpoints = new ArrayList<>();

    @Mixin VersionsCommand.Table table;

    @Option(
            names = "--no-dataset",
            description =
                    "Do not read the dataset table: states from the metrics alone, no pair"
                            + " counts.")
    boolean noDataset;

    @Option(
            names = "--limit",
            defaultValue = "20",
            description = "The newest this many segments. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(
            names = "--watch",
            paramLabel = "INTERVAL",
            description = "Print again every INTERVAL (e.g. 2s) until interrupted.")
    Duration watch;

    @Override
    public Integer call() throws Exception {
        List<String> urls = endpoints.isEmpty() ? List.of(local()) : endpoints;
        while (true) {
            PrometheusText first = scrape(urls);
            DatasetView dataset = dataset(first);
            // scraped again after the table was read, so that the metrics are never older than
            // the table: a version committed between the two reads shows in the metrics too
            // (the first scrape only names the segments to look up)
            PrometheusText metrics = dataset == null ? first : scrape(urls);
            JobStatus status = JobStatus.of(metrics, dataset, Instant.now(), limit);
            if (watch != null) {
                System.out.println("-- " + Instant.now());
            }
            StatusTable.print(status, System.out);
            System.out.flush();
            if (watch == null) {
                return 0;
            }
            Thread.sleep(watch.toMillis());
        }
    }

    private static String local() {
        return MetricsEndpoint.current()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "no job of './ccpairs demo' or './ccpairs run' is running"
                                            + " here: start one, or give the job's endpoints with"
                                            + " --prometheus http://<host>:9249/metrics"));
    }

    private static PrometheusText scrape(List<String> urls) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> texts = new ArrayList<>();
        for (String url : urls) {
            try {
                HttpResponse<String> response =
                        http.send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException(url + " answered HTTP " + response.statusCode());
                }
                texts.add(response.body());
            } catch (ConnectException e) {
                throw new IOException("nothing answers at " + url + " (is the job running?)", e);
            }
        }
        return PrometheusText.parse(texts);
    }

    /** The dataset's view of the listed segments; null when not asked for or not readable. */
    private DatasetView dataset(PrometheusText metrics) {
        if (noDataset) {
            return null;
        }
        Set<String> ids = new HashSet<>();
        for (var s :
                metrics.samples(
                        "flink_taskmanager_job_task_operator_ccpairs_crawl_segment_kind_files")) {
            ids.add(s.label("segment"));
        }
        try {
            return DatasetSegments.read(table.versions(), ids);
        } catch (IllegalArgumentException e) {
            System.err.println("status: " + e.getMessage() + " (states from metrics only)");
            return null;
        }
    }
}
