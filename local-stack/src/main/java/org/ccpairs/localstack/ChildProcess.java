package org.ccpairs.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A JVM started as a child OS process whose output goes to a log file: start it, wait until it
 * answers, stop it. Failures carry the tail of the log, since that is where the reason is.
 */
final class ChildProcess {

    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 200;

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code java <jvmArgs>} with the JDK of this JVM in {@code workDir}; stdout and stderr
     * are appended to {@code logFile}.
     *
     * @param environment extra environment variables for the child, e.g. CLASSPATH
     * @throws LocalStackException if the process cannot be spawned
     */
    static ChildProcess startJava(
            String name,
            List<String> jvmArgs,
            Map<String, String> environment,
            Path workDir,
            Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Jvm.executable());
        command.addAll(jvmArgs);
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Process process = builder.start();
            // The child never reads stdin: close the pipe now instead of leaving it to the GC.
            process.getOutputStream().close();
            return new ChildProcess(name, process, logFile);
        } catch (IOException e) {
            throw new LocalStackException(
                    "could not start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Polls {@code ready} until it returns true. On an early exit or a timeout the process is
     * stopped and a {@link LocalStackException} with the log tail is thrown.
     */
    void awaitReady(Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw failure(
                        name + " exited with code " + process.exitValue() + " while starting");
            }
            if (ready.getAsBoolean()) {
                return;
            }
            try {
                process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new LocalStackException("interrupted while waiting for " + name, e);
            }
        }
        stop();
        throw failure(name + " did not answer within " + timeout.toSeconds() + " s");
    }

    /** Stops the process: SIGTERM, then a kill after {@link #STOP_GRACE}. */
    void stop() {
        stop(process.toHandle(), STOP_GRACE);
    }

    /**
     * Stops any process: graceful destroy, wait up to {@code grace}, then destroy forcibly.
     *
     * @return true if the process is gone
     */
    static boolean stop(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return true;
        }
        handle.destroy();
        if (!awaitExit(handle, grace)) {
            handle.destroyForcibly();
            awaitExit(handle, Duration.ofSeconds(10));
        }
        return !handle.isAlive();
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new LocalStackException("cannot wait for process " + handle.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private LocalStackException failure(String what) {
        return new LocalStackException(
                what + "; last lines of " + logFile + ":\n" + LogTail.read(logFile, 20));
    }
}
