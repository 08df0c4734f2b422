package org.ccpairs.connectors.announce;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.ccpairs.avro.FileKind;

/**
 * Settings of the segment announcer, the same whether it runs from the CLI ({@code ccpairs announce
 * --watch}) or as the Kafka Connect source connector. It also uses {@code kafka.topic.segments},
 * {@code kafka.topic.dlq} and the {@code registry.*} settings.
 */
public final class AnnouncerOptions {
    public static final ConfigOption<String> BASE_URL =
            ConfigOptions.key("announcer.base-url")
                    .stringType()
                    .defaultValue("https://data.commoncrawl.org/")
                    .withDescription(
                            "Where crawl data is served: path lists are read from"
                                    + " <base>crawl-data/<crawl>/warc.paths.gz, and every announced"
                                    + " file URL is the base followed by its path. http(s):// or"
                                    + " file:// (a local or mounted copy of the layout).");

    public static final ConfigOption<String> CRAWL_LIST_URL =
            ConfigOptions.key("announcer.crawl-list-url")
                    .stringType()
                    .defaultValue("https://index.commoncrawl.org/collinfo.json")
                    .withDescription(
                            "The crawl list: a JSON array of objects with an 'id' (collinfo.json of"
                                    + " the Common Crawl index server). http(s):// or file://.");

    public static final ConfigOption<String> CRAWL_PATTERN =
            ConfigOptions.key("announcer.crawl-pattern")
                    .stringType()
                    .defaultValue("CC-MAIN-\\d{4}-\\d{2}")
                    .withDescription(
                            "Regular expression a crawl id must match as a whole to be announced."
                                + " The default takes every crawl named by year and week (2013 on);"
                                + " the older crawls have no warc.paths.gz.");

    public static final ConfigOption<String> CRAWLS_SINCE =
            ConfigOptions.key("announcer.crawls-since")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Only crawls that started on or after this date (yyyy-mm-dd), judged by"
                                + " the year and week in their id (CC-MAIN-2024-51 starts on Monday"
                                + " of ISO week 51 of 2024); ids without a week are then skipped."
                                + " Unset: every crawl the pattern takes. Set it on a first"
                                + " deployment, or the announcer works through a decade of crawls,"
                                + " oldest first.");

    public static final ConfigOption<List<FileKind>> FILE_KINDS =
            ConfigOptions.key("announcer.file-kinds")
                    .enumType(FileKind.class)
                    .asList()
                    .defaultValues(FileKind.WARC)
                    .withDescription(
                            "Which files to announce, WARC, WAT or both (WARC;WAT); one"
                                    + " announcement per segment and kind. The job reads WARC"
                                    + " only, so far.");

    public static final ConfigOption<Integer> MAX_SEGMENTS_PER_POLL =
            ConfigOptions.key("announcer.max-segments-per-poll")
                    .intType()
                    .defaultValue(100)
                    .withDescription(
                            "At most this many segments are announced per poll, oldest crawl first;"
                                    + " the rest wait for the next poll. A crawl has about 100.");

    public static final ConfigOption<Duration> POLL_INTERVAL =
            ConfigOptions.key("announcer.poll-interval")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "Time between the start of one poll and the next. Common Crawl"
                                    + " publishes about once a month.");

    public static final ConfigOption<String> USER_AGENT =
            ConfigOptions.key("announcer.user-agent")
                    .stringType()
                    .defaultValue("ccpairs-announcer/0.1 (+https://github.com/ccpairs/ccpairs)")
                    .withDescription(
                            "User-Agent of the announcer's requests. Name your deployment and a"
                                    + " contact URL so that the operators of the server can reach"
                                    + " you.");

    public static final ConfigOption<Duration> HTTP_TIMEOUT =
            ConfigOptions.key("announcer.http.timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(2))
                    .withDescription(
                            "Longest time for one request, from connecting to the last byte of the"
                                    + " body; a slower answer counts as a TIMEOUT and is retried.");

    public static final ConfigOption<Integer> HTTP_ATTEMPTS =
            ConfigOptions.key("announcer.http.attempts")
                    .intType()
                    .defaultValue(4)
                    .withDescription(
                            "How often one request is tried when the server fails (5xx, 429,"
                                + " timeouts, broken connections) before the poll gives up on it"
                                + " and counts a poll error; the next poll starts over. 404 and"
                                + " other 4xx are not retried.");

    public static final ConfigOption<Duration> HTTP_BACKOFF =
            ConfigOptions.key("announcer.http.backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "Wait before the second attempt of a request; doubled for each further"
                                    + " one. A Retry-After header, when longer, is honoured.");

    public static final ConfigOption<Duration> MISSING_PATH_LIST_RETRY =
            ConfigOptions.key("announcer.missing-path-list-retry")
                    .durationType()
                    .defaultValue(Duration.ofHours(24))
                    .withDescription(
                            "A crawl whose path list is missing (HTTP 404, an unknown crawl id) is"
                                    + " dead-lettered once and asked for again only after this"
                                    + " long.");

    public static final ConfigOption<String> LEDGER_TOPIC =
            ConfigOptions.key("announcer.ledger-topic")
                    .stringType()
                    .defaultValue("ccpairs.announcer-ledger")
                    .withDescription(
                            "Compacted topic in which the CLI announcer remembers what it"
                                + " announced, written in the same Kafka transaction as each"
                                + " announcement; created (cleanup.policy=compact) when missing."
                                + " The Kafka Connect connector keeps this in Connect's offsets"
                                + " instead.");

    public static final ConfigOption<String> TRANSACTIONAL_ID =
            ConfigOptions.key("announcer.transactional-id")
                    .stringType()
                    .defaultValue("ccpairs-announcer")
                    .withDescription(
                            "Transactional id of the CLI announcer's producer. A second announcer"
                                    + " started with the same id fences the first one, which"
                                    + " stops; give each deployment its own id.");

    public static final ConfigOption<Integer> METRICS_PORT =
            ConfigOptions.key("announcer.metrics.port")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "Port of the CLI announcer's Prometheus endpoint (/metrics); unset: no"
                                    + " endpoint. The connector reports through Kafka Connect's"
                                    + " plugin metrics (JMX) instead.");

    private AnnouncerOptions() {}
}
