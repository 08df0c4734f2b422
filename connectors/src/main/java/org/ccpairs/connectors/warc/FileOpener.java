package org.ccpairs.connectors.warc;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Opens a file named by a {@code file://} URL, a plain local path, or an {@code http(s)://} URL
 * (the way data.commoncrawl.org serves WARC files). HTTP requests carry an honest User-Agent;
 * server errors and broken connections are retried with exponential backoff before giving up.
 * Thread-safe.
 */
public final class FileOpener {
    /** A URL scheme such as {@code file:} or {@code https:}; anything else is a local path. */
    private static final Pattern HAS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

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
        return open(location, 0);
    }

    /**
     * Opens {@code location} for sequential reading from byte {@code offset} on; the caller closes
     * the stream. Over HTTP this is a range request ({@code Range: bytes=<offset>-}); a server that
     * ignores it and sends the whole file is skipped forward, so the stream starts at {@code
     * offset} either way.
     *
     * @throws FileReadException with a {@link ReadFailure} reason when the file cannot be opened,
     *     or is shorter than {@code offset}
     */
    public InputStream open(String location, long offset) throws FileReadException {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
        if (location == null || location.isBlank()) {
            throw unsupported(String.valueOf(location), "empty location", null);
        }
        if (!HAS_SCHEME.matcher(location).find()) {
            return openLocal(location, localPath(location), offset);
        }
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            throw unsupported(location, e.getMessage(), e);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> openLocal(location, localPath(location, uri), offset);
            case "http", "https" -> openHttp(location, uri, offset);
            default ->
                    throw unsupported(location, "scheme '" + scheme + "' is not supported", null);
        };
    }

    private static Path localPath(String location) throws FileReadException {
        try {
            return Path.of(location);
        } catch (InvalidPathException e) {
            throw unsupported(location, e.getMessage(), e);
        }
    }

    /** The path of a {@code file:} URL, which must be absolute and name no host. */
    private static Path localPath(String location, URI uri) throws FileReadException {
        try {
            return Path.of(uri);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw unsupported(
                    location, "not an absolute local file URL (" + e.getMessage() + ")", e);
        }
    }

    private static FileReadException unsupported(String location, String why, Throwable cause) {
        return new FileReadException(ReadFailure.UNSUPPORTED_URL, location, -1, why, cause);
    }

    private static InputStream openLocal(String location, Path path, long offset)
            throws FileReadException {
        try {
            SeekableByteChannel channel = Files.newByteChannel(path);
            if (offset > channel.size()) {
                channel.close();
                throw new FileReadException(
                        ReadFailure.CORRUPT_FILE,
                        location,
                        offset,
                        "the file is only " + channel.size() + " bytes long",
                        null);
            }
            channel.position(offset);
            return new BufferedInputStream(Channels.newInputStream(channel), BUFFER_SIZE);
        } catch (NoSuchFileException e) {
            throw new FileReadException(
                    ReadFailure.FILE_NOT_FOUND, location, -1, "no such file", e);
        } catch (IOException e) {
            throw new FileReadException(ReadFailure.UNREACHABLE, location, -1, e.toString(), e);
        }
    }

    private InputStream openHttp(String location, URI uri, long offset) throws FileReadException {
        if (uri.getHost() == null) {
            throw unsupported(location, "an http(s) URL needs a host", null);
        }
        HttpRequest request;
        try {
            HttpRequest.Builder builder =
                    HttpRequest.newBuilder(uri)
                            .header("User-Agent", userAgent)
                            .timeout(Duration.ofMinutes(2))
                            .GET();
            if (offset > 0) {
                builder.header("Range", "bytes=" + offset + "-");
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            throw unsupported(location, e.getMessage(), e);
        }
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
                if (status == 206 && offset > 0) {
                    return new BufferedInputStream(response.body(), BUFFER_SIZE);
                }
                if (status == 200) {
                    return skipTo(
                            new BufferedInputStream(response.body(), BUFFER_SIZE),
                            offset,
                            location);
                }
                if (status == 416) {
                    response.body().close();
                    throw new FileReadException(
                            ReadFailure.CORRUPT_FILE,
                            location,
                            offset,
                            "HTTP 416: the file ends before this offset",
                            null);
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

    /** Skips a whole-file response forward to {@code offset}, for servers that ignore ranges. */
    private static InputStream skipTo(InputStream in, long offset, String location)
            throws IOException {
        if (offset > 0) {
            long skipped = in.skip(offset);
            while (skipped < offset) {
                if (in.read() < 0) {
                    in.close();
                    throw new FileReadException(
                            ReadFailure.CORRUPT_FILE,
                            location,
                            offset,
                            "the file ends at byte " + skipped + ", before this offset",
                            null);
                }
                skipped++;
                skipped += in.skip(offset - skipped);
            }
        }
        return in;
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
