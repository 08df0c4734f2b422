package org.ccpairs.connectors.connect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.ccpairs.connectors.announce.AnnouncerSettings;
import org.ccpairs.connectors.announce.SettingException;
import org.ccpairs.connectors.registry.RegistrySettings;

/**
 * Kafka Connect source connector that announces Common Crawl segments on the segments topic: the
 * same {@link org.ccpairs.connectors.announce.SegmentAnnouncer} as {@code ccpairs announce
 * --watch}, with Connect's offset storage as its memory (see docs/announcer.md). Runs one task, so
 * that the crawl server gets one request at a time. Needs {@code
 * key.converter=org.apache.kafka.connect.storage.StringConverter} and {@code
 * value.converter=org.apache.kafka.connect.converters.ByteArrayConverter}: values are already
 * Confluent-framed Avro.
 */
public final class SegmentAnnouncerConnector extends SourceConnector {
    static final String VERSION = "0.1.0";

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        check(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SegmentAnnouncerTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
        props = null;
    }

    @Override
    public ConfigDef config() {
        return ConnectSettings.configDef();
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        try {
            check(connectorConfigs);
        } catch (ConnectException e) {
            String key =
                    e.getCause() instanceof SettingException s
                            ? s.key()
                            : org.ccpairs.connectors.registry.RegistryOptions.URL.key();
            for (ConfigValue value : config.configValues()) {
                if (value.name().equals(key)) {
                    value.addErrorMessage(e.getMessage());
                }
            }
        }
        return config;
    }

    /**
     * Offsets written by this connector's tasks are complete states; an operator may alter them.
     */
    @Override
    public boolean alterOffsets(
            Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        offsets.forEach(
                (partition, offset) -> {
                    try {
                        ConnectOffsets.progress(ConnectOffsets.key(partition), offset);
                    } catch (IllegalArgumentException e) {
                        throw new ConnectException(e.getMessage(), e);
                    }
                });
        return true;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        // each poll's records and their offsets may be committed in one transaction
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public String version() {
        return VERSION;
    }

    private static void check(Map<String, String> props) {
        try {
            var conf = ConnectSettings.configuration(new HashMap<>(props));
            AnnouncerSettings.from(conf);
            RegistrySettings.from(conf);
        } catch (IllegalArgumentException e) {
            throw new ConnectException(e.getMessage(), e);
        }
    }
}
