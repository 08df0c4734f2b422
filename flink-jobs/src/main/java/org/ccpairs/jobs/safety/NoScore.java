package org.ccpairs.jobs.safety;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Why a pair has no image-safety score, as stable codes: each is counted ({@code
 * ccpairs_cause_images_not_scored}) and named in the {@code IMAGE_NOT_SCORED} rejection's detail,
 * so that an operator can tell a slow model from a broken one.
 */
public enum NoScore {
    /** No answer within {@code safety.image.timeout}. */
    TIMEOUT,
    /** The scorer's service could not be reached (connection refused, no route, unknown host). */
    UNREACHABLE,
    /** The service answered with a status other than 200. */
    HTTP_STATUS,
    /** The answer was not a score (not JSON, no numeric {@code score}). */
    BAD_ANSWER,
    /** The score was missing or outside [0, 1]. */
    OUT_OF_RANGE,
    /** Anything else: the scorer failed or threw. */
    FAILED;

    /** The cause of {@code failure}, looking through wrappers. */
    public static NoScore of(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof Failure f) {
            return f.cause;
        }
        // socket and connection-lease timeouts are InterruptedIOExceptions
        if (t instanceof TimeoutException || t instanceof InterruptedIOException) {
            return TIMEOUT;
        }
        if (t instanceof ConnectException
                || t instanceof NoRouteToHostException
                || t instanceof UnknownHostException) {
            return UNREACHABLE;
        }
        return FAILED;
    }

    /** What a failure says, without the futures' wrappers: for the rejection's detail. */
    static String describe(Throwable failure) {
        Throwable t = unwrap(failure);
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A scorer's failure whose cause it knows. */
    public static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;
        private final NoScore cause;

        public Failure(NoScore cause, String message) {
            super(message);
            this.cause = cause;
        }

        public NoScore noScore() {
            return cause;
        }
    }
}
