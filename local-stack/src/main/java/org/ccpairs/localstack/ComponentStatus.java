package org.ccpairs.localstack;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@link LocalStack#status()} knows about one component.
 *
 * @param name "kafka" or "registry"
 * @param pid the process id if the recorded process is alive, empty if it is not running
 * @param endpoint the recorded endpoint (bootstrap servers or registry URL), empty if none is
 *     recorded
 * @param answering whether the endpoint answered a request just now
 */
public record ComponentStatus(
        String name, OptionalLong pid, Optional<String> endpoint, boolean answering) {

    public ComponentStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** A component with no recorded process. */
    public static ComponentStatus stopped(String name) {
        return new ComponentStatus(name, OptionalLong.empty(), Optional.empty(), false);
    }

    /** True if the recorded process is alive. */
    public boolean running() {
        return pid.isPresent();
    }

    /** True if the process is alive and answers. */
    public boolean healthy() {
        return running() && answering;
    }

    /** "running", "stopped", or "running, not answering". */
    public String state() {
        if (!running()) {
            return "stopped";
        }
        return answering ? "running" : "running, not answering";
    }
}
