package org.ccpairs.connectors.warc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.ccpairs.connectors.testing.FreePort;
import org.ccpairs.connectors.testing.LoopbackHttpServer;
import org.ccpairs.connectors.testing.LoopbackHttpServer.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FileOpener} against a real HTTP server on the loopback interface and real files. */
class FileOpenerTest {
    private static final String USER_AGENT = "ccpairs-test/0.1 (+https://example.org/ccpairs)";
    private static final Duration BACKOFF = Duration.ofMillis(10);

    @TempDir Path dir;

    private final FileOpener opener = new FileOpener(USER_AGENT, 3, BACKOFF);

    @Test
    void okStreamsTheExactBytesAndSendsTheUserAgent() throws IOException {
        byte[] content = randomBytes(300_000); // several times the 64 KiB buffer
        try (LoopbackHttpServer server = LoopbackHttpServer.scripted(Response.ok(content))) {
            byte[] read;
            try (InputStream in = opener.open(server.url("/crawl-data/a.warc.gz"))) {
                read = in.readAllBytes();
            }

            assertThat(read).isEqualTo(content);
            assertThat(server.requests())
                    .singleElement()
                    .satisfies(
                            request -> {
                                assertThat(request.method()).isEqualTo("GET");
                                assertThat(request.path()).isEqualTo("/crawl-data/a.warc.gz");
                                assertThat(request.header("User-Agent")).isEqualTo(USER_AGENT);
                            });
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 410})
    void missingFileIsFileNotFoundWithoutRetrying(int status) {
        try (LoopbackHttpServer server = LoopbackHttpServer.scripted(Response.status(status))) {
            String url = server.url("/missing.warc.gz");

            assertThatThrownBy(() -> opener.open(url))
                    .isInstanceOf(FileReadException.class)
                    .hasMessageContaining("HTTP " + status)
                    .hasMessageContaining(url)
                    .satisfies(
                            e -> {
                                FileReadException fre = (FileReadException) e;
                                assertThat(fre.reason()).isEqualTo(ReadFailure.FILE_NOT_FOUND);
                                assertThat(fre.file()).isEqualTo(url);
                                assertThat(fre.offset()).isEqualTo(-1);
                            });
            assertThat(server.requests()).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403})
    void refusedRequestIsHttpClientErrorWithoutRetrying(int status) {
        try (LoopbackHttpServer server = LoopbackHttpServer.scripted(Response.status(status))) {
            assertThatThrownBy(() -> opener.open(server.url("/forbidden")))
                    .isInstanceOf(FileReadException.class)
                    .hasMessageContaining("HTTP " + status)
                    .extracting(e -> ((FileReadException) e).reason())
                    .isEqualTo(ReadFailure.HTTP_CLIENT_ERROR);
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void serverErrorsAreRetriedUntilTheFileComes() throws IOException {
        byte[] content = randomBytes(1000);
        try (LoopbackHttpServer server =
                LoopbackHttpServer.scripted(
                        Response.status(500), Response.status(500), Response.ok(content))) {
            byte[] read;
            try (InputStream in = opener.open(server.url("/flaky"))) {
                read = in.readAllBytes();
            }

            assertThat(read).isEqualTo(content);
            assertThat(server.requests()).hasSize(3);
            assertThat(server.requests())
                    .allSatisfy(r -> assertThat(r.header("User-Agent")).isEqualTo(USER_AGENT));
        }
    }

    @Test
    void serverThatAlwaysFailsIsUnreachableAfterExactlyTheConfiguredAttempts() {
        FileOpener fourAttempts = new FileOpener(USER_AGENT, 4, BACKOFF);
        try (LoopbackHttpServer server = LoopbackHttpServer.scripted(Response.status(503))) {
            assertThatThrownBy(() -> fourAttempts.open(server.url("/down")))
                    .isInstanceOf(FileReadException.class)
                    .hasMessageContaining("gave up after 4 attempts, last: HTTP 503")
                    .extracting(e -> ((FileReadException) e).reason())
                    .isEqualTo(ReadFailure.UNREACHABLE);
            assertThat(server.requests()).hasSize(4);
        }
    }

    @Test
    void tooManyRequestsIsRetriedLikeAServerError() {
        try (LoopbackHttpServer server = LoopbackHttpServer.scripted(Response.status(429))) {
            assertThatThrownBy(() -> opener.open(server.url("/slow-down")))
                    .isInstanceOf(FileReadException.class)
                    .extracting(e -> ((FileReadException) e).reason())
                    .isEqualTo(ReadFailure.UNREACHABLE);
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void backoffDoublesBeforeEachFurtherAttempt() {
        FileOpener slow = new FileOpener(USER_AGENT, 3, Duration.ofMillis(100));
        try (LoopbackHttpServer server = LoopbackHttpServer.scripted(Response.status(503))) {
            assertThatThrownBy(() -> slow.open(server.url("/down")))
                    .isInstanceOf(FileReadException.class);

            List<LoopbackHttpServer.Request> requests = server.requests();
            assertThat(requests).hasSize(3);
            long firstGap = requests.get(1).receivedNanos() - requests.get(0).receivedNanos();
            long secondGap = requests.get(2).receivedNanos() - requests.get(1).receivedNanos();
            // lower bounds only: a slow machine may wait longer, never shorter
            assertThat(Duration.ofNanos(firstGap)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
            assertThat(Duration.ofNanos(secondGap)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void redirectIsFollowed() throws IOException {
        byte[] content = randomBytes(500);
        try (LoopbackHttpServer server =
                LoopbackHttpServer.start(
                        (request, index) ->
                                request.path().equals("/old")
                                        ? Response.redirect("/new")
                                        : Response.ok(content))) {
            byte[] read;
            try (InputStream in = opener.open(server.url("/old"))) {
                read = in.readAllBytes();
            }

            assertThat(read).isEqualTo(content);
            assertThat(server.requests())
                    .extracting(LoopbackHttpServer.Request::path)
                    .containsExactly("/old", "/new");
            assertThat(server.requests().get(1).header("User-Agent")).isEqualTo(USER_AGENT);
        }
    }

    @Test
    void refusedConnectionIsUnreachableAfterTheAttempts() {
        String url = "http://127.0.0.1:" + FreePort.closed() + "/a.warc.gz";

        assertThatThrownBy(() -> opener.open(url))
                .isInstanceOf(FileReadException.class)
                .hasMessageContaining("gave up after 3 attempts")
                .hasCauseInstanceOf(ConnectException.class)
                .extracting(e -> ((FileReadException) e).reason())
                .isEqualTo(ReadFailure.UNREACHABLE);
    }

    @Test
    void interruptedCallerGetsUnreachableAndKeepsItsInterruptFlag() {
        FileOpener slow = new FileOpener(USER_AGENT, 2, Duration.ofSeconds(30));
        try (LoopbackHttpServer server = LoopbackHttpServer.scripted(Response.status(503))) {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> slow.open(server.url("/down")))
                        .isInstanceOf(FileReadException.class)
                        .hasMessageContaining("interrupted")
                        .extracting(e -> ((FileReadException) e).reason())
                        .isEqualTo(ReadFailure.UNREACHABLE);
            } finally {
                assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
            }
        }
    }

    @Test
    void fileUrlAbsolutePathAndRelativePathOpenTheSameFile() throws IOException {
        byte[] content = randomBytes(100_000);
        Path file = Files.write(dir.resolve("a.warc.gz"), content);
        String relative = Path.of("").toAbsolutePath().relativize(file).toString();
        assertThat(relative).startsWith("..");

        for (String location : List.of(file.toUri().toString(), file.toString(), relative)) {
            try (InputStream in = opener.open(location)) {
                assertThat(in.readAllBytes()).as(location).isEqualTo(content);
            }
        }
    }

    @Test
    void absolutePathAndFileUrlWithASpaceOpen() throws IOException {
        byte[] content = randomBytes(10);
        Path file = Files.write(dir.resolve("with space.warc"), content);
        assertThat(file.toUri().toString()).contains("with%20space");

        for (String location : List.of(file.toUri().toString(), file.toString())) {
            try (InputStream in = opener.open(location)) {
                assertThat(in.readAllBytes()).as(location).isEqualTo(content);
            }
        }
    }

    @Test
    void missingLocalFileIsFileNotFound() {
        Path missing = dir.resolve("missing.warc.gz");

        for (String location : List.of(missing.toString(), missing.toUri().toString())) {
            assertThatThrownBy(() -> opener.open(location))
                    .as(location)
                    .isInstanceOf(FileReadException.class)
                    .hasMessageContaining("no such file")
                    .extracting(e -> ((FileReadException) e).reason())
                    .isEqualTo(ReadFailure.FILE_NOT_FOUND);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://x",
                "s3://commoncrawl/crawl-data/a.warc.gz",
                "mailto:a@b",
                "http://exa mple.org/a"
            })
    void unsupportedOrMalformedUrlIsUnsupportedUrl(String location) {
        assertThatThrownBy(() -> opener.open(location))
                .isInstanceOf(FileReadException.class)
                .extracting(e -> ((FileReadException) e).reason())
                .isEqualTo(ReadFailure.UNSUPPORTED_URL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void blankLocationIsUnsupportedUrl(String location) {
        assertThatThrownBy(() -> opener.open(location))
                .isInstanceOf(FileReadException.class)
                .hasMessageContaining("empty location")
                .extracting(e -> ((FileReadException) e).reason())
                .isEqualTo(ReadFailure.UNSUPPORTED_URL);
    }

    @Test
    void nullLocationIsUnsupportedUrl() {
        assertThatThrownBy(() -> opener.open(null))
                .isInstanceOf(FileReadException.class)
                .extracting(e -> ((FileReadException) e).reason())
                .isEqualTo(ReadFailure.UNSUPPORTED_URL);
    }

    @Test
    void lessThanOneAttemptIsRejected() {
        assertThatThrownBy(() -> new FileOpener(USER_AGENT, 0, BACKOFF))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attempts must be at least 1, got 0");
    }

    @Test
    void relativePathWithASpaceOpensTheFile() throws IOException {
        byte[] content = randomBytes(10);
        Path file = Files.write(dir.resolve("with space.warc"), content);
        String relative = Path.of("").toAbsolutePath().relativize(file).toString();

        try (InputStream in = opener.open(relative)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "file:relative/a.warc.gz",
                "file://otherhost/data/a.warc.gz",
                "http:///a.warc.gz",
                "http:a.warc.gz"
            })
    void urlThatNamesNoOpenableFileIsUnsupportedUrlNotAnUncheckedException(String location) {
        assertThatThrownBy(() -> opener.open(location))
                .isInstanceOf(FileReadException.class)
                .extracting(e -> ((FileReadException) e).reason())
                .isEqualTo(ReadFailure.UNSUPPORTED_URL);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
