package org.ccpairs.jobs.linkcheck;

import java.io.Serializable;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a host name into addresses for the link checker, which then checks every address against
 * {@link AddressRules} and connects to one of exactly those (so a second lookup can never answer
 * differently). Implementations must not block the caller.
 */
public interface HostResolver extends AutoCloseable {
    /**
     * The addresses of {@code host} (ASCII, lower case, never an IP literal). The future completes
     * exceptionally with {@link java.net.UnknownHostException} when the name does not resolve.
     */
    CompletableFuture<List<InetAddress>> resolve(String host);

    @Override
    default void close() {}

    /** Makes a resolver on the task that uses it; shipped to the task with the job graph. */
    @FunctionalInterface
    interface Factory extends Serializable {
        HostResolver create();
    }
}
