package org.ccpairs.connectors.warc;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Opens a file named by a {@code file://} URL, a plain local path, or an {@code http(s)://} URL
 * (the way data.commoncrawl.org serves WARC files). HTTP requests carry an honest User-Agent;
 * server errors and broken connections are retried with exponential backoff before giving up.
 * Thread-safe.
 */
public final class FileOpener {
    private static final int BUFFER_SIZE = 1 << 16;

    private final HttpClient http;
    private final String userAgent;
    private final int attempts;
    private final Duration firstBackoff;

    /**
     * @param userAgent sent with every HTTP request; name the project and a contact URL
     * @param attempts how often to try an HTTP request before giving up (at least 1)
     * @param firstBackoff wait before the second attempt; doubled for each further one
     */
    public FileOpener(String userAgent, int attempts, Duration firstBackoff) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        this.userAgent = userAgent;
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(20))
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
    }

    /**
     * Opens {@code location} for sequential reading; the caller closes the stream.
     *
     * @throws FileReadException with a {@link ReadFailure} reason when the file cannot be opened
     */
    public InputStream open(String location) throws FileReadException {
        URI uri = parse(location);
        String scheme = uri.getScheme() == null ? "file" : uri.getScheme().toLowerCase();
        return switch (scheme) {
            case "file" ->
                    openLocal(location, uri.getScheme() == null ? Path.of(location) : Path.of(uri));
            case "http", "https" -> openHttp(location, uri);
            default ->
                    throw new FileReadException(
                            ReadFailure.UNSUPPORTED_URL,
                            location,
                            -1,
                            "scheme '" + scheme + "' is not supported",
                            null);
        };
    }

    private static URI parse(String location) throws FileReadException {
        if (location == null || location.isBlank()) {
            throw new FileReadException(
                    ReadFailure.UNSUPPORTED_URL,
                    String.valueOf(location),
                    -1,
                    "empty location",
                    null);
        }
        if (location.startsWith("/")) {
            return Path.of(location).toUri();
        }
        try {
            return new URI(location);
        } catch (URISyntaxException e) {
            throw new FileReadException(
                    ReadFailure.UNSUPPORTED_URL, location, -1, e.getMessage(), e);
        }
    }

    private static InputStream openLocal(String location, Path path) throws FileReadException {
        try {
            return new BufferedInputStream(Files.newInputStream(path), BUFFER_SIZE);
        } catch (NoSuchFileException e) {
            throw new FileReadException(
                    ReadFailure.FILE_NOT_FOUND, location, -1, "no such file", e);
        } catch (IOException e) {
            throw new FileReadException(ReadFailure.UNREACHABLE, location, -1, e.toString(), e);
        }
    }

    private InputStream openHttp(String location, URI uri) throws FileReadException {
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .header("User-Agent", userAgent)
                        .timeout(Duration.ofMinutes(2))
                        .GET()
                        .build();
        Duration backoff = firstBackoff;
        String lastProblem = "";
        Exception lastCause = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                sleep(backoff, location);
                backoff = backoff.multipliedBy(2);
            }
            try {
                HttpResponse<InputStream> response =
                        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status == 200) {
                    return new BufferedInputStream(response.body(), BUFFER_SIZE);
                }
                response.body().close();
                if (status == 404 || status == 410) {
                    throw new FileReadException(
                            ReadFailure.FILE_NOT_FOUND, location, -1, "HTTP " + status, null);
                }
                if (status >= 400 && status < 500 && status != 429) {
                    throw new FileReadException(
                            ReadFailure.HTTP_CLIENT_ERROR, location, -1, "HTTP " + status, null);
                }
                lastProblem = "HTTP " + status;
                lastCause = null;
            } catch (IOException e) {
                if (e instanceof FileReadException fre) {
                    throw fre;
                }
                lastProblem = e.toString();
                lastCause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FileReadException(
                        ReadFailure.UNREACHABLE, location, -1, "interrupted", e);
            }
        }
        throw new FileReadException(
                ReadFailure.UNREACHABLE,
                location,
                -1,
                "gave up after " + attempts + " attempts, last: " + lastProblem,
                lastCause);
    }

    private static void sleep(Duration backoff, String location) throws FileReadException {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FileReadException(ReadFailure.UNREACHABLE, location, -1, "interrupted", e);
        }
    }
}
