package org.ccpairs.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.ccpairs.connectors.kafka.KafkaOptions;
import org.ccpairs.connectors.registry.RegistryOptions;
import org.junit.jupiter.api.Test;

/**
 * Every setting of the connectors is declared once, with a key under its prefix and a description.
 */
class ConfigOptionsTest {

    @Test
    void kafkaOptionsAreDescribedAndUnderTheKafkaPrefix() throws IllegalAccessException {
        List<ConfigOption<?>> options = optionsOf(KafkaOptions.class);

        assertThat(options).hasSize(11);
        assertThat(options)
                .allSatisfy(
                        option -> {
                            assertThat(option.key()).startsWith("kafka.");
                            assertThat(option.description().toString()).isNotBlank();
                        });
        assertThat(options).extracting(ConfigOption::key).doesNotHaveDuplicates();
    }

    @Test
    void topicsDefaultToCcpairsNames() {
        assertThat(KafkaOptions.SEGMENTS_TOPIC.key()).isEqualTo("kafka.topic.segments");
        assertThat(KafkaOptions.SEGMENTS_TOPIC.defaultValue()).isEqualTo("ccpairs.segments");
        assertThat(KafkaOptions.PAIRS_TOPIC.defaultValue()).isEqualTo("ccpairs.pairs");
        assertThat(KafkaOptions.VERSIONS_TOPIC.defaultValue()).isEqualTo("ccpairs.versions");
        assertThat(KafkaOptions.DLQ_TOPIC.defaultValue()).isEqualTo("ccpairs.dlq");
        assertThat(KafkaOptions.REJECTIONS_TOPIC.defaultValue()).isEqualTo("ccpairs.rejections");
        assertThat(KafkaOptions.TAKEDOWNS_TOPIC.defaultValue()).isEqualTo("ccpairs.takedowns");
        assertThat(KafkaOptions.RETRACTIONS_TOPIC.defaultValue()).isEqualTo("ccpairs.retractions");
        assertThat(KafkaOptions.BOOTSTRAP_SERVERS.hasDefaultValue()).isFalse();
    }

    @Test
    void registryOptionsAreDescribedAndUnderTheRegistryPrefix() throws IllegalAccessException {
        List<ConfigOption<?>> options = optionsOf(RegistryOptions.class);

        assertThat(options)
                .extracting(ConfigOption::key)
                .containsExactlyInAnyOrder(
                        "registry.url",
                        "registry.client-properties",
                        "registry.auto-register",
                        "registry.cache-capacity");
        assertThat(options)
                .allSatisfy(option -> assertThat(option.description().toString()).isNotBlank());
        assertThat(RegistryOptions.AUTO_REGISTER.defaultValue()).isTrue();
    }

    private static List<ConfigOption<?>> optionsOf(Class<?> holder) throws IllegalAccessException {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field field : holder.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
                assertThat(Modifier.isPublic(field.getModifiers())).as(field.getName()).isTrue();
                options.add((ConfigOption<?>) field.get(null));
            }
        }
        return options;
    }
}
