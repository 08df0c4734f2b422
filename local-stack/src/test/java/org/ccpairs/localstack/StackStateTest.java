package org.ccpairs.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStateTest {

    @TempDir Path dir;

    @Test
    void roundTripsThroughTheFile() {
        Path file = dir.resolve("stack.properties");
        StackState state =
                new StackState(
                        new StackState.Recorded(10, 1000, 19092, "localhost:19092"),
                        new StackState.Recorded(
                                11, -1, 18081, "http://localhost:18081/apis/ccompat/v7"));

        state.write(file);

        assertThat(StackState.read(file)).contains(state);
        assertThat(StackState.read(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void aCorruptFileSaysWhatToDo() throws Exception {
        Path file = Files.writeString(dir.resolve("stack.properties"), "kafka.pid=x");

        assertThatThrownBy(() -> StackState.read(file))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("then delete it");
    }

    @Test
    void aLiveProcessIsOursOnlyIfItsStartTimeMatches() {
        long self = ProcessHandle.current().pid();
        StackState.Recorded recordedNow = StackState.Recorded.of(self, 1, "x");
        StackState.Recorded samePidOtherProcess =
                new StackState.Recorded(self, recordedNow.startedMillis() - 60_000, 1, "x");

        assertThat(recordedNow.liveProcess()).isPresent();
        assertThat(samePidOtherProcess.liveProcess()).isEmpty();
    }
}
