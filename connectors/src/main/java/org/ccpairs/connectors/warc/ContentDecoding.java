package org.ccpairs.connectors.warc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Undoes an HTTP Content-Encoding (gzip, deflate, br), but only when the bytes are still encoded:
 * many archives keep the header while storing the decoded payload, and Common Crawl renames it to
 * {@code X-Crawler-Content-Encoding} (which is therefore ignored). gzip is recognised by its magic
 * bytes; deflate and brotli have none, so a payload that already starts like markup is taken as
 * decoded. A stream cut short yields what could be decoded; output is capped.
 */
final class ContentDecoding {
    private ContentDecoding() {}

    /**
     * @param encodings the Content-Encoding header values
     * @param limit at most this many decoded bytes are returned
     * @return the decoded payload, or {@code body} itself when it is not (or cannot be) decoded
     */
    static byte[] decode(List<String> encodings, byte[] body, int limit) {
        if (encodings.isEmpty() || body.length < 2) {
            return body;
        }
        String encoding = encodings.get(encodings.size() - 1).trim().toLowerCase(Locale.ROOT);
        switch (encoding) {
            case "gzip", "x-gzip" -> {
                boolean magic = (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
                return magic ? inflate(new Gunzip(body), body, limit) : body;
            }
            case "deflate" -> {
                if (looksDecoded(body)) {
                    return body;
                }
                boolean zlib =
                        ((body[0] & 0x0f) == 8)
                                && (((body[0] & 0xff) << 8 | (body[1] & 0xff)) % 31 == 0);
                return inflate(
                        () ->
                                new InflaterInputStream(
                                        new ByteArrayInputStream(body), new Inflater(!zlib)),
                        body,
                        limit);
            }
            case "br" -> {
                return looksDecoded(body)
                        ? body
                        : inflate(
                                () -> new BrotliInputStream(new ByteArrayInputStream(body)),
                                body,
                                limit);
            }
            default -> {
                return body;
            }
        }
    }

    /** Whether the payload starts (after whitespace and a UTF-8 BOM) with '<'. */
    static boolean looksDecoded(byte[] body) {
        int i = 0;
        if (body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB) {
            i = 3;
        }
        while (i < body.length
                && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
            i++;
        }
        return i < body.length && body[i] == '<';
    }

    @FunctionalInterface
    private interface Source {
        InputStream open() throws IOException;
    }

    private record Gunzip(byte[] body) implements Source {
        @Override
        public InputStream open() throws IOException {
            return new GZIPInputStream(new ByteArrayInputStream(body));
        }
    }

    private static byte[] inflate(Source source, byte[] body, int limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(body.length * 4, limit));
        byte[] buffer = new byte[8192];
        try (InputStream in = source.open()) {
            int n;
            while (out.size() < limit && (n = in.read(buffer)) > 0) {
                out.write(buffer, 0, Math.min(n, limit - out.size()));
            }
        } catch (IOException | RuntimeException e) {
            // cut short or corrupt: keep what was decoded before the break, if anything
            if (out.size() == 0) {
                return body;
            }
        }
        return out.toByteArray();
    }
}
