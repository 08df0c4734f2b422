package org.ccpairs.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk stack behind {@code ./ccpairs stack up|down|status} and the demo: a {@link
 * KafkaServerProcess} and a {@link SchemaRegistryProcess} that outlive the JVM that started them.
 *
 * <p>Everything lives under one folder: {@code kafka/} (broker data), {@code registry/} (the
 * registry's working directory), {@code logs/kafka.log}, {@code logs/registry.log} and {@code
 * stack.properties} (ports and pids). Kafka's data does not survive a new {@link #up}: it starts
 * with empty topics, like the in-memory registry.
 *
 * <p>Not safe for two JVMs running {@code up} or {@code down} on the same folder at once.
 */
public final class LocalStack {

    /** Default broker port; not 9092, to keep clear of a Kafka the user may already run. */
    public static final int DEFAULT_KAFKA_PORT = 19092;

    /** Default registry port; not 8081, for the same reason. */
    public static final int DEFAULT_REGISTRY_PORT = 18081;

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final Path home;
    private final AtomicBoolean stopHookAdded = new AtomicBoolean();

    private LocalStack(Path home) {
        this.home = home.toAbsolutePath();
    }

    /** The stack whose files live under {@code home} (e.g. {@code <repo>/.ccpairs/stack}). */
    public static LocalStack at(Path home) {
        return new LocalStack(home);
    }

    /** The folder holding the stack's files; never null. */
    public Path home() {
        return home;
    }

    /**
     * Starts Kafka and the registry in parallel and records them. If both already run and answer,
     * returns their endpoints and ignores the ports given; leftovers of a stopped or half-running
     * stack are stopped first.
     *
     * @param kafkaPort broker port, 0 for a free one
     * @param registryPort registry port, 0 for a free one
     * @throws LocalStackException if a port is busy or a component does not start; nothing is left
     *     running then
     * @throws IllegalArgumentException if both ports are the same non-zero number
     */
    public Status up(int kafkaPort, int registryPort) {
        Status current = status();
        if (current.healthy()) {
            return current;
        }
        down();
        int kafkaFree = Ports.resolve(kafkaPort);
        int registryFree = Ports.resolveOther(registryPort, kafkaFree);
        Ports.requireFree(
                kafkaFree, "Kafka", "./ccpairs stack up --kafka-port <port> (0 = any free port)");
        Ports.requireFree(
                registryFree,
                "the schema registry",
                "./ccpairs stack up --registry-port <port> (0 = any free port)");
        long startNanos = System.nanoTime();
        InParallel.Both<SchemaRegistryProcess, KafkaServerProcess> started =
                InParallel.start(
                        () ->
                                SchemaRegistryProcess.start(
                                        home.resolve("registry"),
                                        registryFree,
                                        home.resolve("logs/registry.log")),
                        SchemaRegistryProcess::close,
                        () ->
                                KafkaServerProcess.start(
                                        home.resolve("kafka"),
                                        kafkaFree,
                                        home.resolve("logs/kafka.log")),
                        KafkaServerProcess::close);
        SchemaRegistryProcess registry = started.first();
        KafkaServerProcess kafka = started.second();
        StackState state =
                new StackState(
                        StackState.Recorded.of(kafka.pid(), kafka.port(), kafka.bootstrapServers()),
                        StackState.Recorded.of(registry.pid(), registry.port(), registry.url()));
        state.write(stateFile());
        LOG.info(
                "local stack up in {} ms: Kafka {} (pid {}), registry {} (pid {}), files in {}",
                Duration.ofNanos(System.nanoTime() - startNanos).toMillis(),
                kafka.bootstrapServers(),
                kafka.pid(),
                registry.url(),
                registry.pid(),
                home);
        return state.probe(PROBE_TIMEOUT);
    }

    /**
     * Stops the recorded processes (SIGTERM, then a kill after 30 s) and removes the state file.
     * Does nothing if nothing is recorded; processes that already exited are fine.
     *
     * @throws LocalStackException if a process survives a kill (the state file is then kept)
     */
    public void down() {
        Optional<StackState> state = StackState.read(stateFile());
        if (state.isEmpty()) {
            return;
        }
        List<ProcessHandle> live = new ArrayList<>();
        state.get().kafka().liveProcess().ifPresent(live::add);
        state.get().registry().liveProcess().ifPresent(live::add);
        live.forEach(ProcessHandle::destroy); // both shut down in parallel
        for (ProcessHandle handle : live) {
            if (!ChildProcess.stop(handle, ChildProcess.STOP_GRACE)) {
                throw new LocalStackException(
                        "process "
                                + handle.pid()
                                + " did not stop, even after a kill; stop it by hand, then run down"
                                + " again");
            }
        }
        Dirs.deleteFile(stateFile());
        if (!live.isEmpty()) {
            LOG.info("local stack in {} stopped", home);
        }
    }

    /** Which recorded processes run and whether they answer; takes at most a few seconds. */
    public Status status() {
        return StackState.read(stateFile())
                .map(state -> state.probe(PROBE_TIMEOUT))
                .orElseGet(
                        () ->
                                new Status(
                                        ComponentStatus.stopped("kafka"),
                                        ComponentStatus.stopped("registry")));
    }

    /**
     * Registers a JVM shutdown hook that runs {@link #down()}, so that Ctrl-C in the demo leaves no
     * process behind. Calling it again has no further effect.
     *
     * @return this stack
     */
    public LocalStack stopOnExit() {
        if (stopHookAdded.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::down, "ccpairs-stack-stop"));
        }
        return this;
    }

    private Path stateFile() {
        return home.resolve("stack.properties");
    }
}
