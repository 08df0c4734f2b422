package org.ccpairs.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedStackExtension.class)
class SharedStackExtensionITCase {

    @BeforeAll
    static void createTopic() {
        SharedStackExtension.kafka().createTopics(1, "shared");
    }

    @Test
    void givesOneBrokerAndOneRegistryPerJvm() throws Exception {
        assertThat(SharedStackExtension.kafka()).isSameAs(SharedStackExtension.kafka());
        assertThat(
                        Probes.registryAnswers(
                                SharedStackExtension.registryUrl(), Duration.ofSeconds(5)))
                .isTrue();

        String bootstrap = SharedStackExtension.kafka().bootstrapServers();
        TestRecords.produce(bootstrap, "shared", "x");
        assertThat(
                        TestRecords.consumeUntil(
                                bootstrap, "shared", "read_committed", "x", Duration.ofSeconds(30)))
                .containsExactly("x");
    }
}
