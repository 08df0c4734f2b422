package org.ccpairs.jobs.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.ccpairs.jobs.CcpairsJob;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.testing.CapturedMetrics;
import org.ccpairs.jobs.testing.CollectedResults;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP image-safety scorer against a real model endpoint stand-in on loopback: what it sends,
 * the score stored on the pair, and every answer that is not a score — an error status, garbage, a
 * score out of range, no answer in time — rejecting the pair as IMAGE_NOT_SCORED, counted.
 */
class HttpImageSafetyScorerTest {
    private HttpServer server;
    private ExecutorService handlers;
    private final CountDownLatch released = new CountDownLatch(1);
    private final Map<String, String> received = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext(
                "/score",
                exchange -> {
                    String body =
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8);
                    received.put(body, exchange.getRequestHeaders().getFirst("Content-Type"));
                    int status = 200;
                    String answer;
                    if (body.contains("safe.jpg")) {
                        answer = "{\"model\": \"clip-nsfw\", \"score\": 0.1}";
                    } else if (body.contains("nsfw.jpg")) {
                        answer = "{\"score\": 0.95, \"labels\": [\"nsfw\"]}";
                    } else if (body.contains("error.jpg")) {
                        status = 500;
                        answer = "{\"score\": 0.0}";
                    } else if (body.contains("garbage.jpg")) {
                        answer = "<html>not json</html>";
                    } else if (body.contains("range.jpg")) {
                        answer = "{\"score\": 1.5}";
                    } else {
                        try {
                            released.await(30, TimeUnit.SECONDS); // answers only after the test
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        answer = "{\"score\": 0.0}";
                    }
                    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, bytes.length);
                    exchange.getResponseBody().write(bytes);
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

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/score";
    }

    private static Pair pair(String file) {
        return TestPairs.pair(1, "https://img.example.org/" + file, "An image called " + file);
    }

    @Test
    void scoresAreStoredAndEveryOtherAnswerRejectsThePairAndIsCounted() throws Exception {
        Configuration conf = new Configuration();
        conf.set(SafetyOptions.IMAGE_ENDPOINT, endpoint());
        conf.set(SafetyOptions.IMAGE_TIMEOUT, Duration.ofMillis(500));
        HttpImageSafetyScorer scorer = HttpImageSafetyScorer.from(conf, "ccpairs-test");
        List<Pair> pairs =
                List.of(
                        pair("safe.jpg"),
                        pair("nsfw.jpg"),
                        pair("error.jpg"),
                        pair("garbage.jpg"),
                        pair("range.jpg"),
                        pair("slow.jpg"));

        ImageSafetyFunction f = new ImageSafetyFunction(scorer);
        CollectedResults<ScoredPair> results = new CollectedResults<>(pairs.size());
        f.open(null);
        try {
            for (Pair p : pairs) {
                f.asyncInvoke(p, results.future());
            }
            assertThat(results.await(30)).as("every request ends").isTrue();
        } finally {
            f.close();
        }
        List<ScoredPair> scored = results.results();
        assertThat(received)
                .containsEntry(
                        "{\"image_url\":\"https://img.example.org/safe.jpg\",\"pair_id\":\""
                                + pairs.get(0).pairId()
                                + "\"}",
                        "application/json; charset=UTF-8");
        Map<String, Double> scores = new ConcurrentHashMap<>();
        Map<String, NoScore> causes = new ConcurrentHashMap<>();
        for (ScoredPair p : scored) {
            String file = p.pair().imageUrl().substring(p.pair().imageUrl().lastIndexOf('/') + 1);
            if (p.pair().screening() != null && p.pair().screening().imageSafetyScore() != null) {
                scores.put(file, p.pair().screening().imageSafetyScore());
            }
            if (p.noScore() != null) {
                causes.put(file, p.noScore());
            }
        }
        assertThat(scores).containsOnly(Map.entry("safe.jpg", 0.1), Map.entry("nsfw.jpg", 0.95));
        assertThat(causes)
                .containsOnly(
                        Map.entry("error.jpg", NoScore.HTTP_STATUS),
                        Map.entry("garbage.jpg", NoScore.BAD_ANSWER),
                        Map.entry("range.jpg", NoScore.OUT_OF_RANGE),
                        Map.entry("slow.jpg", NoScore.TIMEOUT));

        CapturedMetrics metrics = new CapturedMetrics();
        try (var h =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(
                                new ImageSafetyRouter(
                                        0.8, CcpairsJob.REJECTIONS, new RejectionSampler(1.0))),
                        metrics.environment())) {
            h.open();
            for (ScoredPair p : scored) {
                h.processElement(p, 0);
            }
            assertThat(h.getSideOutput(CcpairsJob.REJECTIONS))
                    .extracting(r -> r.getValue().detail())
                    .contains(
                            "no image-safety score: HTTP_STATUS (HTTP 500 from " + endpoint() + ")")
                    .anySatisfy(
                            d ->
                                    assertThat(d)
                                            .startsWith(
                                                    "no image-safety score: BAD_ANSWER (the answer"
                                                        + " is not JSON: Unexpected character"));
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            p -> {
                                assertThat(p.imageUrl()).endsWith("/safe.jpg");
                                assertThat(p.screening().imageSafetyScore()).isEqualTo(0.1);
                            });
        }
        assertThat(
                        metrics.counter(
                                "ccpairs",
                                "stage",
                                "safety",
                                "reason",
                                "IMAGE_NOT_SCORED",
                                "pairs_rejected"))
                .as("500, garbage, out of range, too slow")
                .isEqualTo(4);
        assertThat(
                        metrics.counter(
                                "ccpairs",
                                "stage",
                                "safety",
                                "reason",
                                "UNSAFE_IMAGE",
                                "pairs_rejected"))
                .isEqualTo(1);
        for (String cause : List.of("HTTP_STATUS", "BAD_ANSWER", "OUT_OF_RANGE", "TIMEOUT")) {
            assertThat(metrics.counter("ccpairs", "cause", cause, "images_not_scored"))
                    .as(cause)
                    .isEqualTo(1);
        }
        assertThat(metrics.counter("ccpairs", "cause", "UNREACHABLE", "images_not_scored"))
                .as("exported at 0 before the first")
                .isZero();
    }

    @Test
    void anEndpointNobodyListensOnIsUnreachable() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        ImageSafetyFunction f =
                new ImageSafetyFunction(
                        new HttpImageSafetyScorer(
                                "http://127.0.0.1:" + port + "/score",
                                Duration.ofSeconds(5),
                                1,
                                "ccpairs-test"));
        CollectedResults<ScoredPair> results = new CollectedResults<>(1);
        f.open(null);
        try {
            f.asyncInvoke(pair("safe.jpg"), results.future());
            assertThat(results.await(30)).isTrue();
        } finally {
            f.close();
        }
        assertThat(results.results())
                .singleElement()
                .extracting(ScoredPair::noScore)
                .isEqualTo(NoScore.UNREACHABLE);
    }

    @Test
    void theAnswerMustBeAJsonObjectWithANumericScore() throws Exception {
        assertThat(
                        HttpImageSafetyScorer.parseScore(
                                "{\"a\":{\"score\":2},\"score\":0.5}".getBytes()))
                .as("only the top-level field counts")
                .isEqualTo(0.5);
        assertThatThrownBy(() -> HttpImageSafetyScorer.parseScore("{\"score\":\"0.5\"}".getBytes()))
                .hasMessageContaining("no numeric 'score'");
        assertThatThrownBy(() -> HttpImageSafetyScorer.parseScore("[0.5]".getBytes()))
                .hasMessageContaining("no JSON object");
    }

    @Test
    void turningItOnWithAnEndpointConfiguresTheHttpScorer() {
        Configuration conf = new Configuration();
        conf.set(SafetyOptions.IMAGE_SCORER_ENABLED, true);
        conf.set(SafetyOptions.IMAGE_ENDPOINT, endpoint());
        // the scorer check passed: what is missing now is the job's first required part
        assertThatThrownBy(() -> CcpairsJob.builder().configuration(conf).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("announcements");

        conf.set(SafetyOptions.IMAGE_ENDPOINT, "ftp://models.internal/nsfw");
        assertThatThrownBy(() -> CcpairsJob.builder().configuration(conf).build())
                .hasMessageContaining("'safety.image.endpoint'")
                .hasMessageContaining("no http(s) URL");
    }
}
