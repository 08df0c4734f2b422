package org.ccpairs.connectors.announce;

/** An announcement or dead letter that may not have reached Kafka. */
public final class PublishException extends Exception {
    private final boolean fenced;

    public PublishException(String message, Throwable cause, boolean fenced) {
        super(message, cause);
        this.fenced = fenced;
    }

    /**
     * Whether another announcer with the same transactional id has taken over: this one must stop
     * rather than retry.
     */
    public boolean fenced() {
        return fenced;
    }
}
