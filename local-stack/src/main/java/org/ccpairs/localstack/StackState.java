package org.ccpairs.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * The {@code stack.properties} file of a {@link LocalStack}: which processes it started, so that
 * {@code status} and {@code down} in another JVM find them again.
 */
record StackState(StackState.Recorded kafka, StackState.Recorded registry) {

    /**
     * One started process. The start time guards against pid reuse: a live process with the same
     * pid but another start time is not ours. {@code startedMillis} is -1 if the OS did not say.
     */
    record Recorded(long pid, long startedMillis, int port, String endpoint) {

        private static final long START_TOLERANCE_MILLIS = 1000;

        static Recorded of(long pid, int port, String endpoint) {
            long started =
                    ProcessHandle.of(pid)
                            .flatMap(handle -> handle.info().startInstant())
                            .map(Instant::toEpochMilli)
                            .orElse(-1L);
            return new Recorded(pid, started, port, endpoint);
        }

        /** The recorded process if it is still alive and is the one we started. */
        Optional<ProcessHandle> liveProcess() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::sameStart);
        }

        private boolean sameStart(ProcessHandle handle) {
            Optional<Instant> start = handle.info().startInstant();
            return startedMillis < 0
                    || start.isEmpty()
                    || Math.abs(start.get().toEpochMilli() - startedMillis)
                            <= START_TOLERANCE_MILLIS;
        }
    }

    /**
     * Which recorded processes are alive and whether their endpoints answer within {@code timeout}.
     */
    Status probe(Duration timeout) {
        return new Status(
                component("kafka", kafka, () -> Probes.kafkaAnswers(kafka.port(), timeout)),
                component(
                        "registry",
                        registry,
                        () -> Probes.registryAnswers(registry.endpoint(), timeout)));
    }

    private static ComponentStatus component(
            String name, Recorded recorded, BooleanSupplier probe) {
        Optional<ProcessHandle> live = recorded.liveProcess();
        OptionalLong pid =
                live.isPresent() ? OptionalLong.of(live.get().pid()) : OptionalLong.empty();
        return new ComponentStatus(
                name,
                pid,
                Optional.of(recorded.endpoint()),
                live.isPresent() && probe.getAsBoolean());
    }

    /**
     * Reads the file; empty if it does not exist.
     *
     * @throws LocalStackException if it exists but cannot be read or parsed
     */
    static Optional<StackState> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
            return Optional.of(
                    new StackState(recorded(props, "kafka"), recorded(props, "registry")));
        } catch (IOException | RuntimeException e) {
            throw new LocalStackException(
                    "cannot read the stack state "
                            + file
                            + " ("
                            + e
                            + "); check that no Kafka or Apicurio process of an old stack is"
                            + " running (ps aux | grep -E 'kafka.Kafka|apicurio'), then delete it",
                    e);
        }
    }

    /** Writes the file atomically (a temporary file, then a rename). */
    void write(Path file) {
        Properties props = new Properties();
        put(props, "kafka", kafka);
        put(props, "registry", registry);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(temp)) {
                props.store(out, "ccpairs local stack: processes started by `./ccpairs stack up`");
            }
            Files.move(
                    temp,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LocalStackException("cannot write the stack state " + file + ": " + e, e);
        }
    }

    private static Recorded recorded(Properties props, String prefix) {
        return new Recorded(
                Long.parseLong(required(props, prefix + ".pid")),
                Long.parseLong(required(props, prefix + ".started")),
                Integer.parseInt(required(props, prefix + ".port")),
                required(props, prefix + ".endpoint"));
    }

    private static String required(Properties props, String key) {
        String value = props.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("missing key " + key);
        }
        return value;
    }

    private static void put(Properties props, String prefix, Recorded recorded) {
        props.setProperty(prefix + ".pid", Long.toString(recorded.pid()));
        props.setProperty(prefix + ".started", Long.toString(recorded.startedMillis()));
        props.setProperty(prefix + ".port", Integer.toString(recorded.port()));
        props.setProperty(prefix + ".endpoint", recorded.endpoint());
    }
}
