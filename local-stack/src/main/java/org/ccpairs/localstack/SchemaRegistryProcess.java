package org.ccpairs.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Apicurio Registry as a separate OS process, serving the Confluent Schema Registry API (what
 * Confluent's {@code CachedSchemaRegistryClient} talks to) at {@link #url()}. Storage is in memory:
 * schemas do not survive a restart. About 3 s to start and 230 MiB of memory.
 *
 * <p>It runs with {@code workDir} as its working directory (Quarkus writes there) and only listens
 * on the loopback interface. Its log goes to the given log file, truncated at start.
 */
public final class SchemaRegistryProcess implements AutoCloseable {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private final ChildProcess process;
    private final int port;

    private SchemaRegistryProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the registry and waits until {@code GET <url>/subjects} returns 200.
     *
     * @param port the HTTP port, or 0 for a free one
     * @throws LocalStackException if the port is busy, the Apicurio distribution is not built, or
     *     the registry exits or does not answer within 90 s (with the last lines of its log)
     */
    public static SchemaRegistryProcess start(Path workDir, int port, Path logFile) {
        int httpPort = Ports.resolve(port);
        Ports.requireFree(
                httpPort, "the schema registry", "another port argument (0 picks a free one)");
        Path runnerJar = StackFiles.apicurioRunnerJar();
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            throw new LocalStackException("cannot truncate " + logFile + ": " + e.getMessage(), e);
        }
        ChildProcess child =
                ChildProcess.startJava(
                        "the schema registry (Apicurio)",
                        List.of(
                                "-Xmx256m",
                                // A short-lived dev service: C1 and the serial GC start faster
                                // and use less memory on a small machine.
                                "-XX:TieredStopAtLevel=1",
                                "-XX:+UseSerialGC",
                                "-Dquarkus.http.host=127.0.0.1",
                                "-Dquarkus.http.port=" + httpPort,
                                "-Dquarkus.management.enabled=false",
                                "-Dquarkus.http.access-log.enabled=false",
                                // Vert.x caches files under java.io.tmpdir by default.
                                "-Dvertx.cacheDirBase="
                                        + workDir.toAbsolutePath().resolve("vertx-cache"),
                                "-jar",
                                runnerJar.toString()),
                        Map.of(),
                        workDir.toAbsolutePath(),
                        logFile);
        String url = urlFor(httpPort);
        child.awaitReady(READY_TIMEOUT, () -> Probes.registryAnswers(url, Duration.ofSeconds(2)));
        return new SchemaRegistryProcess(child, httpPort);
    }

    /** The Confluent-compatible base URL, {@code http://localhost:PORT/apis/ccompat/v7}. */
    public String url() {
        return urlFor(port);
    }

    /** The HTTP port. */
    public int port() {
        return port;
    }

    /** The OS process id of the registry. */
    public long pid() {
        return process.pid();
    }

    /** Stops the registry (SIGTERM, then a kill after 30 s); safe to call twice. */
    @Override
    public void close() {
        process.stop();
    }

    static String urlFor(int port) {
        return "http://localhost:" + port + CCOMPAT_PATH;
    }
}
