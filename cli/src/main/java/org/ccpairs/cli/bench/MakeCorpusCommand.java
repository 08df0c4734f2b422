package org.ccpairs.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ccpairs.connectors.warc.HtmlPage;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ccpairs bench make-corpus}: a large benchmark WARC (or WAT) file built from the real HTML
 * pages of a corpus folder, laid out like Common Crawl's: one gzip member per record, and for each
 * page a request, a response and a metadata record. The pages repeat, each time under a distinct
 * URL.
 */
@Command(
        name = "make-corpus",
        mixinStandardHelpOptions = true,
        description = {
            "Build a benchmark WARC or WAT file (one gzip member per record, request + response +"
                    + " metadata per page, as Common Crawl writes them) from the real HTML pages of"
                    + " the WARC files under --from, repeated with distinct URLs until --size."
        })
public final class MakeCorpusCommand implements Callable<Integer> {
    @Option(
            names = "--from",
            required = true,
            description = "Folder with WARC files (searched recursively).")
    Path from;

    @Option(
            names = "--size",
            defaultValue = "256MB",
            description = "Compressed size to reach, e.g. 256MB. Default: ${DEFAULT-VALUE}.")
    String size;

    @Option(
            names = "--out",
            required = true,
            description = "The file to write (.warc.gz, or .warc.wat.gz with --kind WAT).")
    Path out;

    @Option(
            names = "--kind",
            defaultValue = "WARC",
            description =
                    "WARC (HTML responses) or WAT (their metadata records, as ia-web-commons writes"
                            + " them). Default: ${DEFAULT-VALUE}.")
    String kind;

    @Override
    public Integer call() throws IOException {
        long target = parseSize(size);
        boolean wat = kind.equalsIgnoreCase("WAT");
        if (!wat && !kind.equalsIgnoreCase("WARC")) {
            throw new IllegalArgumentException("--kind must be WARC or WAT, got " + kind);
        }
        List<HtmlPage> pages = CorpusPages.read(from);
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("no readable HTML pages under " + from);
        }
        Instant date = Instant.parse("2026-01-01T00:00:00Z");
        long records = 0;
        long copies = 0;
        try (FileChannel channel =
                        FileChannel.open(
                                out,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.TRUNCATE_EXISTING,
                                StandardOpenOption.WRITE);
                WarcWriter writer = new WarcWriter(channel, WarcCompression.GZIP)) {
            while (channel.position() < target) {
                HtmlPage page = pages.get((int) (copies % pages.size()));
                String url = distinct(page.url(), copies);
                WarcRequest request =
                        new WarcRequest.Builder(URI.create(url))
                                .date(date)
                                .body(
                                        MediaType.HTTP_REQUEST,
                                        ("GET "
                                                        + URI.create(url).getRawPath()
                                                        + " HTTP/1.1\r\nHost: "
                                                        + URI.create(url).getHost()
                                                        + "\r\nUser-Agent: CCBot/2.0\r\n\r\n")
                                                .getBytes(StandardCharsets.ISO_8859_1))
                                .build();
                WarcResponse response =
                        new WarcResponse.Builder(URI.create(url))
                                .date(date)
                                .concurrentTo(request.id())
                                .body(http(page))
                                .build();
                WarcMetadata metadata =
                        new WarcMetadata.Builder()
                                .date(date)
                                .body(
                                        MediaType.parse("application/warc-fields"),
                                        ("fetchTimeMs: 123\r\ncharset-detected: UTF-8\r\n")
                                                .getBytes(StandardCharsets.US_ASCII))
                                .build();
                if (wat) {
                    for (var json : SyntheticWat.records(request, response, page, url)) {
                        writer.write(json);
                        records++;
                    }
                } else {
                    writer.write(request);
                    writer.write(response);
                    writer.write(metadata);
                    records += 3;
                }
                copies++;
            }
            System.out.printf(
                    "make-corpus: %s pages from %s, %d copies, %d records, %d bytes -> %s%n",
                    pages.size(), from, copies, records, channel.position(), out);
        }
        return 0;
    }

    private static HttpResponse http(HtmlPage page) {
        String contentType =
                "text/html" + (page.charset() == null ? "" : "; charset=" + page.charset());
        HttpResponse.Builder b =
                new HttpResponse.Builder(200, "OK").body(MediaType.parse(contentType), page.body());
        for (Map.Entry<String, List<String>> h : page.headers().entrySet()) {
            String name = h.getKey();
            if (name.equals("content-type")
                    || name.equals("content-length")
                    || name.equals("content-encoding")
                    || name.equals("transfer-encoding")) {
                continue;
            }
            for (String v : h.getValue()) {
                b.addHeader(name, v);
            }
        }
        return b.build();
    }

    /** The page URL made unique for copy {@code n}. */
    static String distinct(String url, long n) {
        String u = url.replace(" ", "%20").replace("|", "%7C");
        int hash = u.indexOf('#');
        if (hash >= 0) {
            u = u.substring(0, hash);
        }
        return u + (u.contains("?") ? "&" : "?") + "ccpairs-bench=" + n;
    }

    static long parseSize(String s) {
        String v = s.trim().toUpperCase(java.util.Locale.ROOT).replace("IB", "B");
        long unit = 1;
        if (v.endsWith("GB")) {
            unit = 1L << 30;
        } else if (v.endsWith("MB")) {
            unit = 1L << 20;
        } else if (v.endsWith("KB")) {
            unit = 1L << 10;
        }
        String number = v.replaceAll("[A-Z]+$", "").trim();
        try {
            return (long) (Double.parseDouble(number) * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--size must look like 256MB, got " + s);
        }
    }
}
