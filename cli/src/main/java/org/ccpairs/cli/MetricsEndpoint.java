package org.ccpairs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the job started by {@code demo} or {@code run} serves its metrics, written to {@code
 * .ccpairs/metrics-endpoint} while it runs so that {@code ./ccpairs status} finds it without
 * arguments.
 */
final class MetricsEndpoint implements AutoCloseable {
    private final Path file;
    private final String url;

    private MetricsEndpoint(Path file, String url) {
        this.file = file;
        this.url = url;
    }

    static Path file() {
        return LocalStackEndpoints.workDir().resolve("metrics-endpoint");
    }

    /** Records {@code http://localhost:<port>/metrics} until {@link #close()}. */
    static MetricsEndpoint publish(int port) {
        String url = "http://localhost:" + port + "/metrics";
        Path file = file();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, url + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MetricsEndpoint(file, url);
    }

    String url() {
        return url;
    }

    /** The endpoint of the locally running job, if one is recorded. */
    static Optional<String> current() {
        try {
            return Files.isRegularFile(file())
                    ? Optional.of(Files.readString(file()).strip()).filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Removes the record, unless another run has replaced it meanwhile. */
    @Override
    public void close() {
        try {
            if (Files.isRegularFile(file) && Files.readString(file).strip().equals(url)) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // a stale record is harmless: status reports that nothing answers there
        }
    }
}
