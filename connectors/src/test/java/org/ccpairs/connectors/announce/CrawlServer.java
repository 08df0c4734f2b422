package org.ccpairs.connectors.announce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ccpairs.connectors.testing.LoopbackHttpServer;
import org.ccpairs.connectors.testing.LoopbackHttpServer.Request;
import org.ccpairs.connectors.testing.LoopbackHttpServer.Response;

/**
 * Serves a {@link CrawlLayout} over HTTP on loopback, like data.commoncrawl.org (and the index
 * server's collinfo.json), with scripted trouble per path: answers given instead of the file, or
 * requests that hang until the server is closed.
 */
public final class CrawlServer implements AutoCloseable {
    private final CrawlLayout layout;
    private final LoopbackHttpServer server;
    private final Map<String, Deque<Response>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Integer> hangs = new java.util.HashMap<>();
    private volatile CountDownLatch hanging = new CountDownLatch(1);

    public CrawlServer(CrawlLayout layout) {
        this.layout = layout;
        this.server = LoopbackHttpServer.start(this::answer);
    }

    public String baseUrl() {
        return server.url("/");
    }

    public String crawlListUrl() {
        return server.url("/collinfo.json");
    }

    /** The next requests of {@code path} (e.g. {@code /collinfo.json}) get these answers. */
    public void script(String path, Response... responses) {
        scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(responses));
    }

    /**
     * The next {@code times} requests of {@code path} get no answer until {@link #releaseHangs()}
     * or {@link #close()} (the server has two threads: release them before the next requests).
     */
    public synchronized void hang(String path, int times) {
        hangs.put(path, times);
    }

    public List<Request> requests() {
        return server.requests();
    }

    public long requestsTo(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).count();
    }

    private Response answer(Request request, int index) {
        String path = request.path();
        if (takeHang(path)) {
            return hang();
        }
        Deque<Response> scripted = scripts.get(path);
        if (scripted != null) {
            Response next = scripted.poll();
            if (next != null) {
                return next;
            }
        }
        Path file = layout.root().resolve(path.substring(1));
        if (!Files.isRegularFile(file)) {
            return Response.status(404);
        }
        try {
            return Response.ok(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized boolean takeHang(String path) {
        Integer left = hangs.remove(path);
        if (left == null) {
            return false;
        }
        if (left > 1) {
            hangs.put(path, left - 1);
        }
        return true;
    }

    /** Lets hanging requests end (with a 503 nobody waits for any more). */
    public void releaseHangs() {
        CountDownLatch released = hanging;
        hanging = new CountDownLatch(1);
        released.countDown();
    }

    private Response hang() {
        try {
            hanging.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Response.status(503);
    }

    @Override
    public void close() {
        hanging.countDown();
        server.close();
    }
}
