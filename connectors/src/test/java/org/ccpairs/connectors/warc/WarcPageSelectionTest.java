package org.ccpairs.connectors.warc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpairs.connectors.warc.WarcFixtures.FETCHED;
import static org.ccpairs.connectors.warc.WarcFixtures.http;
import static org.ccpairs.connectors.warc.WarcFixtures.readAll;
import static org.ccpairs.connectors.warc.WarcFixtures.response;
import static org.ccpairs.connectors.warc.WarcFixtures.utf8;
import static org.ccpairs.connectors.warc.WarcFixtures.write;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.ccpairs.connectors.warc.WarcFixtures.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcResponse;

/**
 * Which records {@link WarcPageReader} reads as pages, how it decodes their payloads, and what it
 * counts of the rest.
 */
class WarcPageSelectionTest {
    private static final int MAX = WarcPageReader.DEFAULT_MAX_BODY_BYTES;
    private static final String HTML = "<html><body><img src=a.png alt=A></body></html>";

    @Test
    void genericContentTypeFallsBackToTheIdentifiedPayloadTypeThenToSniffing() throws Exception {
        Read read =
                readAll(
                        write(
                                        WarcCompression.GZIP,
                                        identified(
                                                "https://e/1",
                                                "application/octet-stream",
                                                "text/html",
                                                HTML),
                                        identified(
                                                "https://e/2",
                                                "application/octet-stream",
                                                "image/jpeg",
                                                HTML),
                                        identified(
                                                "https://e/3",
                                                "application/octet-stream",
                                                null,
                                                HTML),
                                        identified(
                                                "https://e/4", null, null, "  <!DOCTYPE html><p>x"),
                                        identified(
                                                "https://e/5",
                                                "application/octet-stream",
                                                null,
                                                "%PDF-1.4"),
                                        identified("https://e/6", "text/plain", "text/html", HTML))
                                .bytes(),
                        MAX);

        assertThat(read.pages())
                .extracting(HtmlPage::url)
                .containsExactly("https://e/1", "https://e/3", "https://e/4");
    }

    @Test
    void skippedRecordsAreCountedByReason() throws Exception {
        WarcPageReader reader =
                new WarcPageReader(
                        new java.io.ByteArrayInputStream(
                                write(
                                                WarcCompression.NONE,
                                                response(
                                                        "https://e/a",
                                                        http(404, "text/html", utf8("x"))),
                                                response(
                                                        "https://e/b",
                                                        http(200, "image/png", utf8("x"))),
                                                response(
                                                        "https://e/c",
                                                        http(200, "text/html", utf8(HTML))),
                                                new org.netpreserve.jwarc.WarcRequest.Builder(
                                                                URI.create("https://e/c"))
                                                        .body(
                                                                MediaType.HTTP_REQUEST,
                                                                utf8("GET / HTTP/1.1\r\n\r\n"))
                                                        .build())
                                        .bytes()),
                        "mem.warc",
                        MAX);
        while (reader.next().isPresent()) {
            // read all
        }

        assertThat(reader.skipped())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                SkipReason.NOT_SUCCESS, 1L,
                                SkipReason.NOT_HTML, 1L,
                                SkipReason.REQUEST, 1L));
    }

    @Test
    void pagesCarryTheirHttpHeadersWithLowerCaseNames() {
        Read read =
                readAll(
                        write(
                                        WarcCompression.NONE,
                                        response(
                                                "https://e/",
                                                http(
                                                        200,
                                                        "text/html",
                                                        utf8(HTML),
                                                        "X-Robots-Tag",
                                                        "noai",
                                                        "x-robots-tag",
                                                        "ccbot: noimageai")))
                                .bytes(),
                        MAX);

        assertThat(read.pages().get(0).headers())
                .containsEntry("x-robots-tag", List.of("noai", "ccbot: noimageai"))
                .containsKey("content-type");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void deflateIsInflatedWithOrWithoutTheZlibWrapper(boolean zlib) {
        byte[] deflated = deflate(utf8(HTML), zlib);
        Read read =
                readAll(
                        write(
                                        WarcCompression.GZIP,
                                        response(
                                                "https://e/",
                                                http(
                                                        200,
                                                        "text/html",
                                                        deflated,
                                                        "Content-Encoding",
                                                        "deflate")))
                                .bytes(),
                        MAX);

        assertThat(read.pages().get(0).body()).isEqualTo(utf8(HTML));
    }

    @Test
    void brotliIsDecodedUnlessTheBodyIsAlreadyDecoded() {
        Read read =
                readAll(
                        write(
                                        WarcCompression.GZIP,
                                        response(
                                                "https://e/br",
                                                http(
                                                        200,
                                                        "text/html",
                                                        brotliStored(utf8(HTML)),
                                                        "Content-Encoding",
                                                        "br")),
                                        response(
                                                "https://e/plain",
                                                http(
                                                        200,
                                                        "text/html",
                                                        utf8(HTML),
                                                        "Content-Encoding",
                                                        "br")))
                                .bytes(),
                        MAX);

        assertThat(read.pages()).extracting(HtmlPage::body).containsOnly(utf8(HTML));
    }

    @Test
    void commonCrawlsRenamedEncodingHeadersAreNotApplied() {
        // CC stores the payload decoded and renames the header: nothing to undo
        Read read =
                readAll(
                        write(
                                        WarcCompression.GZIP,
                                        response(
                                                "https://e/",
                                                http(
                                                        200,
                                                        "text/html",
                                                        utf8(HTML),
                                                        "X-Crawler-Content-Encoding",
                                                        "gzip",
                                                        "X-Crawler-Transfer-Encoding",
                                                        "chunked")))
                                .bytes(),
                        MAX);

        assertThat(read.pages().get(0).body()).isEqualTo(utf8(HTML));
    }

    @Test
    void aRecordWithoutRecordIdIsStillAPage() {
        byte[] warc =
                write(
                                WarcCompression.NONE,
                                response("https://e/", http(200, "text/html", utf8(HTML))))
                        .bytes();
        String text =
                new String(warc, StandardCharsets.ISO_8859_1)
                        .replaceFirst("WARC-Record-ID: [^\r]*\r\n", "");
        // keep Content-Length right: only the WARC header changed
        Read read = readAll(text.getBytes(StandardCharsets.ISO_8859_1), MAX);

        assertThat(read.badRecords()).isEmpty();
        assertThat(read.pages()).singleElement().extracting(HtmlPage::recordId).isEqualTo("");
    }

    private static WarcResponse identified(
            String url, String contentType, String identified, String body) throws Exception {
        org.netpreserve.jwarc.HttpResponse.Builder http =
                new org.netpreserve.jwarc.HttpResponse.Builder(200, "OK");
        if (contentType != null) {
            http.addHeader("Content-Type", contentType);
        }
        byte[] bytes = utf8(body);
        http.addHeader("Content-Length", Integer.toString(bytes.length));
        http.body(null, bytes);
        WarcResponse.Builder b =
                new WarcResponse.Builder(URI.create(url)).date(FETCHED).body(http.build());
        if (identified != null) {
            b.addHeader("WARC-Identified-Payload-Type", identified);
        }
        return b.build();
    }

    private static byte[] deflate(byte[] data, boolean zlib) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(6, !zlib))) {
            d.write(data);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A valid brotli stream holding {@code data} in one uncompressed meta-block (RFC 7932). */
    static byte[] brotliStored(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // WBITS=16 (bit 0), ISLAST=0, MNIBBLES=4, MLEN-1 in 16 bits, ISUNCOMPRESSED=1
        int header = ((data.length - 1) << 4) | (1 << 20);
        out.write(header & 0xff);
        out.write((header >>> 8) & 0xff);
        out.write((header >>> 16) & 0xff);
        out.write(data, 0, data.length);
        out.write(0x03); // ISLAST=1, ISLASTEMPTY=1
        return out.toByteArray();
    }
}
