package org.ccpairs.connectors.announce;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.ccpairs.avro.FileKind;

/**
 * A Common Crawl-like layout in a folder, as data.commoncrawl.org and index.commoncrawl.org serve
 * it: {@code collinfo.json} (newest crawl first) and, per crawl, {@code
 * crawl-data/<crawl>/warc.paths.gz} and {@code wat.paths.gz} with paths in Common Crawl's form. The
 * WARC files themselves are not written: the announcer never reads them.
 */
public final class CrawlLayout {
    private final Path root;
    private final List<String> crawlsNewestFirst = new ArrayList<>();

    public CrawlLayout(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** {@code file:///…/} of the layout, for announcer.base-url. */
    public String baseUrl() {
        return root.toUri().toString();
    }

    /**
     * Adds a crawl as the newest one, with both path lists.
     *
     * @return its segment ids, in list order
     */
    public List<String> addCrawl(String crawlId, int segments, int filesPerSegment) {
        long base = 1_733_066_035_855L + crawlsNewestFirst.size() * 1_000_000L;
        List<String> ids = new ArrayList<>();
        StringBuilder warc = new StringBuilder();
        StringBuilder wat = new StringBuilder();
        for (int s = 0; s < segments; s++) {
            String segment = String.format("%d.%02d", base + s * 1000L, s);
            ids.add(segment);
            for (int f = 0; f < filesPerSegment; f++) {
                String name = String.format("%s-%05d", crawlId, s * filesPerSegment + f);
                warc.append(path(crawlId, segment, "warc", name + ".warc.gz")).append('\n');
                wat.append(path(crawlId, segment, "wat", name + ".warc.wat.gz")).append('\n');
            }
        }
        writePathList(crawlId, FileKind.WARC, gzip(warc.toString()));
        writePathList(crawlId, FileKind.WAT, gzip(wat.toString()));
        crawlsNewestFirst.add(0, crawlId);
        writeCollinfo();
        return ids;
    }

    /** {@code crawl-data/<crawl>/segments/<segment>/<dir>/<file>}. */
    public static String path(String crawlId, String segment, String dir, String file) {
        return "crawl-data/" + crawlId + "/segments/" + segment + "/" + dir + "/" + file;
    }

    /** Replaces a crawl's path list with {@code body}. */
    public void writePathList(String crawlId, FileKind kind, byte[] body) {
        write("crawl-data/" + crawlId + "/" + PathListParser.fileName(kind), body);
    }

    public void deletePathList(String crawlId, FileKind kind) {
        try {
            Files.delete(
                    root.resolve("crawl-data/" + crawlId + "/" + PathListParser.fileName(kind)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes collinfo.json: the crawls, newest first, in the index server's format. */
    public void writeCollinfo() {
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 0; i < crawlsNewestFirst.size(); i++) {
            String id = crawlsNewestFirst.get(i);
            json.append(
                    String.format(
                            "  {\"id\": \"%s\", \"name\": \"%s Index\", \"timegate\":"
                                    + " \"https://index.commoncrawl.org/%s/\", \"cdx-api\":"
                                    + " \"https://index.commoncrawl.org/%s-index\"}%s\n",
                            id, id, id, id, i + 1 < crawlsNewestFirst.size() ? "," : ""));
        }
        write("collinfo.json", json.append("]\n").toString().getBytes(StandardCharsets.UTF_8));
    }

    public void write(String relative, byte[] body) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
