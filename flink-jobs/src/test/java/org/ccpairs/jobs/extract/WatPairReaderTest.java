package org.ccpairs.jobs.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ccpairs.connectors.warc.FileReadException;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcWriter;

class WatPairReaderTest {
    private static final String CAPTURE =
            "eugeneware-warc/CC-MAIN-20140820021334-00006-ip-10-180-136-8.ec2.internal.warc";
    private static final Segment SEGMENT = new Segment(1, "CC-MAIN-2014-35", "s", "WAT", 1);

    record Read(
            List<Pair> pairs, List<WarcPairReader.PageFailure> failures, FilePairReader reader) {}

    @Test
    void watAndWarcOfTheSameCaptureGiveTheSamePairs() throws IOException {
        Read wat = read(FilePairReaders.WAT, Corpus.file(CAPTURE + ".wat"));
        Read warc = read(FilePairReaders.WARC, Corpus.file(CAPTURE));
        String page = "http://0pointer.de/photos/?gallery=Australia&photo=496";
        List<Pair> fromWarc = warc.pairs().stream().filter(p -> p.pageUrl().equals(page)).toList();

        assertThat(wat.pairs()).hasSize(4);
        assertThat(wat.pairs())
                .extracting(Pair::pairId, Pair::imageUrl, Pair::caption, Pair::imagePosition)
                .containsExactlyElementsOf(
                        fromWarc.stream()
                                .map(
                                        p ->
                                                tuple(
                                                        p.pairId(),
                                                        p.imageUrl(),
                                                        p.caption(),
                                                        p.imagePosition()))
                                .toList());
        Pair first = wat.pairs().get(0);
        assertThat(first.caption()).isEqualTo("496");
        assertThat(first.imageUrl())
                .isEqualTo("http://0pointer.de/photos/galleries/Australia/lq/img-496.jpg");
        assertThat(first.sourceFormat()).isEqualTo("WAT");
        assertThat(first.warcFile()).endsWith(".warc.wat");
        assertThat(first.warcRecordId())
                .isEqualTo("<urn:uuid:2d67f160-cf0f-4323-8962-bd406456a0a9>");
        // the WAT names the response it describes: the WARC pair's record
        assertThat(first.responseRecordId()).isEqualTo(fromWarc.get(0).warcRecordId());
        assertThat(first.fetchTimeMillis()).isEqualTo(fromWarc.get(0).fetchTimeMillis());
        // what only the WARC carries: image sizes and the rel=license link
        assertThat(fromWarc.get(0).width()).isEqualTo(640);
        assertThat(first.width()).isNull();
        assertThat(fromWarc.get(0).licenseId()).isEqualTo("cc-by-sa-3.0");
        assertThat(wat.reader().skipped()).containsKeys("REQUEST", "METADATA", "WARCINFO");
    }

    @Test
    void headersInListFormMetasAndBaseAreRead() throws IOException {
        byte[] wat =
                wat(
                        response(
                                "\"Headers\": {\"Content-Type\": [\"text/html; charset=utf-8\"],"
                                        + " \"X-Robots-Tag\": [\"noarchive\", \"ccbot: noai\"],"
                                        + " \"tdm-reservation\": \"1\"},",
                                "\"Head\": {\"Base\": \"https://cdn.example.net/b/\", \"Metas\":"
                                    + " [{\"name\": \"robots\", \"content\": \"noimageai\"},"
                                    + " {\"http-equiv\": \"content-language\", \"content\":"
                                    + " \"nl\"}]}, \"Links\": [{\"path\": \"IMG@/src\", \"url\":"
                                    + " \"a.png?x=1&amp;y=2\", \"alt\": \"Fish &amp; chips\","
                                    + " \"title\": \"T\"}, {\"path\": \"IMG@/src\", \"url\":"
                                    + " \"noalt.png\"}, {\"path\": \"A@/href\", \"url\":"
                                    + " \"https://creativecommons.org/licenses/by/4.0/\", \"rel\":"
                                    + " \"license\"}]"));

        Read read = read(FilePairReaders.WAT, wat);

        assertThat(read.pairs())
                .extracting(
                        Pair::imageUrl,
                        Pair::caption,
                        Pair::imageTitle,
                        Pair::imagePosition,
                        Pair::robots,
                        Pair::tdmReservation,
                        Pair::licenseId,
                        Pair::pageLanguage)
                .containsExactly(
                        tuple(
                                "https://cdn.example.net/b/a.png?x=1&y=2",
                                "Fish & chips",
                                "T",
                                0,
                                "noarchive, noai, noimageai",
                                true,
                                "cc-by-4.0",
                                "nl"));
    }

    @Test
    void unreadableJsonIsReportedAndReadingGoesOn() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WarcWriter w = new WarcWriter(Channels.newChannel(out), WarcCompression.GZIP)) {
            w.write(metadata("{\"Envelope\": {\"WARC-Header-Metadata\": [1, 2"));
            w.write(
                    metadata(
                            response(
                                    "",
                                    "\"Links\": [{\"path\": \"IMG@/src\", \"url\": \"/a.png\","
                                            + " \"alt\": \"ok\"}]")));
        }

        Read read = read(FilePairReaders.WAT, out.toByteArray());

        assertThat(read.failures()).hasSize(1);
        assertThat(read.failures().get(0).cause()).hasMessageContaining("unreadable WAT JSON");
        assertThat(read.pairs()).extracting(Pair::caption).containsExactly("ok");
    }

    @Test
    void nonHtmlAndFailedResponsesAreSkippedAndCounted() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WarcWriter w = new WarcWriter(Channels.newChannel(out), WarcCompression.NONE)) {
            w.write(metadata(response("\"Headers\": {\"Content-Type\": \"image/png\"},", "")));
            w.write(
                    metadata(
                            response("", "")
                                    .replace("\"Status\": \"200\"", "\"Status\": \"404\"")));
        }

        Read read = read(FilePairReaders.WAT, out.toByteArray());

        assertThat(read.pairs()).isEmpty();
        assertThat(read.reader().skipped())
                .containsEntry("NOT_HTML", 1L)
                .containsEntry("NOT_SUCCESS", 1L);
    }

    private static String response(String headers, String html) {
        return "{\"Envelope\": {\"WARC-Header-Metadata\": {\"WARC-Type\": \"response\","
                + " \"WARC-Target-URI\": \"https://example.org/p/page.html\", \"WARC-Date\":"
                + " \"2024-12-01T10:00:00Z\", \"WARC-Record-ID\": \"<urn:uuid:r>\"},"
                + " \"Payload-Metadata\": {\"HTTP-Response-Metadata\": {"
                + headers
                + " \"Response-Message\": {\"Status\": \"200\"}, \"HTML-Metadata\": {"
                + html
                + "}}}}}";
    }

    private static WarcMetadata metadata(String json) throws IOException {
        return new WarcMetadata.Builder()
                .setHeader("WARC-Target-URI", "https://example.org/p/page.html")
                .body(MediaType.parse("application/json"), json.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static byte[] wat(String json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WarcWriter w = new WarcWriter(Channels.newChannel(out), WarcCompression.GZIP)) {
            w.write(metadata(json));
        }
        return out.toByteArray();
    }

    private static Read read(String kind, Path file) throws IOException {
        return read(kind, Files.readAllBytes(file), file.toUri().toString());
    }

    private static Read read(String kind, byte[] bytes) throws IOException {
        return read(kind, bytes, "mem.warc.wat");
    }

    private static Read read(String kind, byte[] bytes, String name) throws IOException {
        List<Pair> pairs = new ArrayList<>();
        List<WarcPairReader.PageFailure> failures = new ArrayList<>();
        InputStream in = new ByteArrayInputStream(bytes);
        FilePairReader reader =
                FilePairReaders.open(kind, in, name, 0, 1 << 20, SEGMENT, e -> {}, failures::add);
        try (reader) {
            Optional<RecordPairs> r;
            while ((r = reader.next()).isPresent()) {
                pairs.addAll(r.get().pairs());
            }
        } catch (FileReadException e) {
            throw new AssertionError(e);
        }
        return new Read(pairs, failures, reader);
    }

    static URI uri(String s) {
        return URI.create(s);
    }
}
