package org.ccpairs.localstack;

/**
 * A part of the local stack could not be located, started or stopped. The message says what went
 * wrong and what the user can do about it (free a port, build the module, read a log file); when a
 * child process failed, it ends with the last lines of that process's log.
 *
 * <p>It extends {@link IllegalStateException} so that callers may catch either type.
 */
public class LocalStackException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message the user can act on; {@code message} is never null. */
    public LocalStackException(String message) {
        super(message);
    }

    /** Creates an exception with a message the user can act on and the cause, which may be null. */
    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
