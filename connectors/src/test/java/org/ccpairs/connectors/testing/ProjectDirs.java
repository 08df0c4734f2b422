package org.ccpairs.connectors.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Folders of the repository that tests read (never write), found from the working directory. */
public final class ProjectDirs {
    private ProjectDirs() {}

    /**
     * The {@code schemas} module: {@code ../schemas} from {@code connectors/}, or the nearest one
     * above the working directory.
     *
     * @throws IllegalStateException when there is none
     */
    public static Path schemas() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("schemas");
            if (Files.isDirectory(candidate.resolve("src/main/avro"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "no schemas/src/main/avro above " + Path.of("").toAbsolutePath());
    }
}
