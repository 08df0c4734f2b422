package org.ccpairs.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Kafka + registry pair of a JVM behind {@link SharedStackExtension}: started once, on
 * first use; a failure is remembered and rethrown to every later caller.
 */
final class SharedStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedStack.class);

    private static SharedStack instance;
    private static RuntimeException failure;

    private final EmbeddedKafka kafka;
    private final SchemaRegistryProcess registry;
    private final Path workDir;
    private boolean closed;

    private SharedStack(EmbeddedKafka kafka, SchemaRegistryProcess registry, Path workDir) {
        this.kafka = kafka;
        this.registry = registry;
        this.workDir = workDir;
    }

    static synchronized SharedStack get() {
        if (failure != null) {
            throw new LocalStackException(
                    "the shared test stack failed to start earlier: " + failure.getMessage(),
                    failure);
        }
        if (instance == null) {
            try {
                instance = start();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(instance::close, "ccpairs-shared-stack-stop"));
        }
        return instance;
    }

    EmbeddedKafka kafka() {
        return kafka;
    }

    SchemaRegistryProcess registry() {
        return registry;
    }

    /** Stops both; later calls do nothing. A new {@link #get()} after this starts a new stack. */
    @Override
    public void close() {
        synchronized (SharedStack.class) {
            if (closed) {
                return;
            }
            closed = true;
            if (instance == this) {
                instance = null;
            }
        }
        try {
            registry.close();
        } finally {
            kafka.close();
            deleteWorkDir();
        }
        LOG.info("shared test stack stopped");
    }

    private static SharedStack start() {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("ccpairs-test-registry-");
        } catch (IOException e) {
            throw new LocalStackException("cannot create a temporary directory: " + e, e);
        }
        long startNanos = System.nanoTime();
        // The registry needs a few seconds as a process; start the in-JVM broker meanwhile.
        InParallel.Both<SchemaRegistryProcess, EmbeddedKafka> started =
                InParallel.start(
                        () ->
                                SchemaRegistryProcess.start(
                                        workDir, 0, workDir.resolve("registry.log")),
                        SchemaRegistryProcess::close,
                        EmbeddedKafka::start,
                        EmbeddedKafka::close);
        LOG.info(
                "shared test stack up in {} ms: Kafka {}, registry {} (pid {}, log {})",
                (System.nanoTime() - startNanos) / 1_000_000,
                started.second().bootstrapServers(),
                started.first().url(),
                started.first().pid(),
                workDir.resolve("registry.log"));
        return new SharedStack(started.second(), started.first(), workDir);
    }

    private void deleteWorkDir() {
        try {
            Dirs.deleteRecursively(workDir);
        } catch (IOException e) {
            throw new LocalStackException("cannot delete " + workDir + ": " + e, e);
        }
    }
}
