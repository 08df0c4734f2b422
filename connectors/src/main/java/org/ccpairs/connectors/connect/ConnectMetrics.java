package org.ccpairs.connectors.connect;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.ccpairs.avro.FileKind;
import org.ccpairs.connectors.announce.AnnouncerMetrics;

/**
 * Exports {@link AnnouncerMetrics} as Kafka Connect plugin metrics of the task (JMX {@code
 * kafka.connect:type=plugins,connector=<name>,task=<n>}, names in docs/metrics.md). Metrics per
 * poll-error and dead-letter reason are added when the reason first occurs.
 */
final class ConnectMetrics {
    private final PluginMetrics plugin;
    private final AnnouncerMetrics counters;
    private final Set<String> registered = new HashSet<>();

    private ConnectMetrics(PluginMetrics plugin, AnnouncerMetrics counters) {
        this.plugin = plugin;
        this.counters = counters;
    }

    static ConnectMetrics register(PluginMetrics plugin, AnnouncerMetrics m) {
        ConnectMetrics metrics = new ConnectMetrics(plugin, m);
        metrics.add("polls-total", "Polls started", Map.of(), m::polls);
        for (FileKind kind : FileKind.values()) {
            metrics.add(
                    "segments-announced-total",
                    "Segments announced, by file kind",
                    Map.of("kind", kind.name()),
                    () -> m.segmentsAnnounced(kind));
        }
        metrics.add(
                "crawls-seen",
                "Crawls in the crawl list at the last poll",
                Map.of(),
                m::crawlsSeen);
        metrics.add(
                "crawls-pending",
                "Crawl kinds selected and not completely announced",
                Map.of(),
                m::crawlsPending);
        metrics.add(
                "last-successful-poll-timestamp-ms",
                "When the last successful poll ended (Unix time, ms); 0 before the first",
                Map.of(),
                m::lastSuccessfulPollMillis);
        return metrics;
    }

    /** Adds the metrics of reasons that occurred since the last call. */
    void refresh() {
        for (String reason : counters.pollErrors().keySet()) {
            add(
                    "poll-errors-total",
                    "Poll errors by reason",
                    Map.of("reason", reason),
                    () -> counters.pollErrors().getOrDefault(reason, 0L));
        }
        for (String reason : counters.deadLetters().keySet()) {
            add(
                    "dead-letters-total",
                    "Dead letters by reason",
                    Map.of("reason", reason),
                    () -> counters.deadLetters().getOrDefault(reason, 0L));
        }
    }

    private void add(
            String name, String description, Map<String, String> tags, Supplier<Long> value) {
        if (!registered.add(name + tags)) {
            return;
        }
        plugin.addMetric(
                plugin.metricName(name, description, new LinkedHashMap<>(tags)),
                (Gauge<Long>) (config, now) -> value.get());
    }
}
