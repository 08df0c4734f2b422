package org.ccpairs.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.ccpairs.avro.FileKind;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.announce.AnnouncementPublisher;
import org.ccpairs.connectors.announce.Announcements;
import org.ccpairs.connectors.announce.AnnouncerOptions;
import org.ccpairs.connectors.announce.AnnouncerRunner;
import org.ccpairs.connectors.announce.AnnouncerSettings;
import org.ccpairs.connectors.announce.CrawlKey;
import org.ccpairs.connectors.announce.ManualAnnouncement;
import org.ccpairs.connectors.announce.TransactionalAnnouncementSink;
import org.ccpairs.connectors.kafka.KafkaOptions;
import org.ccpairs.connectors.registry.RegistryOptions;
import org.ccpairs.connectors.registry.RegistrySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ccpairs announce}: publish segment announcements, by hand (one segment, from files or from
 * the crawl's path list) or continuously ({@code --watch}, the CLI driver of the announcer).
 */
@Command(
        name = "announce",
        mixinStandardHelpOptions = true,
        description = {
            "Announce segments on the segments topic, where a running job picks them up.",
            "  announce --crawl C --segment S FILE...   one segment of the given files (paths or"
                    + " file://, http://, https:// URLs)",
            "  announce --crawl C --segment S [--force] one segment of a crawl, its files from the"
                    + " crawl's path list; refused if it was announced before, unless --force",
            "  announce --watch [--once]                poll the crawl list and announce every new"
                    + " segment exactly once (Ctrl-C stops)",
        })
final class AnnounceCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin KafkaEndpoints endpoints;

    @Option(names = "--crawl", description = "Crawl id, e.g. CC-MAIN-2024-51.")
    String crawlId;

    @Option(names = "--segment", description = "Segment id, e.g. 1733066035855.10.")
    String segmentId;

    @Option(
            names = "--kind",
            description =
                    "WARC or WAT; repeatable with --watch. Default: WARC (with --watch:"
                            + " announcer.file-kinds).")
    List<FileKind> kinds = new ArrayList<>();

    @Option(
            names = "--force",
            description = "Announce the segment again although it was announced before.")
    boolean force;

    @Option(names = "--watch", description = "Keep announcing new segments until stopped.")
    boolean watch;

    @Option(names = "--once", description = "With --watch: one poll, then exit (1 on errors).")
    boolean once;

    @Option(names = "--base-url", paramLabel = "URL", description = "announcer.base-url")
    String baseUrl;

    @Option(
            names = "--crawl-list-url",
            paramLabel = "URL",
            description = "announcer.crawl-list-url")
    String crawlListUrl;

    @Option(
            names = "--crawl-pattern",
            paramLabel = "REGEX",
            description = "announcer.crawl-pattern")
    String crawlPattern;

    @Option(names = "--since", paramLabel = "DATE", description = "announcer.crawls-since")
    String since;

    @Option(names = "--max-segments", description = "announcer.max-segments-per-poll")
    Integer maxSegments;

    @Option(names = "--interval", description = "announcer.poll-interval, e.g. 30min")
    Duration interval;

    @Option(names = "--user-agent", description = "announcer.user-agent")
    String userAgent;

    @Option(names = "--metrics-port", description = "announcer.metrics.port (0: any free port)")
    Integer metricsPort;

    @Option(names = "--topic", description = "Segments topic. Default: ccpairs.segments.")
    String topic;

    @Option(
            names = "--conf",
            paramLabel = "KEY=VALUE",
            description = "Any setting of docs/configuration.md, repeatable.")
    Map<String, String> conf = new LinkedHashMap<>();

    @Parameters(
            arity = "0..*",
            paramLabel = "FILE",
            description =
                    "The segment's files, in order; without them the crawl's path list is read.")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (watch) {
            if (crawlId != null || segmentId != null || !files.isEmpty() || force) {
                throw usage("--watch takes no --crawl, --segment, --force or FILE");
            }
            Configuration configuration = configuration();
            return new AnnounceWatch(
                            AnnouncerSettings.from(configuration),
                            kafka(configuration),
                            configuration.getOptional(AnnouncerOptions.METRICS_PORT))
                    .run(once);
        }
        if (once) {
            throw usage("--once needs --watch");
        }
        if (crawlId == null || segmentId == null) {
            throw usage(
                    "Missing required option: '"
                            + (crawlId == null ? "--crawl" : "--segment")
                            + "' (or use --watch)");
        }
        if (kinds.size() > 1) {
            throw usage("one --kind per announcement");
        }
        FileKind kind = kinds.isEmpty() ? FileKind.WARC : kinds.get(0);
        return files.isEmpty() ? fromPathList(kind) : fromFiles(kind);
    }

    private int fromFiles(FileKind kind) throws Exception {
        SegmentAnnouncement announcement =
                Announcements.of(crawlId, segmentId, kind, files, "ccpairs-cli", Clock.systemUTC());
        try (AnnouncementPublisher publisher =
                new AnnouncementPublisher(
                        endpoints.bootstrapServers(),
                        endpoints.kafkaProperties,
                        RegistrySettings.of(endpoints.registryUrl()),
                        configuration().get(KafkaOptions.SEGMENTS_TOPIC))) {
            RecordMetadata meta = publisher.publish(announcement);
            System.out.printf(
                    "announced %s with %d file(s) to %s (partition %d, offset %d)%n",
                    Announcements.key(announcement),
                    files.size(),
                    meta.topic(),
                    meta.partition(),
                    meta.offset());
        }
        return 0;
    }

    private int fromPathList(FileKind kind) throws Exception {
        Configuration configuration = configuration();
        ManualAnnouncement.Result result =
                ManualAnnouncement.announce(
                        AnnouncerSettings.from(configuration),
                        kafka(configuration),
                        new CrawlKey(crawlId, kind),
                        segmentId,
                        force,
                        force ? "ccpairs-cli --force" : "ccpairs-cli",
                        Clock.systemUTC());
        System.out.printf(
                "announced %s (%s, %d files from %s)%s%n",
                Announcements.key(result.announcement()),
                kind,
                result.announcement().getFiles().size(),
                result.pathListUrl(),
                result.repeated()
                        ? " again: the job gives it a new sequence number and a version with no"
                                + " new pairs unless its files changed"
                        : "");
        return 0;
    }

    /** The settings: --conf first, the dedicated flags over them. */
    private Configuration configuration() {
        Configuration c = Configuration.fromMap(conf);
        setIf(c, AnnouncerOptions.BASE_URL, baseUrl);
        setIf(c, AnnouncerOptions.CRAWL_LIST_URL, crawlListUrl);
        setIf(c, AnnouncerOptions.CRAWL_PATTERN, crawlPattern);
        setIf(c, AnnouncerOptions.CRAWLS_SINCE, since);
        setIf(c, AnnouncerOptions.MAX_SEGMENTS_PER_POLL, maxSegments);
        setIf(c, AnnouncerOptions.POLL_INTERVAL, interval);
        setIf(c, AnnouncerOptions.USER_AGENT, userAgent);
        setIf(c, AnnouncerOptions.METRICS_PORT, metricsPort);
        setIf(c, KafkaOptions.SEGMENTS_TOPIC, topic);
        if (watch && !kinds.isEmpty()) {
            c.set(AnnouncerOptions.FILE_KINDS, kinds);
        }
        return c;
    }

    private AnnouncerRunner.Kafka kafka(Configuration c) {
        c.set(RegistryOptions.URL, endpoints.registryUrl());
        return new AnnouncerRunner.Kafka(
                endpoints.bootstrapServers(),
                endpoints.kafkaProperties,
                RegistrySettings.from(c),
                new TransactionalAnnouncementSink.Topics(
                        c.get(KafkaOptions.SEGMENTS_TOPIC),
                        c.get(KafkaOptions.DLQ_TOPIC),
                        c.get(AnnouncerOptions.LEDGER_TOPIC)),
                c.get(AnnouncerOptions.TRANSACTIONAL_ID));
    }

    private static <T> void setIf(
            Configuration c, org.apache.flink.configuration.ConfigOption<T> option, T value) {
        if (value != null) {
            c.set(option, value);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
