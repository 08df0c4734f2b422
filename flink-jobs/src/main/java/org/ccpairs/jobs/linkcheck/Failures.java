package org.ccpairs.jobs.linkcheck;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.HttpException;
import org.ccpairs.jobs.model.LinkStatus;

/** What a failed request means, as a link status. */
final class Failures {
    private Failures() {}

    /**
     * The status for {@code failure}, or null when it is not a network problem (a bug: the caller
     * reports it as CHECK_FAILED with its stack trace).
     */
    static LinkStatus status(Throwable failure) {
        Throwable t = failure;
        if (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof UnknownHostException) {
            return LinkStatus.DNS_FAILURE;
        }
        if (t instanceof SSLException) {
            return LinkStatus.TLS_FAILURE;
        }
        if (t instanceof InterruptedIOException) {
            return LinkStatus.TIMEOUT; // socket, connect and response timeouts
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
            return LinkStatus.CONNECT_FAILURE;
        }
        if (t instanceof ConnectionClosedException || t instanceof HttpException) {
            return LinkStatus.PROTOCOL_ERROR;
        }
        if (t instanceof SocketException) {
            return LinkStatus.CONNECT_FAILURE; // reset by peer and friends
        }
        if (t instanceof IOException) {
            return LinkStatus.PROTOCOL_ERROR;
        }
        return null;
    }

    /** One line about {@code failure} for the rejection's detail. */
    static String describe(Throwable failure) {
        String m = failure.getMessage();
        return failure.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
