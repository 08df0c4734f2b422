package org.ccpairs.connectors.announce;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fetches small documents (the crawl list, path lists) whole, from {@code http(s)://} or {@code
 * file://}, politely: one request at a time, an honest User-Agent, a time limit on the whole
 * exchange including the body, and retries with exponential backoff only where the server is at
 * fault (5xx, 429, timeouts, broken connections). 404, 410 and other 4xx are answered at once. Not
 * thread-safe; close it to stop its worker threads.
 */
public final class Fetcher implements AutoCloseable {
    /** Far more than any crawl list or path list (warc.paths.gz is about 2 MB). */
    public static final int MAX_BODY_BYTES = 64 << 20;

    /** The longest Retry-After waited for within a poll. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    private final HttpClient http;
    private final String userAgent;
    private final Duration timeout;
    private final int attempts;
    private final Duration firstBackoff;
    private final ExecutorService worker;
    private long requests;

    public Fetcher(String userAgent, Duration timeout, int attempts, Duration firstBackoff) {
        this.userAgent = userAgent;
        this.timeout = timeout;
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
        this.worker =
                // a timed-out exchange being torn down never delays the next request
                Executors.newCachedThreadPool(
                        r -> {
                            Thread t = new Thread(r, "ccpairs-announcer-fetch");
                            t.setDaemon(true);
                            return t;
                        });
    }

    public static Fetcher of(AnnouncerSettings settings) {
        return new Fetcher(
                settings.userAgent(),
                settings.httpTimeout(),
                settings.httpAttempts(),
                settings.httpBackoff());
    }

    /** HTTP requests sent so far, retries included. */
    public long requests() {
        return requests;
    }

    /**
     * The body at {@code url}.
     *
     * @throws FetchException with the reason when there is no body to be had
     * @throws InterruptedException when the thread is interrupted, e.g. the announcer stops
     */
    public byte[] fetch(String url) throws FetchException, InterruptedException {
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return readFile(url, uri);
        }
        Duration backoff = firstBackoff;
        FetchException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                Thread.sleep(
                        last instanceof RetryLater later
                                ? later.wait(backoff)
                                : backoff.toMillis());
                backoff = backoff.multipliedBy(2);
            }
            try {
                return fetchOnce(url, uri);
            } catch (FetchException e) {
                if (!e.failure().isTransient()) {
                    throw e;
                }
                last = e;
            }
        }
        throw new FetchException(
                last.failure(),
                url,
                "gave up after " + attempts + " attempts, last: " + last.detail(),
                last);
    }

    private byte[] fetchOnce(String url, URI uri) throws FetchException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .header("User-Agent", userAgent)
                        .timeout(timeout)
                        .GET()
                        .build();
        AtomicReference<InputStream> body = new AtomicReference<>();
        requests++;
        Future<byte[]> exchange =
                worker.submit(
                        () -> {
                            HttpResponse<InputStream> response =
                                    http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                            body.set(response.body());
                            try (InputStream in = response.body()) {
                                check(url, response);
                                return readCapped(url, in);
                            }
                        });
        try {
            return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abort(exchange, body);
            throw new FetchException(
                    FetchFailure.TIMEOUT, url, "no complete answer within " + timeout, null);
        } catch (InterruptedException e) {
            abort(exchange, body);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FetchException fetch) {
                throw fetch;
            }
            if (cause instanceof java.net.http.HttpTimeoutException) {
                throw new FetchException(FetchFailure.TIMEOUT, url, cause.toString(), cause);
            }
            throw new FetchException(FetchFailure.UNREACHABLE, url, String.valueOf(cause), cause);
        }
    }

    private static void check(String url, HttpResponse<?> response) throws FetchException {
        int status = response.statusCode();
        if (status == 200) {
            return;
        }
        String detail = "HTTP " + status;
        if (status == 404 || status == 410) {
            throw new FetchException(FetchFailure.NOT_FOUND, url, detail, null);
        }
        if (status == 429 || status >= 500) {
            Optional<Duration> retryAfter =
                    response.headers().firstValue("Retry-After").flatMap(Fetcher::seconds);
            throw new RetryLater(url, detail, retryAfter);
        }
        throw new FetchException(FetchFailure.HTTP_CLIENT_ERROR, url, detail, null);
    }

    private static Optional<Duration> seconds(String value) {
        try {
            long s = Long.parseLong(value.strip());
            return s < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(s));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: use the own backoff
        }
    }

    private static byte[] readCapped(String url, InputStream in)
            throws IOException, FetchException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new FetchException(
                    FetchFailure.TOO_LARGE, url, "more than " + MAX_BODY_BYTES + " bytes", null);
        }
        return bytes;
    }

    private static byte[] readFile(String url, URI uri) throws FetchException {
        Path path;
        try {
            path = Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw new FetchException(FetchFailure.HTTP_CLIENT_ERROR, url, e.getMessage(), e);
        }
        try {
            if (Files.size(path) > MAX_BODY_BYTES) {
                throw new FetchException(
                        FetchFailure.TOO_LARGE,
                        url,
                        "more than " + MAX_BODY_BYTES + " bytes",
                        null);
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new FetchException(FetchFailure.NOT_FOUND, url, "no such file", e);
        } catch (IOException e) {
            throw new FetchException(FetchFailure.UNREACHABLE, url, e.toString(), e);
        }
    }

    /** Closing the body stream cancels the exchange; the worker thread then ends its task. */
    private static void abort(Future<?> exchange, AtomicReference<InputStream> body) {
        exchange.cancel(true);
        InputStream in = body.get();
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the exchange is abandoned either way
            }
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    /** A server error, possibly with the server's own idea of when to come back. */
    private static final class RetryLater extends FetchException {
        private final Optional<Duration> retryAfter;

        RetryLater(String url, String detail, Optional<Duration> retryAfter) {
            super(FetchFailure.HTTP_SERVER_ERROR, url, detail, null);
            this.retryAfter = retryAfter;
        }

        long wait(Duration backoff) {
            Duration wanted = retryAfter.filter(r -> r.compareTo(backoff) > 0).orElse(backoff);
            return Math.min(wanted.toMillis(), MAX_RETRY_AFTER.toMillis());
        }
    }
}
