package org.ccpairs.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** "Does it answer?" checks used for readiness and for {@link LocalStack#status()}. */
final class Probes {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Probes() {}

    /**
     * True if a broker on localhost:{@code port} answers describeCluster within {@code timeout}.
     */
    static boolean kafkaAnswers(int port, Duration timeout) {
        // A plain TCP check first: an admin client against a closed port logs a warning per retry.
        if (!Ports.accepts(port, 500)) {
            return false;
        }
        int millis = (int) timeout.toMillis();
        Map<String, Object> config =
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                    .nodes()
                    .get(millis, TimeUnit.MILLISECONDS)
                    .isEmpty();
        } catch (ExecutionException | TimeoutException notReady) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True if {@code GET <ccompatUrl>/subjects} returns 200 within {@code timeout}. */
    static boolean registryAnswers(String ccompatUrl, Duration timeout) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(ccompatUrl + "/subjects"))
                        .timeout(timeout)
                        .GET()
                        .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notReady) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
