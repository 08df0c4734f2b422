package org.ccpairs.connectors.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on the loopback interface (the JDK's {@code com.sun.net.httpserver}) that
 * answers each request as its {@link Responder} says and remembers every request it saw. Stopped by
 * {@link #close()}.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /** What to answer to the {@code index}-th request (0-based, counting every request). */
    @FunctionalInterface
    public interface Responder {
        Response answer(Request request, int index);
    }

    /** A request as the server saw it; header names are lower case. */
    public record Request(
            String method, String path, Map<String, List<String>> headers, long receivedNanos) {
        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /**
     * An answer: status, body and extra headers. The Content-Length is {@code declaredLength}, the
     * body's length unless a broken-off download is simulated.
     */
    public record Response(
            int status, byte[] body, Map<String, String> headers, long declaredLength) {
        public Response(int status, byte[] body, Map<String, String> headers) {
            this(status, body, headers, body.length);
        }

        public static Response ok(byte[] body) {
            return new Response(200, body, Map.of());
        }

        /**
         * A 200 that announces {@code declaredLength} bytes but sends only {@code body} and closes
         * the connection, like a download that breaks off.
         */
        public static Response brokenOff(byte[] body, long declaredLength) {
            return new Response(200, body, Map.of(), declaredLength);
        }

        /** A status with a short text body. */
        public static Response status(int status) {
            return new Response(
                    status, ("status " + status).getBytes(StandardCharsets.UTF_8), Map.of());
        }

        public static Response redirect(String location) {
            return new Response(302, new byte[0], Map.of("Location", location));
        }

        public static Response json(int status, String json) {
            return new Response(
                    status,
                    json.getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "application/json"));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Request> requests = new ArrayList<>();

    private LoopbackHttpServer(Responder responder) {
        try {
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a loopback HTTP server", e);
        }
        executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, responder));
        server.start();
    }

    /** Starts a server that answers with {@code responder}. */
    public static LoopbackHttpServer start(Responder responder) {
        return new LoopbackHttpServer(responder);
    }

    /** Starts a server that gives the i-th request the i-th response, and the last one after. */
    public static LoopbackHttpServer scripted(Response... responses) {
        return start((request, index) -> responses[Math.min(index, responses.length - 1)]);
    }

    /** {@code http://127.0.0.1:PORT<path>}. */
    public String url(String path) {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort() + path;
    }

    /** Every request so far, in arrival order. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange, Responder responder) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
        Request request =
                new Request(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        headers,
                        System.nanoTime());
        int index;
        synchronized (this) {
            index = requests.size();
            requests.add(request);
        }
        exchange.getRequestBody().readAllBytes();
        Response response = responder.answer(request, index);
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(
                response.status(), response.declaredLength() == 0 ? -1 : response.declaredLength());
        OutputStream out = exchange.getResponseBody();
        out.write(response.body());
        out.flush();
        if (response.declaredLength() > response.body().length) {
            exchange.close(); // with bytes missing: the server drops the connection
            return;
        }
        out.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
