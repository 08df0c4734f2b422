package org.ccpairs.jobs.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real WARC corpus in {@code ../shared/corpus} (next to the repository), read by path and never
 * copied. Found through the system property {@code ccpairs.corpus}, else by walking up from the
 * working directory.
 */
public final class Corpus {
    private Corpus() {}

    public static Path dir() {
        String configured = System.getProperty("ccpairs.corpus");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/corpus");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            candidate = p.resolveSibling("shared").resolve("corpus");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "the real WARC corpus (../shared/corpus next to the repository) is missing;"
                        + " set -Dccpairs.corpus=/path/to/corpus");
    }

    /** A corpus file, e.g. {@code jwarc/cc.warc.gz}; fails when it does not exist. */
    public static Path file(String relative) {
        Path file = dir().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("corpus file missing: " + file);
        }
        return file;
    }
}
