package org.ccpairs.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka (broker and controller) as a separate OS process, {@code java
 * kafka.Kafka server.properties} on the JDK of this JVM, with this module's runtime classpath. Same
 * broker settings as {@link EmbeddedKafka}. About 3 s to start and 350 MiB of memory.
 *
 * <p>Files under {@code dataDir}: {@code server.properties}, {@code log4j2.xml} and {@code data/},
 * which every {@link #start} deletes and formats anew with a random cluster id: topics do not
 * survive a restart. The broker's log goes to the given log file, truncated at start.
 */
public final class KafkaServerProcess implements AutoCloseable {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    static final String MAIN_CLASS = "kafka.Kafka";

    private final ChildProcess process;
    private final int port;

    private KafkaServerProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Formats storage, starts the broker and waits until it answers {@code describeCluster}.
     *
     * @param port the client port, or 0 for a free one
     * @throws LocalStackException if the port is busy, the classpath file is missing, or the broker
     *     exits or does not answer within 60 s (the message then holds the last lines of its log)
     */
    public static KafkaServerProcess start(Path dataDir, int port, Path logFile) {
        int clientPort = Ports.resolve(port);
        Ports.requireFree(clientPort, "Kafka", "another port argument (0 picks a free one)");
        String classpath = StackFiles.kafkaClasspath();
        Path home = dataDir.toAbsolutePath();
        Path properties = home.resolve("server.properties");
        Path log4j = home.resolve("log4j2.xml");
        try {
            Files.createDirectories(home);
            Dirs.deleteRecursively(home.resolve("data"));
            writeServerProperties(
                    properties,
                    home.resolve("data"),
                    clientPort,
                    Ports.resolveOther(0, clientPort));
            writeLog4j(log4j);
            Files.deleteIfExists(logFile);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            format(properties, logFile);
        } catch (IOException e) {
            throw new LocalStackException("cannot prepare Kafka's files in " + home + ": " + e, e);
        }
        ChildProcess child =
                ChildProcess.startJava(
                        "Kafka",
                        List.of(
                                "-Xms64m",
                                "-Xmx512m",
                                "-Djava.awt.headless=true",
                                "-Dlog4j2.configurationFile=" + log4j.toUri(),
                                MAIN_CLASS,
                                properties.toString()),
                        Map.of("CLASSPATH", classpath),
                        home,
                        logFile);
        child.awaitReady(
                READY_TIMEOUT, () -> Probes.kafkaAnswers(clientPort, Duration.ofSeconds(2)));
        return new KafkaServerProcess(child, clientPort);
    }

    /** {@code localhost:port}; never null. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The client port. */
    public int port() {
        return port;
    }

    /** The OS process id of the broker. */
    public long pid() {
        return process.pid();
    }

    /** Stops the broker (SIGTERM, then a kill after 30 s); safe to call twice. */
    @Override
    public void close() {
        process.stop();
    }

    private static void writeServerProperties(Path file, Path data, int port, int controllerPort)
            throws IOException {
        Map<String, String> config = new TreeMap<>(BrokerConfig.singleNode());
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        config.put(
                "listeners",
                "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", data.toString());
        StringBuilder text =
                new StringBuilder(
                        "# Written by ccpairs local-stack (KafkaServerProcess) at every start.\n");
        // Sorted, so that a person can read it; only backslashes need escaping in these values.
        config.forEach(
                (key, value) ->
                        text.append(key)
                                .append('=')
                                .append(value.replace("\\", "\\\\"))
                                .append('\n'));
        Files.writeString(file, text);
    }

    private static void writeLog4j(Path file) throws IOException {
        try (var in = KafkaServerProcess.class.getResourceAsStream("kafka-log4j2.xml")) {
            if (in == null) {
                throw new IOException("resource kafka-log4j2.xml missing from the classpath");
            }
            Files.write(file, in.readAllBytes());
        }
    }

    /**
     * Runs kafka-storage's "format" in this JVM (saves a JVM start); its output goes to the log.
     */
    private static void format(Path properties, Path logFile) throws IOException {
        String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString()};
        int exitCode;
        try (PrintStream out =
                new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(args, out);
        } catch (Exception e) { // Scala code may throw checked exceptions undeclared
            throw new LocalStackException(
                    "formatting Kafka storage failed: " + e.getMessage() + "; see " + logFile, e);
        }
        if (exitCode != 0) {
            throw new LocalStackException(
                    "formatting Kafka storage failed (exit code "
                            + exitCode
                            + "); last lines of "
                            + logFile
                            + ":\n"
                            + LogTail.read(logFile, 20));
        }
    }
}
