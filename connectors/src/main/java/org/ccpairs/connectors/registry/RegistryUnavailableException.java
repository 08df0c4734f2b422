package org.ccpairs.connectors.registry;

/**
 * The schema registry could not answer (unreachable, timed out, or a server error). This is an
 * infrastructure failure, not bad input: callers retry or let the job restart rather than
 * dead-letter the record they were handling.
 */
public class RegistryUnavailableException extends RuntimeException {
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
