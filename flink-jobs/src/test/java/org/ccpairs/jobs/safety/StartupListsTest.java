package org.ccpairs.jobs.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.ccpairs.jobs.CcpairsJob;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lists fetched at start from a real HTTP server on loopback: a good list is applied, and every way
 * a fetch can fail fails the start with the URL (and line).
 */
class StartupListsTest {
    private static final Pair CAT = TestPairs.pair(1, "https://img.example.org/cat.jpg", "A cat");
    private static final Pair DOG = TestPairs.pair(1, "https://img.example.org/dog.jpg", "A dog");

    @TempDir Path dir;

    private HttpServer server;
    private ExecutorService handlers;
    private final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        serve("/lists/partner.txt", 200, "# partner\nURL https://img.example.org/cat.jpg\n");
        serve("/lists/bad.txt", 200, "DOMAIN ok.example\nIMAGE_SHA256 abc\n");
        serve("/lists/big.txt", 200, "# " + "x".repeat(4096) + "\n");
        serve("/", 200, "DOMAIN example.net\n");
        server.createContext(
                "/lists/slow.txt",
                exchange -> {
                    try {
                        released.await(30, TimeUnit.SECONDS); // answers only after the test
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                });
        server.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private void serve(String path, int status, String body) {
        server.createContext(
                path,
                exchange -> {
                    if (!exchange.getRequestURI().getPath().equals(path)) {
                        exchange.sendResponseHeaders(404, -1); // contexts match by prefix
                        exchange.close();
                        return;
                    }
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, bytes.length);
                    exchange.getResponseBody().write(bytes);
                    exchange.close();
                });
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static StartupLists fromUrls(String... urls) {
        return new StartupLists(List.of(), List.of(urls), Duration.ofSeconds(2), 1024, "test");
    }

    @Test
    void aFetchedListIsAppliedToNewPairs() throws Exception {
        try (var h = harness(fromUrls(url("/lists/partner.txt")))) {
            h.open();
            h.processElement1(new StreamRecord<>(CAT));
            h.processElement1(new StreamRecord<>(DOG));
            assertThat(h.extractOutputValues()).containsExactly(DOG);
            assertThat(h.getSideOutput(CcpairsJob.REJECTIONS))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.getValue().reason()).isEqualTo("SAFETY_LIST");
                                assertThat(r.getValue().detail()).contains("partner@0");
                            });
        }
    }

    @Test
    void theIdIsTheLastPathSegmentOrGivenExplicitly() throws Exception {
        Path file = dir.resolve("local.txt");
        Files.writeString(file, "DOMAIN example.com\n");
        Map<String, SafetyList> lists =
                new StartupLists(
                                List.of(file.toString()),
                                List.of(url("/lists/partner.txt"), "hosts=" + url("/")),
                                Duration.ofSeconds(2),
                                1024,
                                "test")
                        .load();
        assertThat(lists).containsOnlyKeys("local", "partner", "hosts");
        assertThat(lists.get("hosts").entries()).containsExactly("DOMAIN:example.net");

        assertThatThrownBy(() -> fromUrls(url("/")).load())
                .hasMessageContaining("no file name")
                .hasMessageContaining("id=");
        assertThatThrownBy(
                        () -> fromUrls(url("/lists/partner.txt"), url("/lists/partner.txt")).load())
                .hasMessageContaining("two safety lists have id 'partner'");
    }

    @Test
    void aFailedFetchOrABadLineFailsTheStartWithTheUrl() {
        assertThatThrownBy(() -> fromUrls(url("/lists/missing.txt")).load())
                .hasMessageContaining(url("/lists/missing.txt"))
                .hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> fromUrls(url("/lists/bad.txt")).load())
                .hasMessageContaining(url("/lists/bad.txt") + ":2")
                .hasMessageContaining("IMAGE_SHA256 entry 'abc' is not 64 hex digits");
        assertThatThrownBy(() -> fromUrls(url("/lists/big.txt")).load())
                .hasMessageContaining(url("/lists/big.txt"))
                .hasMessageContaining("larger than 'safety.lists.max-bytes' (1024 bytes)");
        assertThatThrownBy(() -> fromUrls("ftp://example.org/list.txt").load())
                .hasMessageContaining("no http(s) URL");
    }

    @Test
    void aListThatDoesNotArriveInTimeFailsTheStart() {
        StartupLists slow =
                new StartupLists(
                        List.of(),
                        List.of(url("/lists/slow.txt")),
                        Duration.ofMillis(300),
                        1024,
                        "test");
        assertThatThrownBy(slow::load)
                .hasMessageContaining(url("/lists/slow.txt"))
                .hasMessageContaining("within PT0.3S");
    }

    @Test
    void aTaskThatCannotFetchItsListNeverStarts() throws Exception {
        try (var h = harness(fromUrls(url("/lists/missing.txt")))) {
            assertThatThrownBy(h::open).hasMessageContaining("HTTP 404");
        }
    }

    private static TwoInputStreamOperatorTestHarness<Pair, SafetyListUpdate, Pair> harness(
            StartupLists lists) throws Exception {
        return new TwoInputStreamOperatorTestHarness<>(
                new CoBroadcastWithNonKeyedOperator<>(
                        new SafetyListFunction(
                                lists,
                                SafetyListFunction.Scope.URLS,
                                false,
                                CcpairsJob.REJECTIONS,
                                new RejectionSampler(1.0)),
                        List.of(SafetyListFunction.LISTS)),
                1,
                1,
                0);
    }
}
