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

    /**
     * Sums of {@code flink_taskmanager_job_task_operator_<name>} by the value of its label {@code
     * label}, in the order the values first appear.
     */
    java.util.Map<String, Long> byLabel(String name, String label) {
        String prefix = "flink_taskmanager_job_task_operator_" + name + "{";
        java.util.regex.Pattern value =
                java.util.regex.Pattern.compile("[{,]" + label + "=\"([^\"]*)\"");
        java.util.Map<String, Double> sums = new java.util.LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                java.util.regex.Matcher m = value.matcher(line);
                if (m.find()) {
                    sums.merge(
                            m.group(1),
                            Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)),
                            Double::sum);
                }
            }
        }
        java.util.Map<String, Long> rounded = new java.util.LinkedHashMap<>();
        sums.forEach((k, v) -> rounded.put(k, Math.round(v)));
        return rounded;
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
