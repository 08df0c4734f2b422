package org.ccpairs.connectors.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for "nothing listens here" tests. */
public final class FreePort {
    private FreePort() {}

    /**
     * A loopback port that was free a moment ago and on which nothing listens now (the socket that
     * found it is closed again), so connecting to it is refused.
     */
    public static int closed() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }
}
