package org.ccpairs.cli;

import java.nio.file.Path;
import org.ccpairs.localstack.LocalStack;
import org.ccpairs.localstack.StackFiles;
import org.ccpairs.localstack.Status;

/** Where the project's local folders are, and the endpoints of the local stack when it runs. */
final class LocalStackEndpoints {
    private LocalStackEndpoints() {}

    /** Overrides {@link #workDir()}, for tests that must not touch the repository's own folder. */
    static final String WORK_DIR_PROPERTY = "ccpairs.work.dir";

    /** {@code <repository>/.ccpairs}: stack state, demo data, warehouse and logs. */
    static Path workDir() {
        String override = System.getProperty(WORK_DIR_PROPERTY);
        return override != null ? Path.of(override) : StackFiles.home().resolve(".ccpairs");
    }

    static Path stackHome() {
        return workDir().resolve("stack");
    }

    /** The default warehouse of {@code run}, {@code demo} and {@code versions}. */
    static Path warehouse() {
        return workDir().resolve("warehouse");
    }

    /**
     * The local stack's status when it is up.
     *
     * @throws IllegalArgumentException when it is not running, telling how to start it or what to
     *     pass
     */
    static Status running() {
        Status status = LocalStack.at(stackHome()).status();
        if (!status.healthy()) {
            throw new IllegalArgumentException(
                    "no Kafka/registry given and the local stack is not running: start it with"
                            + " './ccpairs stack up' or pass --bootstrap-servers and --registry");
        }
        return status;
    }
}
