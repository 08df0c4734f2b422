package org.ccpairs.connectors.announce;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.ccpairs.avro.FileKind;

/**
 * Serves {@link AnnouncerMetrics} in the Prometheus text format on {@code
 * http://<host>:<port>/metrics} (the CLI announcer; names in docs/metrics.md). Values are read from
 * the metrics at each scrape.
 */
public final class AnnouncerPrometheus implements AutoCloseable {
    private final HTTPServer server;

    private AnnouncerPrometheus(HTTPServer server) {
        this.server = server;
    }

    /**
     * Starts the endpoint.
     *
     * @param port 0 for any free port
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static AnnouncerPrometheus start(int port, AnnouncerMetrics metrics) {
        PrometheusRegistry registry = new PrometheusRegistry();
        register(registry, metrics);
        try {
            return new AnnouncerPrometheus(
                    HTTPServer.builder().port(port).registry(registry).buildAndStart());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot serve the announcer's metrics on port " + port + ": " + e.getMessage(),
                    e);
        }
    }

    /** Registers the announcer's metrics with {@code registry}. */
    public static void register(PrometheusRegistry registry, AnnouncerMetrics m) {
        CounterWithCallback.builder()
                .name("ccpairs_announcer_polls")
                .help("Polls started")
                .callback(cb -> cb.call(m.polls()))
                .register(registry);
        CounterWithCallback.builder()
                .name("ccpairs_announcer_segments_announced")
                .help("Segments announced, by file kind")
                .labelNames("kind")
                .callback(
                        cb -> {
                            for (FileKind kind : FileKind.values()) {
                                cb.call(m.segmentsAnnounced(kind), kind.name());
                            }
                        })
                .register(registry);
        GaugeWithCallback.builder()
                .name("ccpairs_announcer_crawls_seen")
                .help("Crawls in the crawl list at the last poll that read it")
                .callback(cb -> cb.call(m.crawlsSeen()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("ccpairs_announcer_crawls_pending")
                .help("Crawl kinds selected by the filters and not completely announced")
                .callback(cb -> cb.call(m.crawlsPending()))
                .register(registry);
        CounterWithCallback.builder()
                .name("ccpairs_announcer_poll_errors")
                .help("Poll errors by reason; the poll is tried again at the next interval")
                .labelNames("reason")
                .callback(cb -> m.pollErrors().forEach((reason, n) -> cb.call(n, reason)))
                .register(registry);
        CounterWithCallback.builder()
                .name("ccpairs_announcer_dead_letters")
                .help("Dead letters published by the announcer, by reason")
                .labelNames("reason")
                .callback(cb -> m.deadLetters().forEach((reason, n) -> cb.call(n, reason)))
                .register(registry);
        GaugeWithCallback.builder()
                .name("ccpairs_announcer_last_successful_poll_timestamp_seconds")
                .help("When the last successful poll ended (Unix time); 0 before the first")
                .callback(cb -> cb.call(m.lastSuccessfulPollMillis() / 1000.0))
                .register(registry);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
