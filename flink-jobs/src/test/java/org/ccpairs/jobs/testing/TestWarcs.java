package org.ccpairs.jobs.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

/** Small WARC files written by tests with jwarc, for cases the real corpus does not have. */
public final class TestWarcs {
    private TestWarcs() {}

    /** A gzip WARC file holding one HTML page with {@code body} inside its {@code <body>}. */
    public static Path page(Path file, String url, String body) throws IOException {
        byte[] html =
                ("<!doctype html><html><body>" + body + "</body></html>")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] head =
                ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
                                + html.length
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
        byte[] block = new byte[head.length + html.length];
        System.arraycopy(head, 0, block, 0, head.length);
        System.arraycopy(html, 0, block, head.length, html.length);
        try (FileChannel channel =
                        FileChannel.open(
                                file,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE,
                                StandardOpenOption.TRUNCATE_EXISTING);
                WarcWriter writer = new WarcWriter(channel, WarcCompression.GZIP)) {
            writer.write(
                    new WarcResponse.Builder(URI.create(url))
                            .date(Instant.parse("2026-01-01T00:00:00Z"))
                            .body(MediaType.HTTP_RESPONSE, block)
                            .build());
        }
        return file;
    }
}
