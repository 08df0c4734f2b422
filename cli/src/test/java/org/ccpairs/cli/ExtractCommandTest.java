package org.ccpairs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ccpairs extract} on the real corpus prints one JSON object per pair with the contract's
 * fields.
 */
class ExtractCommandTest {
    @Test
    void printsJsonLinesWithProvenanceAndASummary() throws Exception {
        Path file = corpus("jwarc/cc.warc.gz");
        CliRun run = CliRun.of("extract", file.toString());

        assertThat(run.exitCode()).isZero();
        List<Map<String, Object>> pairs = parse(run.out());
        assertThat(pairs).hasSize(6);
        assertThat(pairs.get(0).keySet())
                .containsExactly(
                        "pair_id",
                        "image_url",
                        "caption",
                        "page_url",
                        "crawl_id",
                        "segment_id",
                        "warc_file",
                        "warc_offset",
                        "warc_record_id",
                        "fetch_time",
                        "width",
                        "height",
                        "caption_truncated",
                        "image_title",
                        "figcaption",
                        "image_position",
                        "image_url_source",
                        "srcset_width",
                        "page_truncated",
                        "page_language",
                        "robots",
                        "tdm_reservation",
                        "tdm_policy",
                        "license_url",
                        "license_id",
                        "source_format",
                        "response_record_id",
                        // extract does not check links: the fields are there, and null
                        "link_status",
                        "link_http_status",
                        "link_final_url",
                        "link_content_type",
                        "link_content_length",
                        "link_image_format",
                        "link_image_width",
                        "link_image_height",
                        "link_checked_at",
                        // nor does it screen: language and safety scores are null too
                        "language",
                        "language_confidence",
                        "caption_safety_score",
                        "caption_safety_categories",
                        "image_safety_score",
                        // image digests come from the link check too
                        "link_image_sha256",
                        "link_image_md5");
        assertThat(pairs.get(0))
                .containsEntry("link_status", null)
                .containsEntry(
                        "image_url", "https://commoncrawl.org/wp-content/uploads/2016/03/box-1.png")
                .containsEntry("caption", "40+ Languages")
                .containsEntry("page_url", "http://commoncrawl.org/")
                .containsEntry("warc_file", file.toUri().toString())
                .containsEntry("warc_offset", 0)
                .containsEntry("fetch_time", "2019-12-10T10:00:01Z")
                .containsEntry("width", 248)
                .containsEntry("image_url_source", "src")
                .containsEntry("source_format", "WARC")
                .containsEntry("page_language", "en-US")
                .containsEntry("page_truncated", "false");
        assertThat(run.err())
                .contains(
                        "extract: files=1 failed_files=0 records=1 html_pages=1 images=8 pairs=6");
    }

    @Test
    void aMissingFileIsReportedAndTheOthersStillExtracted() throws Exception {
        CliRun run =
                CliRun.of(
                        "extract", "/nonexistent/x.warc.gz", corpus("jwarc/cc.warc.gz").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(parse(run.out())).hasSize(6);
        assertThat(run.err()).contains("FILE_NOT_FOUND").contains("failed_files=1");
    }

    @Test
    void watFilesAreReadAsWatAndGiveTheSamePairsAsTheirWarc() throws Exception {
        String capture =
                "eugeneware-warc/CC-MAIN-20140820021334-00006-ip-10-180-136-8.ec2.internal.warc";
        CliRun wat = CliRun.of("extract", corpus(capture + ".wat").toString());
        CliRun warc = CliRun.of("extract", corpus(capture).toString());

        assertThat(wat.exitCode()).isZero();
        List<Map<String, Object>> fromWat = parse(wat.out());
        assertThat(fromWat)
                .hasSize(4)
                .allSatisfy(p -> assertThat(p).containsEntry("source_format", "WAT"));
        List<Object> warcIds = parse(warc.out()).stream().map(p -> p.get("pair_id")).toList();
        assertThat(warcIds).containsAll(fromWat.stream().map(p -> p.get("pair_id")).toList());
        assertThat(wat.err()).contains("pairs=4").contains("skipped records");
    }

    @Test
    void aFileThatBreaksOffKeepsItsPairsAndExitsZero() throws Exception {
        CliRun run =
                CliRun.of("extract", corpus("chatnoir-resiliparse/clipped.warc.gz").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(parse(run.out()))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p).containsEntry("page_truncated", "true"));
        assertThat(run.err()).contains("CORRUPT_FILE").contains("broken_files=1");
    }

    static Path corpus(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("corpus").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "corpus file not found next to the repository: " + relative);
    }

    static List<Map<String, Object>> parse(String jsonLines) throws Exception {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String line : jsonLines.strip().split("\n")) {
            try (JsonParser p = new JsonFactory().createParser(line)) {
                Map<String, Object> fields = new LinkedHashMap<>();
                assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    fields.put(
                            name,
                            switch (value) {
                                case VALUE_NUMBER_INT -> p.getIntValue();
                                case VALUE_NULL -> null;
                                case VALUE_TRUE, VALUE_FALSE -> p.getText();
                                default -> p.getText();
                            });
                }
                objects.add(fields);
            }
        }
        return objects;
    }
}
