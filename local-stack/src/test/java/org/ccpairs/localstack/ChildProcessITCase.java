package org.ccpairs.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessITCase {

    @TempDir Path dir;

    @Test
    void earlyExitFailsWithTheTailOfTheLog() {
        Path log = dir.resolve("child.log");
        ChildProcess child =
                ChildProcess.startJava("a test JVM", List.of("-version"), Map.of(), dir, log);

        assertThatThrownBy(() -> child.awaitReady(Duration.ofSeconds(30), () -> false))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("a test JVM exited with code 0 while starting")
                .hasMessageContaining("last lines of " + log)
                .hasMessageContaining("version");
    }

    @Test
    void timeoutStopsTheProcessAndSaysSo() {
        ChildProcess child =
                ChildProcess.startJava(
                        "a sleeping JVM",
                        List.of(
                                "-XshowSettings:none",
                                "-cp",
                                System.getProperty("java.class.path"),
                                Sleeper.class.getName()),
                        Map.of(),
                        dir,
                        dir.resolve("sleeper.log"));

        assertThatThrownBy(() -> child.awaitReady(Duration.ofSeconds(1), () -> false))
                .hasMessageContaining("a sleeping JVM did not answer within");
        assertThat(child.isAlive()).isFalse();
    }

    /** A child that never gets ready. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
