package org.ccpairs.connectors.connect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.apache.kafka.common.config.ConfigDef;
import org.ccpairs.connectors.announce.AnnouncerOptions;
import org.ccpairs.connectors.kafka.KafkaOptions;
import org.ccpairs.connectors.registry.RegistryOptions;

/**
 * The connector's configuration: the same {@link ConfigOption}s, keys and defaults as the CLI
 * announcer, declared to Kafka Connect as a {@link ConfigDef} (strings, parsed by Flink's {@link
 * Configuration} exactly as the CLI parses them). Kafka bootstrap servers and client security come
 * from the Connect worker; the ledger is Connect's offset storage, so the ledger-topic,
 * transactional-id and metrics-port settings do not apply.
 */
public final class ConnectSettings {
    /** Every setting the connector takes, in the order Connect shows them. */
    public static final List<ConfigOption<?>> OPTIONS =
            List.of(
                    RegistryOptions.URL,
                    AnnouncerOptions.BASE_URL,
                    AnnouncerOptions.CRAWL_LIST_URL,
                    AnnouncerOptions.CRAWL_PATTERN,
                    AnnouncerOptions.CRAWLS_SINCE,
                    AnnouncerOptions.FILE_KINDS,
                    AnnouncerOptions.MAX_SEGMENTS_PER_POLL,
                    AnnouncerOptions.POLL_INTERVAL,
                    AnnouncerOptions.USER_AGENT,
                    AnnouncerOptions.HTTP_TIMEOUT,
                    AnnouncerOptions.HTTP_ATTEMPTS,
                    AnnouncerOptions.HTTP_BACKOFF,
                    AnnouncerOptions.MISSING_PATH_LIST_RETRY,
                    KafkaOptions.SEGMENTS_TOPIC,
                    KafkaOptions.DLQ_TOPIC,
                    RegistryOptions.CLIENT_PROPERTIES,
                    RegistryOptions.AUTO_REGISTER,
                    RegistryOptions.CACHE_CAPACITY);

    private ConnectSettings() {}

    /** The options as a Connect {@link ConfigDef}; {@code registry.url} is required. */
    public static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        Map<String, String> defaults = defaults();
        for (ConfigOption<?> option : OPTIONS) {
            boolean required = option == RegistryOptions.URL;
            def.define(
                    option.key(),
                    ConfigDef.Type.STRING,
                    required ? ConfigDef.NO_DEFAULT_VALUE : defaults.get(option.key()),
                    required ? ConfigDef.Importance.HIGH : ConfigDef.Importance.MEDIUM,
                    new HtmlFormatter().format(option.description()));
        }
        return def;
    }

    /** The connector's settings out of a Connect configuration; other keys are left out. */
    public static Configuration configuration(Map<String, String> props) {
        Map<String, String> ours = new HashMap<>();
        for (ConfigOption<?> option : OPTIONS) {
            String value = props.get(option.key());
            if (value != null && !value.isBlank()) {
                ours.put(option.key(), value);
            }
        }
        return Configuration.fromMap(ours);
    }

    /**
     * Each option's default written the way Flink parses it back (durations "1 h", lists "A;B").
     */
    private static Map<String, String> defaults() {
        Configuration conf = new Configuration();
        for (ConfigOption<?> option : OPTIONS) {
            if (option.hasDefaultValue()) {
                set(conf, option);
            }
        }
        return conf.toMap();
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(Configuration conf, ConfigOption<T> option) {
        conf.set(option, option.defaultValue());
    }
}
