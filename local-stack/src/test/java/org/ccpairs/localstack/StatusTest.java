package org.ccpairs.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StatusTest {

    private static final ComponentStatus KAFKA =
            new ComponentStatus("kafka", OptionalLong.of(42), Optional.of("localhost:19092"), true);
    private static final ComponentStatus SLOW_REGISTRY =
            new ComponentStatus(
                    "registry",
                    OptionalLong.of(43),
                    Optional.of("http://localhost:18081/apis/ccompat/v7"),
                    false);

    @Test
    void rendersATableWithOneLinePerComponent() {
        Status status = new Status(KAFKA, SLOW_REGISTRY);

        assertThat(status.render().lines())
                .containsExactly(
                        "COMPONENT  STATE                    PID      ENDPOINT",
                        "kafka      running                  42       localhost:19092",
                        "registry   running, not answering   43      "
                                + " http://localhost:18081/apis/ccompat/v7");
        assertThat(status).hasToString(status.render());
        assertThat(status.healthy()).isFalse();
        assertThat(status.stopped()).isFalse();
    }

    @Test
    void stoppedComponentsShowDashes() {
        Status status =
                new Status(ComponentStatus.stopped("kafka"), ComponentStatus.stopped("registry"));

        assertThat(status.render()).contains("kafka      stopped                  -        -");
        assertThat(status.stopped()).isTrue();
        assertThat(status.bootstrapServers()).isNull();
        assertThat(status.registryUrl()).isNull();
    }
}
