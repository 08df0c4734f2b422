package org.ccpairs.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves WARC files over HTTP on loopback the way data.commoncrawl.org does: {@code GET} and {@code
 * HEAD} of {@code /crawl-data/<crawl>/segments/<segment>/warc/<file>}, with a Content-Length, 404
 * for anything else. Used by the demo so that the job reads its input over the network like in
 * production.
 */
public final class SegmentServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Path> files = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytesServed = new AtomicLong();

    private SegmentServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server on a free loopback port. */
    public static SegmentServer start() throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        SegmentServer segments = new SegmentServer(server);
        server.createContext("/", segments::handle);
        server.setExecutor(
                Executors.newFixedThreadPool(
                        4,
                        r -> {
                            Thread t = new Thread(r, "segment-server");
                            t.setDaemon(true);
                            return t;
                        }));
        server.start();
        return segments;
    }

    /** Makes {@code file} available in the layout of a crawl segment; returns its URL. */
    public String publish(String crawl, String segment, Path file) {
        String path =
                "/crawl-data/" + crawl + "/segments/" + segment + "/warc/" + file.getFileName();
        files.put(path, file);
        return "http://"
                + server.getAddress().getHostString()
                + ":"
                + server.getAddress().getPort()
                + path;
    }

    public long requests() {
        return requests.get();
    }

    public long bytesServed() {
        return bytesServed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            Path file = files.get(exchange.getRequestURI().getPath());
            String method = exchange.getRequestMethod();
            if (file == null || !(method.equals("GET") || method.equals("HEAD"))) {
                exchange.sendResponseHeaders(file == null ? 404 : 405, -1);
                return;
            }
            long size = Files.size(file);
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            if (method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, size);
            try (InputStream in = Files.newInputStream(file);
                    OutputStream out = exchange.getResponseBody()) {
                bytesServed.addAndGet(in.transferTo(out));
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
