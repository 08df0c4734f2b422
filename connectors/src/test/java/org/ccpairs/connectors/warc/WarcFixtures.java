package org.ccpairs.connectors.warc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

/** WARC files built in memory with jwarc's builders and writer. */
final class WarcFixtures {
    static final Instant FETCHED = Instant.parse("2024-12-01T10:15:30Z");

    private WarcFixtures() {}

    /** A written WARC file and the byte offset at which each record starts. */
    record Written(byte[] bytes, List<Long> offsets) {}

    /** The pages of a WARC file, and how reading ended. */
    record Read(
            List<HtmlPage> pages,
            List<FileReadException> badRecords,
            long records,
            FileReadException failure) {}

    static Written write(WarcCompression compression, WarcRecord... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> offsets = new ArrayList<>();
        try (WarcWriter writer =
                new WarcWriter(java.nio.channels.Channels.newChannel(out), compression)) {
            for (WarcRecord record : records) {
                offsets.add(writer.position());
                writer.write(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Written(out.toByteArray(), offsets);
    }

    /** An HTTP 200 response with an HTML body. */
    static HttpResponse html(String html) {
        return http(200, "text/html; charset=utf-8", utf8(html));
    }

    /** An HTTP response; {@code headers} are name, value pairs. */
    static HttpResponse http(int status, String contentType, byte[] body, String... headers) {
        HttpResponse.Builder builder =
                new HttpResponse.Builder(status, status == 200 ? "OK" : "Other")
                        .body(MediaType.parse(contentType), body);
        for (int i = 0; i < headers.length; i += 2) {
            builder.addHeader(headers[i], headers[i + 1]);
        }
        return builder.build();
    }

    /** A WARC response record capturing {@code http} from {@code url}. */
    static WarcResponse response(String url, HttpResponse http) {
        try {
            return new WarcResponse.Builder(URI.create(url)).date(FETCHED).body(http).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads every page, collecting bad records and the failure that ended reading, if any. */
    static Read readAll(byte[] warc, int maxBodyBytes) {
        List<HtmlPage> pages = new ArrayList<>();
        List<FileReadException> bad = new ArrayList<>();
        WarcPageReader reader;
        try {
            reader = new WarcPageReader(new ByteArrayInputStream(warc), "mem.warc", maxBodyBytes);
        } catch (FileReadException e) {
            return new Read(pages, bad, 0, e);
        }
        reader.onBadRecord(bad::add);
        try (reader) {
            Optional<HtmlPage> page;
            while ((page = reader.next()).isPresent()) {
                pages.add(page.get());
            }
            return new Read(pages, bad, reader.records(), null);
        } catch (FileReadException e) {
            return new Read(pages, bad, reader.records(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("closing failed", e);
        }
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** An ASCII HTML page of exactly {@code size} bytes (at least 26). */
    static String htmlOfSize(int size) {
        StringBuilder html = new StringBuilder("<html><body>");
        for (int i = 0; html.length() + 14 + 12 <= size; i++) {
            html.append("<p>").append(i % 10_000).append("</p>");
        }
        html.append(" ".repeat(size - 14 - html.length()));
        return html.append("</body></html>").toString();
    }
}
