package org.ccpairs.connectors.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.ccpairs.connectors.testing.FreePort;
import org.ccpairs.connectors.testing.LoopbackHttpServer;
import org.ccpairs.connectors.testing.LoopbackHttpServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher against a real HTTP server on loopback, and local files. */
class FetcherTest {
    private static final byte[] BODY = "[]".getBytes(StandardCharsets.UTF_8);

    private final Fetcher fetcher =
            new Fetcher(
                    "ccpairs-test/1 (+https://example.org)",
                    Duration.ofMillis(500),
                    3,
                    Duration.ofMillis(5));

    @AfterEach
    void close() {
        fetcher.close();
    }

    @Test
    void serverErrorsAreRetriedAndEveryRequestNamesItsUserAgent() throws Exception {
        try (LoopbackHttpServer server =
                LoopbackHttpServer.scripted(
                        Response.status(500), Response.status(503), Response.ok(BODY))) {
            assertThat(fetcher.fetch(server.url("/collinfo.json"))).isEqualTo(BODY);

            assertThat(server.requests()).hasSize(3);
            assertThat(server.requests())
                    .allSatisfy(
                            r ->
                                    assertThat(r.header("User-Agent"))
                                            .isEqualTo("ccpairs-test/1 (+https://example.org)"));
            assertThat(fetcher.requests()).isEqualTo(3);
        }
    }

    @Test
    void serverErrorOnEveryAttemptIsAServerErrorAfterTheLastAttempt() {
        try (LoopbackHttpServer server = LoopbackHttpServer.scripted(Response.status(500))) {
            assertThatThrownBy(() -> fetcher.fetch(server.url("/x")))
                    .isInstanceOf(FetchException.class)
                    .hasMessageContaining("gave up after 3 attempts")
                    .extracting(e -> ((FetchException) e).failure())
                    .isEqualTo(FetchFailure.HTTP_SERVER_ERROR);
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void tooManyRequestsIsRetried() throws Exception {
        try (LoopbackHttpServer server =
                LoopbackHttpServer.scripted(
                        new Response(429, new byte[0], Map.of("Retry-After", "0")),
                        Response.ok(BODY))) {
            assertThat(fetcher.fetch(server.url("/x"))).isEqualTo(BODY);
        }
    }

    @Test
    void notFoundIsAnsweredAtOnce() {
        try (LoopbackHttpServer server = LoopbackHttpServer.scripted(Response.status(404))) {
            assertThatThrownBy(() -> fetcher.fetch(server.url("/crawl-data/X/warc.paths.gz")))
                    .extracting(e -> ((FetchException) e).failure())
                    .isEqualTo(FetchFailure.NOT_FOUND);
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void otherClientErrorsAreNotRetried() {
        try (LoopbackHttpServer server = LoopbackHttpServer.scripted(Response.status(403))) {
            assertThatThrownBy(() -> fetcher.fetch(server.url("/x")))
                    .extracting(e -> ((FetchException) e).failure())
                    .isEqualTo(FetchFailure.HTTP_CLIENT_ERROR);
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void redirectsAreFollowed() throws Exception {
        try (LoopbackHttpServer target = LoopbackHttpServer.scripted(Response.ok(BODY));
                LoopbackHttpServer server =
                        LoopbackHttpServer.scripted(Response.redirect(target.url("/y")))) {
            assertThat(fetcher.fetch(server.url("/x"))).isEqualTo(BODY);
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsATimeoutOnEveryAttempt() {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (LoopbackHttpServer server =
                LoopbackHttpServer.start(
                        (request, index) -> {
                            try {
                                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return Response.ok(BODY);
                        })) {
            Fetcher oneTry = new Fetcher("t", Duration.ofMillis(200), 1, Duration.ZERO);
            long start = System.nanoTime();
            assertThatThrownBy(() -> oneTry.fetch(server.url("/slow")))
                    .extracting(e -> ((FetchException) e).failure())
                    .isEqualTo(FetchFailure.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(5));
            oneTry.close();
        } finally {
            release.countDown();
        }
    }

    @Test
    void aBodyThatStopsHalfwayIsATimeoutNotAHang() {
        try (LoopbackHttpServer server =
                LoopbackHttpServer.scripted(Response.brokenOff(BODY, 1000))) {
            assertThatThrownBy(() -> fetcher.fetch(server.url("/x")))
                    .isInstanceOf(FetchException.class)
                    .extracting(e -> ((FetchException) e).failure().isTransient())
                    .isEqualTo(true);
        }
    }

    @Test
    void refusedConnectionIsUnreachable() {
        assertThatThrownBy(() -> fetcher.fetch("http://127.0.0.1:" + FreePort.closed() + "/x"))
                .extracting(e -> ((FetchException) e).failure())
                .isEqualTo(FetchFailure.UNREACHABLE);
    }

    @Test
    void localFilesAreReadAndMissingOnesAreNotFound(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("collinfo.json"), BODY);

        assertThat(fetcher.fetch(file.toUri().toString())).isEqualTo(BODY);
        assertThatThrownBy(() -> fetcher.fetch(dir.resolve("missing").toUri().toString()))
                .extracting(e -> ((FetchException) e).failure())
                .isEqualTo(FetchFailure.NOT_FOUND);
        assertThat(fetcher.requests()).isZero();
    }
}
