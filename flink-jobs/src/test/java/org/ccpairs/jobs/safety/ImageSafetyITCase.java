package org.ccpairs.jobs.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.ccpairs.avro.DatasetVersion;
import org.ccpairs.avro.Rejection;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.testing.Corpus;
import org.ccpairs.jobs.testing.ExpectedPairs;
import org.ccpairs.jobs.testing.PipelineRun;
import org.ccpairs.jobs.testing.TopicReader;
import org.ccpairs.localstack.SharedStackExtension;
import org.ccpairs.localstack.web.ImageHosts;
import org.ccpairs.localstack.web.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image-safety model end to end, on a real broker and registry with the job on a MiniCluster
 * and a model service on loopback: every pair that passed the link check is asked for exactly once,
 * scores land in the dataset, a score above the threshold rejects its pair as {@code UNSAFE_IMAGE}
 * and a model error rejects it as {@code IMAGE_NOT_SCORED} naming the cause (fail closed). An image
 * its host serves as a GIF, whatever its URL, is dropped by the link check ({@code IMAGE_FORMAT})
 * and never reaches the model.
 */
@ExtendWith(SharedStackExtension.class)
class ImageSafetyITCase {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final JsonFactory JSON = new JsonFactory();

    @TempDir Path warehouse;

    @Test
    void scoresAreStoredAndUnsafeOrUnscoredPairsRejected() throws Exception {
        Path chatnoir = Corpus.file("chatnoir-resiliparse/warcfile.warc.gz");
        Map<String, Pair> expected = new LinkedHashMap<>();
        ExpectedPairs.published(chatnoir, new Segment(1, "c", "s", "WARC", 1))
                .forEach(p -> expected.putIfAbsent(p.pairId(), p));
        List<String> urls = expected.values().stream().map(Pair::imageUrl).distinct().toList();
        assertThat(urls).hasSizeGreaterThanOrEqualTo(3);
        String unsafe = urls.get(0);
        String broken = urls.get(1);
        // a URL the loopback web can route by host and path alone
        String gif =
                urls.stream()
                        .skip(2)
                        .filter(u -> u.matches("https?://[a-z0-9.-]+/[A-Za-z0-9/._-]+"))
                        .findFirst()
                        .orElseThrow();
        assertThat(gif).doesNotEndWith(".gif"); // the prefilter's URL rule let it through

        Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
        HttpServer model =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        model.createContext(
                "/score",
                exchange -> {
                    Map<String, String> request = fields(exchange.getRequestBody().readAllBytes());
                    asked.computeIfAbsent(request.get("pair_id"), id -> new AtomicInteger())
                            .incrementAndGet();
                    String url = request.get("image_url");
                    int status = url.equals(broken) ? 503 : 200;
                    byte[] answer =
                            (url.equals(unsafe) ? "{\"score\": 0.97}" : "{\"score\": 0.05}")
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, answer.length);
                    exchange.getResponseBody().write(answer);
                    exchange.close();
                });
        model.start();
        String endpoint = "http://127.0.0.1:" + model.getAddress().getPort() + "/score";
        try (PipelineRun run = new PipelineRun(warehouse);
                TopicReader<DatasetVersion> versions =
                        PipelineRun.reader(run.versionsTopic, DatasetVersion.getClassSchema());
                TopicReader<Rejection> rejections =
                        PipelineRun.reader(run.rejectionsTopic, Rejection.getClassSchema())) {
            URI gifUrl = URI.create(gif);
            run.web.route(
                    gifUrl.getHost(),
                    gifUrl.getRawPath(),
                    ImageHosts.Answer.image(TestImages.gif(200, 100), "image/gif"));
            run.conf.set(SafetyOptions.IMAGE_SCORER_ENABLED, true);
            run.conf.set(SafetyOptions.IMAGE_ENDPOINT, endpoint);
            run.start();
            run.announce("segment-1", chatnoir);
            DatasetVersion v1 = versions.readUntil(v -> !v.isEmpty(), TIMEOUT).get(0);

            Map<String, String> outcome = new HashMap<>();
            expected.values()
                    .forEach(
                            p ->
                                    outcome.put(
                                            p.pairId(),
                                            p.imageUrl().equals(unsafe)
                                                    ? "UNSAFE_IMAGE"
                                                    : p.imageUrl().equals(broken)
                                                            ? "IMAGE_NOT_SCORED"
                                                            : p.imageUrl().equals(gif)
                                                                    ? "IMAGE_FORMAT"
                                                                    : "published"));
            Map<String, Double> scores = scores(run.table(), v1.getSnapshotId());
            assertThat(scores.keySet())
                    .containsExactlyInAnyOrderElementsOf(
                            outcome.entrySet().stream()
                                    .filter(e -> e.getValue().equals("published"))
                                    .map(Map.Entry::getKey)
                                    .toList());
            assertThat(scores.values()).containsOnly(0.05);
            assertThat(asked.keySet())
                    .as("every pair that passed the link check was scored")
                    .containsExactlyInAnyOrderElementsOf(
                            outcome.entrySet().stream()
                                    .filter(e -> !e.getValue().equals("IMAGE_FORMAT"))
                                    .map(Map.Entry::getKey)
                                    .toList());
            assertThat(asked.values()).allSatisfy(n -> assertThat(n.get()).isOne());

            List<Rejection> audited = rejections.drain(Duration.ofSeconds(2));
            assertThat(audited)
                    .filteredOn(r -> r.getStage().equals("linkcheck"))
                    .extracting(Rejection::getPairId, Rejection::getReason, Rejection::getDetail)
                    .containsExactlyInAnyOrderElementsOf(
                            outcome.entrySet().stream()
                                    .filter(e -> e.getValue().equals("IMAGE_FORMAT"))
                                    .map(
                                            e ->
                                                    org.assertj.core.groups.Tuple.tuple(
                                                            e.getKey(),
                                                            "IMAGE_FORMAT",
                                                            "gif (Content-Type image/gif) is not"
                                                                + " among"
                                                                + " filter.url.allowed-extensions"))
                                    .toList());
            List<Rejection> safety =
                    audited.stream().filter(r -> r.getStage().equals("safety")).toList();
            assertThat(safety)
                    .extracting(Rejection::getPairId, Rejection::getReason)
                    .containsExactlyInAnyOrderElementsOf(
                            outcome.entrySet().stream()
                                    .filter(e -> !e.getValue().equals("published"))
                                    .filter(e -> !e.getValue().equals("IMAGE_FORMAT"))
                                    .map(
                                            e ->
                                                    org.assertj.core.groups.Tuple.tuple(
                                                            e.getKey(), e.getValue()))
                                    .toList());
            assertThat(safety)
                    .filteredOn(r -> r.getReason().equals("UNSAFE_IMAGE"))
                    .allSatisfy(
                            r -> assertThat(r.getDetail()).isEqualTo("image score 0.97 >= 0.80"));
            assertThat(safety)
                    .filteredOn(r -> r.getReason().equals("IMAGE_NOT_SCORED"))
                    .isNotEmpty()
                    .allSatisfy(
                            r ->
                                    assertThat(r.getDetail())
                                            .isEqualTo(
                                                    "no image-safety score: HTTP_STATUS (HTTP 503"
                                                            + " from "
                                                            + endpoint
                                                            + ")"));
        } finally {
            model.stop(0);
        }
    }

    /** The string fields of a flat JSON object. */
    private static Map<String, String> fields(byte[] body) throws IOException {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser json = JSON.createParser(body)) {
            json.nextToken();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                fields.put(name, json.getValueAsString());
            }
        }
        return fields;
    }

    private static Map<String, Double> scores(Table table, long snapshot) throws Exception {
        table.refresh();
        Map<String, Double> scores = new HashMap<>();
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(table)
                        .useSnapshot(snapshot)
                        .select("pair_id", "image_safety_score")
                        .build()) {
            rows.forEach(
                    r ->
                            scores.put(
                                    (String) r.getField("pair_id"),
                                    (Double) r.getField("image_safety_score")));
        }
        return scores;
    }
}
