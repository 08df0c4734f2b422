package org.ccpairs.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.ccpairs.connectors.announce.AnnouncerMetrics;
import org.ccpairs.connectors.announce.AnnouncerPrometheus;
import org.ccpairs.connectors.announce.AnnouncerRunner;
import org.ccpairs.connectors.announce.AnnouncerSettings;
import org.ccpairs.connectors.announce.PollReport;

/** {@code ccpairs announce --watch}: the announcer on the command line, until Ctrl-C. */
final class AnnounceWatch {
    private final AnnouncerSettings settings;
    private final AnnouncerRunner.Kafka kafka;
    private final Optional<Integer> metricsPort;
    private int polls;

    AnnounceWatch(
            AnnouncerSettings settings,
            AnnouncerRunner.Kafka kafka,
            Optional<Integer> metricsPort) {
        this.settings = settings;
        this.kafka = kafka;
        this.metricsPort = metricsPort;
    }

    /** Polls until stopped (or once); the exit code. */
    int run(boolean once) throws InterruptedException {
        AnnouncerMetrics metrics = new AnnouncerMetrics();
        System.out.printf(
                "announcer: %s from %s, %s files, at most %d segments per poll%s; remembers in"
                        + " %s%n",
                org.ccpairs.connectors.announce.CrawlFilter.of(settings),
                settings.crawlListUrl(),
                settings.fileKinds(),
                settings.maxSegmentsPerPoll(),
                once ? "" : ", every " + settings.pollInterval(),
                kafka.topics().ledger());
        try (AnnouncerRunner runner =
                        new AnnouncerRunner(
                                settings,
                                kafka,
                                metrics,
                                "ccpairs-cli --watch (" + kafka.transactionalId() + ")",
                                Clock.systemUTC());
                AnnouncerPrometheus prometheus =
                        metricsPort.map(p -> AnnouncerPrometheus.start(p, metrics)).orElse(null)) {
            if (prometheus != null) {
                System.out.printf(
                        "announcer: metrics on http://localhost:%d/metrics%n", prometheus.port());
            }
            if (once) {
                PollReport report = runner.pollOnce();
                print(report);
                return report.succeeded() ? 0 : 1;
            }
            Thread main = Thread.currentThread();
            Thread hook =
                    new Thread(
                            () -> {
                                runner.stop();
                                try {
                                    main.join(30_000);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            "ccpairs-announcer-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            runner.run(this::print);
            return 0;
        }
    }

    private void print(PollReport report) {
        polls++;
        String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        report.announced().forEach(a -> System.out.printf("[%s] announced %s%n", at, a));
        System.out.printf("[%s] poll %d: %s%n", at, polls, report.summary());
    }
}
