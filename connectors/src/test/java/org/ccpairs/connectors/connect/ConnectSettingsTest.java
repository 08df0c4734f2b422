package org.ccpairs.connectors.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.ccpairs.avro.FileKind;
import org.ccpairs.connectors.announce.AnnouncerSettings;
import org.ccpairs.connectors.announce.CrawlKey;
import org.ccpairs.connectors.announce.CrawlProgress;
import org.junit.jupiter.api.Test;

/** The connector's configuration and offsets, without a worker. */
class ConnectSettingsTest {
    private static final String REGISTRY = "http://registry:8081";

    @Test
    void connectDefaultsAreTheSameSettingsAsTheCli() {
        ConfigDef def = ConnectSettings.configDef();
        Map<String, String> props = new HashMap<>();
        def.configKeys()
                .forEach(
                        (key, k) -> {
                            if (k.hasDefault() && k.defaultValue != null) {
                                props.put(key, k.defaultValue.toString());
                            }
                        });

        assertThat(AnnouncerSettings.from(ConnectSettings.configuration(props)).toString())
                .isEqualTo(AnnouncerSettings.from(new Configuration()).toString());
        assertThat(def.configKeys().get("registry.url").hasDefault()).isFalse();
        assertThat(def.configKeys())
                .doesNotContainKeys("announcer.ledger-topic", "kafka.bootstrap-servers");
        assertThat(def.configKeys().get("announcer.poll-interval").documentation)
                .contains("Common Crawl publishes");
    }

    @Test
    void validationPutsTheProblemOnTheSetting() {
        Map<String, String> props = new HashMap<>();
        props.put("registry.url", REGISTRY);
        props.put("announcer.crawls-since", "yesterday");

        List<ConfigValue> values = new SegmentAnnouncerConnector().validate(props).configValues();

        assertThat(values)
                .filteredOn(v -> !v.errorMessages().isEmpty())
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.name()).isEqualTo("announcer.crawls-since");
                            assertThat(v.errorMessages().get(0)).contains("must be a date");
                        });
    }

    @Test
    void startingWithoutARegistryFailsWithAMessage() {
        assertThatThrownBy(() -> new SegmentAnnouncerConnector().start(Map.of()))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("'registry.url' is not set");
    }

    @Test
    void oneTaskCarriesTheConnectorsSettings() {
        SegmentAnnouncerConnector connector = new SegmentAnnouncerConnector();
        connector.start(Map.of("registry.url", REGISTRY, "name", "a"));

        assertThat(connector.taskConfigs(8))
                .singleElement()
                .satisfies(c -> assertThat(c).containsEntry("registry.url", REGISTRY));
        assertThat(connector.taskClass()).isEqualTo(SegmentAnnouncerTask.class);
    }

    @Test
    void offsetHoldsTheWholeProgressAndReadsBack() {
        CrawlKey key = new CrawlKey("CC-MAIN-2024-51", FileKind.WAT);
        CrawlProgress progress =
                new CrawlProgress(
                        key,
                        new TreeSet<>(Set.of("1733066035855.10", "1733066035855.2")),
                        100,
                        false);

        Map<String, Object> partition = ConnectOffsets.partition(key);
        Map<String, Object> offset = ConnectOffsets.offset(progress);

        assertThat(partition)
                .containsEntry("crawl_id", "CC-MAIN-2024-51")
                .containsEntry("file_kind", "WAT");
        assertThat(offset).containsEntry("announced", "1733066035855.10,1733066035855.2");
        // the worker stores offsets as JSON: numbers may come back as Long
        Map<String, Object> stored = new HashMap<>(offset);
        stored.put("segments_listed", 100L);
        assertThat(ConnectOffsets.progress(ConnectOffsets.key(partition), stored))
                .isEqualTo(progress);
        assertThat(ConnectOffsets.progress(key, null)).isEqualTo(CrawlProgress.none(key));
    }

    @Test
    void alteredOffsetsMustBeAnnouncerOffsets() {
        SegmentAnnouncerConnector connector = new SegmentAnnouncerConnector();
        Map<Map<String, ?>, Map<String, ?>> good =
                Map.of(
                        Map.of("crawl_id", "C", "file_kind", "WARC"),
                        Map.of("announced", "", "segments_listed", 0, "complete", false));
        Map<Map<String, ?>, Map<String, ?>> bad =
                Map.of(Map.of("crawl_id", "C", "file_kind", "WARC"), Map.of("position", 7));

        assertThat(connector.alterOffsets(Map.of(), good)).isTrue();
        assertThatThrownBy(() -> connector.alterOffsets(Map.of(), bad))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("not an announcer offset");
    }
}
