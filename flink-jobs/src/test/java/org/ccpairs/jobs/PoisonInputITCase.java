package org.ccpairs.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.ccpairs.avro.DatasetVersion;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.ImageTextPair;
import org.ccpairs.avro.Rejection;
import org.ccpairs.avro.SegmentRef;
import org.ccpairs.connectors.registry.ConfluentAvroSerializer;
import org.ccpairs.connectors.registry.RegistryClient;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.testing.Corpus;
import org.ccpairs.jobs.testing.ExpectedPairs;
import org.ccpairs.jobs.testing.PipelineRun;
import org.ccpairs.jobs.testing.TestWarcs;
import org.ccpairs.jobs.testing.TopicReader;
import org.ccpairs.localstack.SharedStackExtension;
import org.ccpairs.localstack.web.ImageHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on the segments topic and in announcements lands on the dead-letter topic with a reason
 * and where it came from; the job keeps running and handles the next announcement. The Prometheus
 * reporter shows the counts.
 */
@ExtendWith(SharedStackExtension.class)
class PoisonInputITCase {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir Path warehouse;

    @Test
    void badMessagesAndMissingFilesAreDeadLetteredAndTheJobGoesOn() throws Exception {
        // a real crawl subset (requests and metadata records are skipped) and a page whose images
        // with
        // alt text have no usable URL
        Path good = Corpus.file("chatnoir-resiliparse/warcfile.warc.gz");
        Path unusable =
                TestWarcs.page(
                        warehouse.resolve("unusable-images.warc.gz"),
                        "https://example.org/inline",
                        "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"an inline image\">"
                                + "<img src=\"javascript:void(0)\" alt=\"a script\">");
        // an image whose host answers 404: the pair is dropped by the link check and audited
        Path gone =
                TestWarcs.page(
                        warehouse.resolve("gone-image.warc.gz"),
                        "https://example.org/gone",
                        "<img src=\"https://gone.example.net/missing.jpg\" alt=\"a picture that"
                                + " is no longer there\">");
        List<Pair> goodPublished =
                ExpectedPairs.published(good, new Segment(1, "c", "s", "WARC", 1));
        int extractedGood = ExpectedPairs.of(good, new Segment(1, "c", "s", "WARC", 1)).size();
        Set<String> goodIds = goodPublished.stream().map(Pair::pairId).collect(Collectors.toSet());
        assertThat(goodPublished.size())
                .as("the file has pairs the prefilter drops")
                .isLessThan(extractedGood);
        assertThat(goodIds).isNotEmpty();
        int metricsPort = freePort();

        try (PipelineRun run = new PipelineRun(warehouse);
                TopicReader<DeadLetter> dlq =
                        PipelineRun.reader(run.dlqTopic, DeadLetter.getClassSchema());
                TopicReader<DatasetVersion> versions =
                        PipelineRun.reader(run.versionsTopic, DatasetVersion.getClassSchema());
                TopicReader<ImageTextPair> pairs =
                        PipelineRun.reader(run.pairsTopic, ImageTextPair.getClassSchema())) {
            run.conf.setString(
                    "metrics.reporter.prom.factory.class",
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            run.conf.setString("metrics.reporter.prom.port", Integer.toString(metricsPort));
            run.web.host("gone.example.net", r -> ImageHosts.Answer.status(404));
            run.start();

            run.sendRaw("definitely not avro".getBytes(StandardCharsets.UTF_8));
            run.sendRaw(new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 1, 2, 3});
            run.sendRaw(otherRecordType(run.segmentsTopic));
            run.announceUrls(
                    "segment-missing", List.of("file:///nonexistent/CC-MAIN-missing.warc.gz"));
            run.announce("segment-ok", good, unusable, gone);

            List<DeadLetter> letters = dlq.readUntil(d -> d.size() >= 4, TIMEOUT);
            assertThat(letters)
                    .extracting(DeadLetter::getReason)
                    .containsExactlyInAnyOrder(
                            "NOT_CONFLUENT_AVRO",
                            "UNKNOWN_SCHEMA_ID",
                            "INCOMPATIBLE_SCHEMA",
                            "FILE_NOT_FOUND");
            for (DeadLetter d : letters) {
                assertThat(d.getMessage()).isNotBlank();
                if (d.getReason().equals("FILE_NOT_FOUND")) {
                    assertThat(d.getStage()).isEqualTo("warc-read");
                    assertThat(d.getWarcFile())
                            .isEqualTo("file:///nonexistent/CC-MAIN-missing.warc.gz");
                    assertThat(d.getSegmentId()).isEqualTo("segment-missing");
                    assertThat(d.getCrawlId()).isEqualTo("CC-TEST-2026-01");
                } else {
                    assertThat(d.getStage()).isEqualTo("announcement-decode");
                    assertThat(d.getKafka().getTopic()).isEqualTo(run.segmentsTopic);
                    assertThat(d.getKafka().getOffset()).isBetween(0L, 2L);
                    assertThat(d.getPayload()).isNotNull();
                }
            }

            // both announced segments complete, the one without a readable file with no pairs
            List<DatasetVersion> cut =
                    versions.readUntil(
                            v ->
                                    v.stream().mapToInt(x -> x.getSegmentsComplete().size()).sum()
                                            >= 2,
                            TIMEOUT);
            assertThat(
                            cut.stream()
                                    .flatMap(v -> v.getSegmentsComplete().stream())
                                    .map(SegmentRef::getSegmentId))
                    .containsExactly("segment-missing", "segment-ok");
            assertThat(cut.get(cut.size() - 1).getPairsTotal()).isEqualTo(goodIds.size());
            assertThat(pairs.readUntil(p -> p.size() >= goodIds.size(), TIMEOUT))
                    .extracting(ImageTextPair::getPairId)
                    .containsExactlyInAnyOrderElementsOf(goodIds);
            assertThat(run.job().getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            try (TopicReader<Rejection> rejections =
                    PipelineRun.reader(run.rejectionsTopic, Rejection.getClassSchema())) {
                // the prefilter drops the good file's junk, opted-out and unsafe pairs (every one
                // audited at sample rate 1), the link check the one whose image is gone
                int prefiltered = extractedGood - goodPublished.size();
                rejections.readUntil(x -> x.size() >= prefiltered + 1, TIMEOUT);
                List<Rejection> audited = rejections.drain(Duration.ofSeconds(1));
                assertThat(audited.stream().filter(x -> x.getStage().equals("prefilter")))
                        .hasSize(prefiltered)
                        .allSatisfy(
                                x ->
                                        assertThat(x.getProvenance().getWarcFile())
                                                .isEqualTo(good.toUri().toString()));
                List<Rejection> linkcheck =
                        audited.stream().filter(x -> x.getStage().equals("linkcheck")).toList();
                assertThat(linkcheck).as("nothing else rejected by the link check").hasSize(1);
                Rejection r = linkcheck.get(0);
                assertThat(r.getReason()).isEqualTo("NOT_FOUND");
                assertThat(r.getImageUrl()).isEqualTo("https://gone.example.net/missing.jpg");
                assertThat(audited).hasSize(prefiltered + 1);
            }

            String metrics = scrape(metricsPort);
            assertThat(metrics)
                    // Flink's reporter puts the label keys of key/value groups into the name
                    .containsPattern(
                            "ccpairs_stage_reason_dead_letters\\{[^}]*reason=\"UNKNOWN_SCHEMA_ID\"[^}]*\\}"
                                + " 1\\.0")
                    .containsPattern(
                            "ccpairs_stage_reason_dead_letters\\{[^}]*reason=\"FILE_NOT_FOUND\"[^}]*stage=\"warc_read\"")
                    .containsPattern("ccpairs_pairs_extracted\\{[^}]*\\} [1-9]")
                    .containsPattern("ccpairs_warc_records_read\\{[^}]*\\} [1-9]")
                    .containsPattern(
                            "ccpairs_stage_reason_pairs_rejected\\{[^}]*reason=\"NOT_FOUND\"[^}]*stage=\"linkcheck\"[^}]*\\}"
                                + " 1\\.0")
                    .containsPattern(
                            "ccpairs_stage_reason_pairs_rejected\\{[^}]*stage=\"prefilter\"[^}]*\\}"
                                    + " [1-9]")
                    .contains("ccpairs_pairs_prefiltered")
                    .contains("ccpairs_duplicates_dropped")
                    .contains("ccpairs_versions_committed");
            assertThat(documentedMetrics())
                    .isNotEmpty()
                    .allSatisfy(
                            name ->
                                    assertThat(metrics)
                                            .as(
                                                    "docs/metrics.md lists %s, the job must export"
                                                            + " it",
                                                    name)
                                            .contains(
                                                    "flink_taskmanager_job_task_operator_"
                                                            + name
                                                            + "{"));
        }
    }

    /** A valid Confluent-framed Avro record, but of another schema than an announcement. */
    private static byte[] otherRecordType(String topic) throws Exception {
        try (RegistryClient registry = RegistrySettings.of(PipelineRun.registryUrl()).connect()) {
            DeadLetter notAnAnnouncement =
                    DeadLetter.newBuilder()
                            .setStage("x")
                            .setReason("y")
                            .setMessage("z")
                            .setOccurredAt(Instant.EPOCH)
                            .build();
            return new ConfluentAvroSerializer<DeadLetter>(
                            registry, topic + "-other", DeadLetter.getClassSchema())
                    .serialize(notAnAnnouncement);
        }
    }

    /** The metric names in the first column of the job's table in docs/metrics.md. */
    private static List<String> documentedMetrics() throws IOException {
        Path docs = Path.of("").toAbsolutePath().getParent().resolve("docs/metrics.md");
        return Files.readAllLines(docs).stream()
                .takeWhile(line -> !line.startsWith("## ")) // later sections: other processes
                // series that exist only while a file is unread are gone when this test scrapes;
                // MonitoringMetricsITCase checks them in the middle of a run
                .filter(line -> !line.contains("present while"))
                // the image-safety model is off here (it needs a model service); the router's
                // metrics are checked in HttpImageSafetyScorerTest
                .filter(line -> !line.contains("(with `safety.image.enabled`)"))
                .map(line -> Pattern.compile("^\\| `(ccpairs_[a-z_]+)`").matcher(line))
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .toList();
    }

    private static String scrape(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
