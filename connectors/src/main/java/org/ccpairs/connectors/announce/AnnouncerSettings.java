package org.ccpairs.connectors.announce;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.ccpairs.avro.FileKind;

/**
 * The announcer's settings, read from {@link AnnouncerOptions} and checked once, so that a bad
 * value stops the announcer at start with a message naming the key (never in the middle of a poll).
 *
 * @param baseUrl absolute http(s) or file URL ending in '/'
 * @param crawlListUrl absolute http(s) or file URL
 * @param crawlsSince empty: no date filter
 * @param fileKinds never empty, in {@link FileKind} order
 */
public record AnnouncerSettings(
        String baseUrl,
        String crawlListUrl,
        Pattern crawlPattern,
        Optional<LocalDate> crawlsSince,
        List<FileKind> fileKinds,
        int maxSegmentsPerPoll,
        Duration pollInterval,
        String userAgent,
        Duration httpTimeout,
        int httpAttempts,
        Duration httpBackoff,
        Duration missingPathListRetry) {

    public AnnouncerSettings {
        fileKinds = List.copyOf(EnumSet.copyOf(fileKinds));
    }

    /**
     * Reads and checks every announcer setting of {@code conf}; absent ones take their defaults.
     *
     * @throws SettingException naming the first setting that cannot be used and why
     */
    public static AnnouncerSettings from(Configuration conf) {
        List<FileKind> kinds = conf.get(AnnouncerOptions.FILE_KINDS);
        if (kinds.isEmpty()) {
            throw new SettingException(AnnouncerOptions.FILE_KINDS, "must name WARC, WAT or both");
        }
        String userAgent = conf.get(AnnouncerOptions.USER_AGENT);
        if (userAgent.isBlank()) {
            throw new SettingException(
                    AnnouncerOptions.USER_AGENT, "must not be blank: name yourself and a contact");
        }
        return new AnnouncerSettings(
                url(conf, AnnouncerOptions.BASE_URL, true),
                url(conf, AnnouncerOptions.CRAWL_LIST_URL, false),
                pattern(conf),
                conf.getOptional(AnnouncerOptions.CRAWLS_SINCE).map(AnnouncerSettings::date),
                kinds,
                atLeastOne(conf, AnnouncerOptions.MAX_SEGMENTS_PER_POLL),
                positive(conf, AnnouncerOptions.POLL_INTERVAL),
                userAgent.strip(),
                positive(conf, AnnouncerOptions.HTTP_TIMEOUT),
                atLeastOne(conf, AnnouncerOptions.HTTP_ATTEMPTS),
                notNegative(conf, AnnouncerOptions.HTTP_BACKOFF),
                notNegative(conf, AnnouncerOptions.MISSING_PATH_LIST_RETRY));
    }

    private static String url(Configuration conf, ConfigOption<String> option, boolean isBase) {
        String value = conf.get(option).strip();
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new SettingException(option, "is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean web = scheme.equals("http") || scheme.equals("https");
        if (!(web || scheme.equals("file"))) {
            throw new SettingException(
                    option, "must be an http://, https:// or file:// URL, got '" + value + "'");
        }
        if (web && uri.getHost() == null) {
            throw new SettingException(option, "needs a host: '" + value + "'");
        }
        if (!web && (uri.getPath() == null || !uri.getPath().startsWith("/"))) {
            throw new SettingException(
                    option,
                    "must be an absolute file URL like file:///data/cc/, got '" + value + "'");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new SettingException(
                    option, "must not have a query or fragment: '" + value + "'");
        }
        return isBase && !value.endsWith("/") ? value + "/" : value;
    }

    private static Pattern pattern(Configuration conf) {
        try {
            return Pattern.compile(conf.get(AnnouncerOptions.CRAWL_PATTERN));
        } catch (PatternSyntaxException e) {
            throw new SettingException(
                    AnnouncerOptions.CRAWL_PATTERN,
                    "is not a regular expression: " + e.getDescription());
        }
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new SettingException(
                    AnnouncerOptions.CRAWLS_SINCE,
                    "must be a date like 2024-06-01, got '" + value + "'");
        }
    }

    private static int atLeastOne(Configuration conf, ConfigOption<Integer> option) {
        int value = conf.get(option);
        if (value < 1) {
            throw new SettingException(option, "must be at least 1, got " + value);
        }
        return value;
    }

    private static Duration positive(Configuration conf, ConfigOption<Duration> option) {
        Duration value = conf.get(option);
        if (value.isZero() || value.isNegative()) {
            throw new SettingException(option, "must be longer than zero, got " + value);
        }
        return value;
    }

    private static Duration notNegative(Configuration conf, ConfigOption<Duration> option) {
        Duration value = conf.get(option);
        if (value.isNegative()) {
            throw new SettingException(option, "must not be negative, got " + value);
        }
        return value;
    }
}
