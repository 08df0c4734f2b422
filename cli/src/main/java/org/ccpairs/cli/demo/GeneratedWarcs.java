package org.ccpairs.cli.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Random;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

/**
 * Writes small synthetic WARC files (one gzip member per record, as Common Crawl does) for the demo
 * when the real corpus is not available. Pages are made up, deterministic for a seed, and contain
 * images with and without alt text, site-wide images that repeat on every page, and relative URLs.
 */
public final class GeneratedWarcs {
    private static final String[] SUBJECTS = {
        "a red bicycle",
        "the harbour at dusk",
        "two cats on a sofa",
        "a bowl of ramen",
        "snow on the ridge",
        "an old steam train",
        "sunflowers in a field",
        "a lighthouse in fog",
        "children flying a kite",
        "a market stall with oranges",
        "the library reading room",
        "a heron by the river"
    };
    private static final String[] QUALIFIERS = {
        "in spring",
        "at night",
        "from above",
        "close-up",
        "in black and white",
        "on a rainy day",
        "at noon"
    };

    private GeneratedWarcs() {}

    /**
     * Writes {@code pages} HTML responses of the site {@code host} to {@code file}.
     *
     * @param seed makes the content reproducible; different seeds give different pages
     */
    public static void write(Path file, String host, int pages, long seed) throws IOException {
        Random random = new Random(seed);
        try (FileChannel channel =
                        FileChannel.open(
                                file,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE,
                                StandardOpenOption.TRUNCATE_EXISTING);
                WarcWriter writer = new WarcWriter(channel, WarcCompression.GZIP)) {
            for (int p = 0; p < pages; p++) {
                String url = "https://" + host + "/gallery/" + seed + "/" + p + ".html";
                byte[] html = page(host, random).getBytes(StandardCharsets.UTF_8);
                byte[] http =
                        ("HTTP/1.1 200 OK\r\n"
                                        + "Content-Type: text/html; charset=utf-8\r\n"
                                        + "Content-Length: "
                                        + html.length
                                        + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII);
                byte[] block = new byte[http.length + html.length];
                System.arraycopy(http, 0, block, 0, http.length);
                System.arraycopy(html, 0, block, http.length, html.length);
                writer.write(
                        new WarcResponse.Builder(URI.create(url))
                                .date(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(p))
                                .body(MediaType.HTTP_RESPONSE, block)
                                .build());
            }
        }
    }

    private static String page(String host, Random random) {
        StringBuilder html =
                new StringBuilder(
                        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                                + "<title>Gallery</title></head><body>");
        html.append("<img src=\"/static/logo.png\" alt=\"").append(host).append(" logo\">");
        html.append("<img src=\"/static/spacer.gif\" alt=\"\">");
        int images = 3 + random.nextInt(6);
        for (int i = 0; i < images; i++) {
            String subject = SUBJECTS[random.nextInt(SUBJECTS.length)];
            String qualifier = QUALIFIERS[random.nextInt(QUALIFIERS.length)];
            int id = random.nextInt(5000);
            html.append("<figure><img src=\"images/")
                    .append(id)
                    .append(".jpg\" width=\"")
                    .append(320 + 80 * random.nextInt(10))
                    .append("\" height=\"240\" alt=\"")
                    .append(subject)
                    .append(' ')
                    .append(qualifier)
                    .append("\"><figcaption>Photo ")
                    .append(id)
                    .append("</figcaption></figure>");
        }
        html.append("<img src=\"https://cdn.example.net/ads/banner.png\">");
        return html.append("</body></html>").toString();
    }
}
