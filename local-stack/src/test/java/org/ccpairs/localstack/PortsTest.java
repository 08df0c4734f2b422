package org.ccpairs.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aBusyPortIsReportedWithWhatToDo() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(0));
            int port = busy.getLocalPort();

            assertThat(Ports.accepts(port, 1000)).isTrue();
            assertThatThrownBy(() -> Ports.requireFree(port, "Kafka", "--kafka-port"))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessage(
                            "port "
                                    + port
                                    + " is already in use (Kafka needs it); stop what listens"
                                    + " there or choose another port with --kafka-port");
        }
    }

    @Test
    void zeroMeansAFreePort() {
        int port = Ports.resolve(0);

        assertThat(port).isPositive();
        Ports.requireFree(port, "test", "-");
        assertThat(Ports.resolve(19092)).isEqualTo(19092);
        assertThatThrownBy(() -> Ports.resolve(70000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecondComponentNeverGetsTheFirstOnesPort() {
        int first = Ports.resolve(0);

        assertThat(Ports.resolveOther(0, first)).isNotEqualTo(first);
        assertThatThrownBy(() -> Ports.resolveOther(first, first))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot share port " + first);
    }
}
