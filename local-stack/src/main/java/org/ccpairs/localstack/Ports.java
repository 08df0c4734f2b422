package org.ccpairs.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** TCP port helpers: pick a free port, fail early and clearly on a busy one. */
final class Ports {

    private Ports() {}

    /** Returns {@code port}, or a free port if {@code port} is 0. */
    static int resolve(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        return port == 0 ? pickFree() : port;
    }

    /**
     * Like {@link #resolve} for a second component: never returns {@code taken}.
     *
     * @throws IllegalArgumentException if {@code port} equals {@code taken}
     */
    static int resolveOther(int port, int taken) {
        if (port == taken) {
            throw new IllegalArgumentException("two components cannot share port " + port);
        }
        int resolved = resolve(port);
        while (resolved == taken) {
            resolved = pickFree();
        }
        return resolved;
    }

    /** Returns a port that was free a moment ago on every interface. */
    static int pickFree() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalStackException("could not find a free TCP port: " + e.getMessage(), e);
        }
    }

    /**
     * Binds {@code port} on all interfaces for a moment to prove that it is free.
     *
     * @param howToChange how the user picks another port, e.g. "--kafka-port"
     * @throws LocalStackException "port N is already in use; ..." if something listens there
     */
    static void requireFree(int port, String component, String howToChange) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new LocalStackException(
                    "port "
                            + port
                            + " is already in use ("
                            + component
                            + " needs it); stop what listens there or choose another port with "
                            + howToChange,
                    e);
        }
    }

    /** True if a TCP connection to localhost:{@code port} succeeds within {@code timeoutMillis}. */
    static boolean accepts(int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
            return true;
        } catch (IOException notListening) {
            return false;
        }
    }
}
