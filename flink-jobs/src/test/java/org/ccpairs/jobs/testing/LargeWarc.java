package org.ccpairs.jobs.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

/**
 * A large WARC file made of the real HTML responses of the corpus, repeated under distinct page
 * URLs (so that relative image URLs, and with them the pairs, differ between copies), one gzip
 * member per record as Common Crawl writes them. Written once per JVM into {@code target/} and
 * reused.
 */
public final class LargeWarc {
    private static final List<String> SOURCES =
            List.of(
                    "chatnoir-resiliparse/warcfile.warc.gz",
                    "aut/example.warc.gz",
                    "node-warc/books.toscrape.warc",
                    "ia-web-commons/IAH-urls-wget.warc.gz",
                    "chatnoir-resiliparse/clueweb-quirk.warc.gz",
                    "eugeneware-warc/CC-MAIN-20140820021334-00006-ip-10-180-136-8.ec2.internal.warc");

    private LargeWarc() {}

    /** A file of at least {@code minBytes} compressed bytes, written on first use. */
    public static synchronized Path atLeast(long minBytes) throws IOException {
        Path dir = Path.of("target", "test-warcs");
        Files.createDirectories(dir);
        Path file = dir.resolve("large-" + (minBytes >> 20) + "mb.warc.gz");
        if (Files.exists(file) && Files.size(file) >= minBytes) {
            return file;
        }
        List<Page> responses = corpusResponses();
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FileChannel channel =
                        FileChannel.open(
                                tmp,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE,
                                StandardOpenOption.TRUNCATE_EXISTING);
                WarcWriter writer = new WarcWriter(channel, WarcCompression.GZIP)) {
            for (int copy = 0; channel.position() < minBytes; copy++) {
                for (Page r : responses) {
                    URI page = URI.create(r.target());
                    URI renamed =
                            URI.create(
                                    page.getScheme()
                                            + "://copy"
                                            + copy
                                            + "."
                                            + page.getHost()
                                            + (page.getRawPath() == null
                                                            || page.getRawPath().isEmpty()
                                                    ? "/"
                                                    : page.getRawPath())
                                            + (page.getRawQuery() == null
                                                    ? ""
                                                    : "?" + page.getRawQuery()));
                    writer.write(
                            new WarcResponse.Builder(renamed)
                                    .date(r.date())
                                    .body(MediaType.HTTP_RESPONSE, r.block())
                                    .build());
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** A captured page: its URL, capture time and HTTP response bytes. */
    private record Page(String target, java.time.Instant date, byte[] block) {}

    /** The corpus' successful HTML responses, in memory. */
    private static List<Page> corpusResponses() throws IOException {
        List<Page> responses = new ArrayList<>();
        for (String source : SOURCES) {
            try (InputStream in = Files.newInputStream(Corpus.file(source));
                    WarcReader reader = new WarcReader(in)) {
                reader.setLenient(true);
                while (true) {
                    Optional<WarcRecord> next;
                    try {
                        next = reader.next();
                    } catch (IOException | RuntimeException e) {
                        break; // the rest of a damaged file is not needed
                    }
                    if (next.isEmpty()) {
                        break;
                    }
                    if (next.get() instanceof WarcResponse r
                            && r.contentType().base().equals(MediaType.HTTP)) {
                        byte[] block;
                        try {
                            block = r.body().stream().readAllBytes();
                        } catch (IOException | RuntimeException e) {
                            break;
                        }
                        if (!isHtmlPage(r, block)) {
                            continue;
                        }
                        responses.add(new Page(r.target(), safeDate(r), block));
                    }
                }
            }
        }
        return responses;
    }

    private static boolean isHtmlPage(WarcResponse r, byte[] block) {
        try {
            HttpResponse http =
                    HttpResponse.parse(Channels.newChannel(new ByteArrayInputStream(block)));
            return http.status() == 200
                    && http.contentType().base().toString().equals("text/html")
                    && URI.create(r.target()).getHost() != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static java.time.Instant safeDate(WarcRecord r) {
        try {
            return r.date();
        } catch (RuntimeException e) {
            return java.time.Instant.parse("2020-01-01T00:00:00Z");
        }
    }
}
