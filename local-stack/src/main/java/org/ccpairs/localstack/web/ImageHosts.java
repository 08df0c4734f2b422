package org.ccpairs.localstack.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "The web" on loopback for link checks in tests, the demo and {@code bench linkcheck}: one real
 * HTTP server on loopback (the JDK's {@code com.sun.net.httpserver}) that answers as many host
 * names as the tests route to it (through the checker's test endpoints), each with its own answers
 * by path: images, redirects, errors, slow or hanging answers, HEAD refused, Retry-After. It
 * records every request with its Host and tracks how many requests each host has open at once.
 * Unknown paths answer 404. Ranged GETs of a static answer get a 206 with the slice. Nothing here
 * is reachable from outside the machine: the server binds the loopback address only.
 */
public final class ImageHosts implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    /** A request as the server saw it; header names are lower case. */
    public record Seen(
            String method,
            String host,
            String path,
            Map<String, String> headers,
            long receivedNanos) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    /** How to answer a request. */
    @FunctionalInterface
    public interface Handler {
        Answer answer(Seen request);
    }

    /** An answer: status, headers, body, and optionally a delay or no answer at all. */
    public static final class Answer {
        final int status;
        final Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = new byte[0];
        Duration delay = Duration.ZERO;
        boolean hang;
        boolean refuseHead;
        boolean ranges = true;
        boolean chunked;

        private Answer(int status) {
            this.status = status;
        }

        public static Answer status(int status) {
            return new Answer(status);
        }

        public static Answer image(byte[] bytes, String contentType) {
            Answer a = new Answer(200).header("Content-Type", contentType);
            a.body = bytes;
            return a;
        }

        public static Answer text(int status, String contentType, String body) {
            Answer a = new Answer(status).header("Content-Type", contentType);
            a.body = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return a;
        }

        public static Answer redirect(int status, String location) {
            return new Answer(status).header("Location", location);
        }

        /** Never answers; the connection stays open until the server stops. */
        public static Answer hang() {
            Answer a = new Answer(200);
            a.hang = true;
            return a;
        }

        public Answer header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Answer delay(Duration d) {
            this.delay = d;
            return this;
        }

        /** HEAD answers 405 (the GET answer is unchanged). */
        public Answer refuseHead() {
            this.refuseHead = true;
            return this;
        }

        /** Sends the body chunked, without Content-Length: its size shows only as it streams. */
        public Answer chunked() {
            this.chunked = true;
            return this;
        }

        /** Ignores Range headers and always sends the whole body. */
        public Answer ignoreRanges() {
            this.ranges = false;
            return this;
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService later;
    private final Map<String, Map<String, Handler>> routes = new ConcurrentHashMap<>();
    private final Map<String, Handler> hostDefaults = new ConcurrentHashMap<>();
    private volatile Handler fallback = r -> Answer.status(404);
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger received = new AtomicInteger();
    private volatile boolean keepRequests = true;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final Map<String, Integer> maxOpen = new ConcurrentHashMap<>();
    private final List<HttpExchange> hung = new CopyOnWriteArrayList<>();

    static {
        // the JDK server closes keep-alive connections beyond 200 idle ones (its default), which
        // a checker with a few connections to each of hundreds of host names exceeds: clients
        // would reconnect all the time. Read once, when the first server is made in this JVM.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "10000");
        }
    }

    private ImageHosts() throws IOException {
        server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        handlers = Executors.newFixedThreadPool(8, daemon("image-hosts"));
        later = Executors.newScheduledThreadPool(2, daemon("image-hosts-later"));
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    public static ImageHosts start() throws IOException {
        return new ImageHosts();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The test endpoint rule that sends every host name here: {@code *=127.0.0.1:<port>}. */
    public String everyHost() {
        return "*=" + server.getAddress().getAddress().getHostAddress() + ":" + port();
    }

    /** The rule for one host name (or {@code *.domain}). */
    public String endpointFor(String hostPattern) {
        return hostPattern + "=" + server.getAddress().getAddress().getHostAddress() + ":" + port();
    }

    public ImageHosts route(String host, String path, Answer answer) {
        return route(host, path, r -> answer);
    }

    public ImageHosts route(String host, String path, Handler handler) {
        routes.computeIfAbsent(host, h -> new ConcurrentHashMap<>()).put(path, handler);
        return this;
    }

    /** Answers every path of {@code host} without a route of its own. */
    public ImageHosts host(String host, Handler handler) {
        hostDefaults.put(host, handler);
        return this;
    }

    /** Answers every request no route or host handler takes. */
    public ImageHosts fallback(Handler handler) {
        this.fallback = handler;
        return this;
    }

    /**
     * Stops keeping the requests (for {@link #requests}) when {@code false}: a benchmark sends too
     * many to keep. Counting and the per-host concurrency peaks go on.
     */
    public ImageHosts keepRequests(boolean keep) {
        this.keepRequests = keep;
        return this;
    }

    /** Requests received so far, kept or not. */
    public int received() {
        return received.get();
    }

    /** The most requests any single host had open at once. */
    public int maxConcurrencyOfAnyHost() {
        return maxOpen.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Requests received and not answered yet, over every host. */
    public int openRequests() {
        return open.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** How many distinct host names sent requests. */
    public int hostsSeen() {
        return maxOpen.size();
    }

    public List<Seen> requests() {
        return new ArrayList<>(seen);
    }

    public List<Seen> requests(String host) {
        return seen.stream().filter(r -> r.host().equals(host)).toList();
    }

    public long count(String host, String path) {
        return seen.stream().filter(r -> r.host().equals(host) && r.path().equals(path)).count();
    }

    /** The most requests {@code host} had open at once. */
    public int maxConcurrency(String host) {
        return maxOpen.getOrDefault(host, 0);
    }

    /** {@code name} of {@code name:port}; IPv6 literals keep their brackets. */
    static String withoutPort(String hostHeader) {
        int colon = hostHeader.lastIndexOf(':');
        if (colon < 0 || colon < hostHeader.lastIndexOf(']') || colon == hostHeader.length() - 1) {
            return hostHeader;
        }
        for (int i = colon + 1; i < hostHeader.length(); i++) {
            if (hostHeader.charAt(i) < '0' || hostHeader.charAt(i) > '9') {
                return hostHeader;
            }
        }
        return hostHeader.substring(0, colon);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String hostHeader = exchange.getRequestHeaders().getFirst("Host");
        String host = hostHeader == null ? "" : withoutPort(hostHeader.toLowerCase(Locale.ROOT));
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
        String path = exchange.getRequestURI().getRawPath();
        if (exchange.getRequestURI().getRawQuery() != null) {
            path += "?" + exchange.getRequestURI().getRawQuery();
        }
        Seen request =
                new Seen(
                        exchange.getRequestMethod(),
                        host,
                        path,
                        Map.copyOf(headers),
                        System.nanoTime());
        received.incrementAndGet();
        if (keepRequests) {
            seen.add(request);
        }
        int now = open.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
        maxOpen.merge(host, now, Math::max);
        Answer answer = answerFor(request);
        if (answer.hang) {
            hung.add(exchange);
            return;
        }
        if (answer.delay.isZero()) {
            respond(exchange, request, answer);
        } else {
            later.schedule(
                    () -> respond(exchange, request, answer),
                    answer.delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private Answer answerFor(Seen request) {
        Map<String, Handler> byPath = routes.get(request.host());
        Handler h = byPath == null ? null : byPath.get(request.path());
        if (h == null) {
            h = hostDefaults.getOrDefault(request.host(), fallback);
        }
        return h.answer(request);
    }

    private void respond(HttpExchange exchange, Seen request, Answer answer) {
        // the request stops counting as open the moment its answer starts: a client can only
        // react to an answer after this point, while the exchange's own close comes later and
        // would overlap the client's next request
        open.get(request.host()).decrementAndGet();
        try (exchange) {
            answer.headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            boolean head = request.method().equals("HEAD");
            if (head && answer.refuseHead) {
                exchange.getResponseHeaders().remove("Content-Type");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = answer.body;
            int status = answer.status;
            Matcher range = RANGE.matcher(request.headers().getOrDefault("range", ""));
            if (!head && status == 200 && answer.ranges && range.matches() && body.length > 0) {
                int from = Integer.parseInt(range.group(1));
                int to =
                        range.group(2).isEmpty()
                                ? body.length - 1
                                : Math.min(body.length - 1, Integer.parseInt(range.group(2)));
                if (from >= body.length) {
                    exchange.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                exchange.getResponseHeaders()
                        .set("Content-Range", "bytes " + from + "-" + to + "/" + body.length);
                body = java.util.Arrays.copyOfRange(body, from, to + 1);
                status = 206;
            }
            if (head || body.length == 0) {
                if (head && !answer.headers.containsKey("Content-Length")) {
                    exchange.getResponseHeaders()
                            .set("Content-Length", Integer.toString(body.length));
                }
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, answer.chunked ? 0 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the client went away (it may cut a body it has enough of)
        }
    }

    @Override
    public void close() {
        server.stop(0);
        hung.forEach(HttpExchange::close);
        later.shutdownNow();
        handlers.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
