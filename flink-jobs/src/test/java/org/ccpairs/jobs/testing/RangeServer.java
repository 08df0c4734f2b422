package org.ccpairs.jobs.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on loopback serving one file the way data.commoncrawl.org does, with {@code
 * Range: bytes=N-} requests answered 206, and two ways to misbehave on purpose: drop the connection
 * after some bytes of the first response, or ignore ranges; and a way to be slow.
 */
public final class RangeServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final byte[] file;
    private final List<String> rangesRequested = new CopyOnWriteArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private volatile long dropFirstResponseAfter = -1;
    private volatile boolean ignoreRanges;
    private volatile long bytesPerSecond;

    public RangeServer(Path file) throws IOException {
        this.file = Files.readAllBytes(file);
        this.server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:"
                + server.getAddress().getPort()
                + "/crawl-data/TEST/segments/1/warc/file.warc.gz";
    }

    /** The first response breaks off after {@code bytes} bytes of body. */
    public RangeServer dropFirstResponseAfter(long bytes) {
        this.dropFirstResponseAfter = bytes;
        return this;
    }

    /** Send bodies at about {@code bytesPerSecond}, as a slow or distant server does. */
    public RangeServer throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        return this;
    }

    /** Answer every request with the whole file, as servers without range support do. */
    public RangeServer ignoreRanges() {
        this.ignoreRanges = true;
        return this;
    }

    /** The Range headers received, in order ("" for requests without one). */
    public List<String> rangesRequested() {
        return rangesRequested;
    }

    public long requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long n = requests.incrementAndGet();
        String range = exchange.getRequestHeaders().getFirst("Range");
        rangesRequested.add(range == null ? "" : range);
        int from = 0;
        int status = 200;
        if (range != null && !ignoreRanges) {
            Matcher m = RANGE.matcher(range);
            if (m.matches()) {
                from = (int) Long.parseLong(m.group(1));
                status = 206;
                exchange.getResponseHeaders()
                        .set(
                                "Content-Range",
                                "bytes " + from + "-" + (file.length - 1) + "/" + file.length);
            }
        }
        exchange.sendResponseHeaders(status, file.length - from);
        OutputStream out = exchange.getResponseBody();
        long limit =
                n == 1 && dropFirstResponseAfter >= 0 ? dropFirstResponseAfter : Long.MAX_VALUE;
        int length = (int) Math.min(file.length - from, limit);
        try {
            if (bytesPerSecond > 0) {
                int chunk = 8192;
                long pauseNanos = chunk * 1_000_000_000L / bytesPerSecond;
                for (int at = 0; at < length; at += chunk) {
                    out.write(file, from + at, Math.min(chunk, length - at));
                    out.flush();
                    LockSupport.parkNanos(pauseNanos);
                }
            } else {
                out.write(file, from, length);
            }
            out.flush();
        } catch (IOException e) {
            // the client went away
        }
        try {
            // short of the announced length, closing fails and the server drops the connection: the
            // client sees the download break off
            exchange.close();
        } catch (RuntimeException e) {
            // expected for the dropped response
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
