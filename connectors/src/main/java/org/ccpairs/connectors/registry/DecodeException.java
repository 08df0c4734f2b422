package org.ccpairs.connectors.registry;

/** A message that cannot be decoded, with a stable {@link DecodeFailure reason}. */
public class DecodeException extends Exception {
    private final DecodeFailure reason;

    public DecodeException(DecodeFailure reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public DecodeFailure reason() {
        return reason;
    }
}
