package org.ccpairs.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LocalStackITCase {

    @TempDir Path home;

    @AfterEach
    void leaveNothingRunning() {
        LocalStack.at(home).down();
    }

    @Test
    void upStatusDown() throws Exception {
        LocalStack stack = LocalStack.at(home);
        // A stack folder left by a crashed run: the recorded pid is long gone.
        new StackState(
                        new StackState.Recorded(deadPid(), -1, 1, "localhost:1"),
                        new StackState.Recorded(deadPid(), -1, 2, "http://localhost:2"))
                .write(home.resolve("stack.properties"));
        assertThat(stack.status().stopped()).isTrue();

        Status up = stack.up(0, 0);

        assertThat(up.healthy()).as(up.render()).isTrue();
        assertThat(up.bootstrapServers()).startsWith("localhost:");
        assertThat(up.registryUrl()).startsWith("http://localhost:").endsWith("/apis/ccompat/v7");
        assertThat(home.resolve("logs/kafka.log")).isNotEmptyFile();
        assertThat(home.resolve("logs/registry.log")).isNotEmptyFile();
        assertThat(stack.status()).isEqualTo(up);
        assertThat(LocalStack.at(home).up(0, 0)).as("second up reuses the stack").isEqualTo(up);

        stack.down();

        Status down = stack.status();
        assertThat(down.stopped()).as(down.render()).isTrue();
        assertThat(ProcessHandle.of(up.kafka().pid().getAsLong()).filter(ProcessHandle::isAlive))
                .isEmpty();
        assertThat(ProcessHandle.of(up.registry().pid().getAsLong()).filter(ProcessHandle::isAlive))
                .isEmpty();
        assertThat(home.resolve("stack.properties")).doesNotExist();
        stack.down(); // idempotent
    }

    @Test
    void busyPortFailsBeforeStartingAnything() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(0));
            int port = busy.getLocalPort();

            assertThatThrownBy(() -> LocalStack.at(home).up(port, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port + " is already in use")
                    .hasMessageContaining("--kafka-port");
            assertThatThrownBy(() -> LocalStack.at(home).up(0, port))
                    .hasMessageContaining("port " + port + " is already in use")
                    .hasMessageContaining("--registry-port");
        }
        assertThat(LocalStack.at(home).status().stopped()).isTrue();
        assertThat(Files.exists(home.resolve("stack.properties"))).isFalse();
    }

    @Test
    @Timeout(120)
    void stopOnExitLeavesNothingBehindWhenTheJvmIsTerminated() throws Exception {
        Process demo =
                new ProcessBuilder(
                                Jvm.executable(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                StackUpUntilKilled.class.getName(),
                                home.toString())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.lines().filter(line -> line.startsWith("UP")).findFirst())
                    .contains("UP true");
            // the child saw its stack answer; on a loaded machine a probe from here can still
            // miss one answer, so ask again for a while before calling it unhealthy
            Status up = LocalStack.at(home).status();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!up.healthy() && System.nanoTime() < deadline) {
                Thread.sleep(500); // polling, not timing
                up = LocalStack.at(home).status();
            }
            assertThat(up.healthy()).as(up.render()).isTrue();

            demo.destroy(); // SIGTERM, which runs shutdown hooks like Ctrl-C's SIGINT
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(LocalStack.at(home).status().stopped()).isTrue();
            assertThat(
                            ProcessHandle.of(up.kafka().pid().getAsLong())
                                    .filter(ProcessHandle::isAlive))
                    .isEmpty();
            assertThat(
                            ProcessHandle.of(up.registry().pid().getAsLong())
                                    .filter(ProcessHandle::isAlive))
                    .isEmpty();
        } finally {
            demo.destroyForcibly();
        }
    }

    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder(Jvm.executable(), "-version").start();
        process.waitFor();
        return process.pid();
    }
}
