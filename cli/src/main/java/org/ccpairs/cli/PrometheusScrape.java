package org.ccpairs.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads the job's Prometheus endpoint, for the demo's summary. */
final class PrometheusScrape {
    private final String text;

    private PrometheusScrape(String text) {
        this.text = text;
    }

    /**
     * Scrapes {@code http://localhost:<port>/metrics}.
     *
     * @throws IOException when the endpoint does not answer 200
     */
    static PrometheusScrape of(int port) throws IOException, InterruptedException {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://localhost:" + port + "/metrics"))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("metrics endpoint answered " + response.statusCode());
        }
        return new PrometheusScrape(response.body());
    }

    /** The sum over every series of {@code flink_taskmanager_job_task_operator_<name>}. */
    long sum(String name) {
        String prefix = "flink_taskmanager_job_task_operator_" + name;
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix + "{") || line.startsWith(prefix + " ")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Math.round(total);
    }
}
