package org.ccpairs.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaServerProcessITCase {

    @TempDir Path dir;

    @Test
    void producesAndConsumesOneRecordThenStops() throws Exception {
        Path log = dir.resolve("logs/kafka.log");
        long pid;
        try (KafkaServerProcess kafka = KafkaServerProcess.start(dir.resolve("kafka"), 0, log)) {
            pid = kafka.pid();
            assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + kafka.port());

            TestRecords.produce(kafka.bootstrapServers(), "one", "hello");

            assertThat(
                            TestRecords.consumeUntil(
                                    kafka.bootstrapServers(),
                                    "one",
                                    "read_committed",
                                    "hello",
                                    Duration.ofSeconds(30)))
                    .containsExactly("hello");
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        // The broker's own log4j2 output reaches the file (it silently does not without the
        // binding).
        assertThat(Files.readString(log))
                .contains("Kafka Server started")
                .contains("shut down completed");
    }
}
