package org.ccpairs.connectors.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real WARC corpus in {@code shared/corpus} next to the repository, read by path and never
 * copied. Found through the system property {@value #PROPERTY}, else by walking up from the working
 * directory (tests run in {@code connectors/}, so it is usually {@code ../../shared/corpus}).
 */
public final class Corpus {
    public static final String PROPERTY = "ccpairs.corpus";

    private Corpus() {}

    /**
     * The corpus directory; never null.
     *
     * @throws IllegalStateException when it cannot be found
     */
    public static Path dir() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("corpus");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "the real WARC corpus (shared/corpus next to the repository) is missing above "
                        + Path.of("").toAbsolutePath()
                        + "; set -D"
                        + PROPERTY
                        + "=/path/to/corpus");
    }

    /**
     * A corpus file, e.g. {@code jwarc/cc.warc.gz}.
     *
     * @throws IllegalStateException when it does not exist
     */
    public static Path file(String relative) {
        Path file = dir().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("corpus file missing: " + file);
        }
        return file;
    }
}
