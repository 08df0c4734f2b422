package org.ccpairs.localstack;

import java.util.List;
import java.util.Objects;

/**
 * The state of the on-disk stack of a {@link LocalStack}: one {@link ComponentStatus} per
 * component. {@link #toString()} renders a small table for the terminal.
 *
 * @param kafka the broker process; never null
 * @param registry the schema registry process; never null
 */
public record Status(ComponentStatus kafka, ComponentStatus registry) {

    public Status {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(registry, "registry");
    }

    /** True if both components run and answer. */
    public boolean healthy() {
        return kafka.healthy() && registry.healthy();
    }

    /** True if no component runs. */
    public boolean stopped() {
        return !kafka.running() && !registry.running();
    }

    /** Kafka's {@code bootstrap.servers}, or null if none is recorded. */
    public String bootstrapServers() {
        return kafka.endpoint().orElse(null);
    }

    /** The registry's Confluent-compatible base URL, or null if none is recorded. */
    public String registryUrl() {
        return registry.endpoint().orElse(null);
    }

    /**
     * A table with a header line and one line per component, columns: component, state, pid,
     * endpoint; "-" marks an unknown value. Lines end with '\n'.
     */
    public String render() {
        String format = "%-10s %-24s %-8s %s%n";
        StringBuilder table =
                new StringBuilder(String.format(format, "COMPONENT", "STATE", "PID", "ENDPOINT"));
        for (ComponentStatus c : List.of(kafka, registry)) {
            String pid = c.pid().isPresent() ? Long.toString(c.pid().getAsLong()) : "-";
            table.append(String.format(format, c.name(), c.state(), pid, c.endpoint().orElse("-")));
        }
        return table.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
