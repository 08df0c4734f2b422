package org.ccpairs.connectors.warc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * Streams the HTML pages out of one WARC file (plain or gzip, one member per record or not),
 * skipping every record that is not a successful HTML response.
 *
 * <p>A record that cannot be parsed is reported to the bad-record listener with its offset and
 * skipped; reading goes on. When the file itself is corrupt (broken compression, garbage between
 * records, cut in the middle), {@link #next()} throws a {@link FileReadException} with reason
 * {@link ReadFailure#CORRUPT_FILE}: the pages returned before stay valid. Not thread-safe.
 */
public final class WarcPageReader implements Closeable {
    /** Common Crawl truncates payloads at 1 MiB; leave room for pages from other crawlers. */
    public static final int DEFAULT_MAX_BODY_BYTES = 4 << 20;

    private final WarcReader reader;
    private final TailTrackingInputStream input;
    private final String file;

    /** Java's largest array. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final int maxBodyBytes;

    /** One more byte than {@link #maxBodyBytes}, to tell "exactly at the cap" from "cut". */
    private final int readLimit;

    private final long baseOffset;
    private Consumer<FileReadException> badRecordListener = e -> {};
    private long records;
    private long pages;

    /**
     * @param in the file's bytes; closed by {@link #close()}
     * @param file the file's URL, for provenance and error messages
     * @param maxBodyBytes payload bytes kept per page (at least 1; Integer.MAX_VALUE means no cap);
     *     longer payloads are cut and flagged truncated
     * @throws FileReadException when the stream does not start like a WARC file
     */
    public WarcPageReader(InputStream in, String file, int maxBodyBytes) throws FileReadException {
        this(in, file, 0, maxBodyBytes);
    }

    /**
     * A reader of a file opened at {@code baseOffset}, which must be where a record (or,
     * compressed, a gzip member) starts; every offset it reports is counted from the start of the
     * file.
     *
     * @throws FileReadException when the stream does not start like a WARC file
     */
    public WarcPageReader(InputStream in, String file, long baseOffset, int maxBodyBytes)
            throws FileReadException {
        this.file = file;
        this.baseOffset = baseOffset;
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException(
                    "maxBodyBytes must be positive, got " + maxBodyBytes);
        }
        this.maxBodyBytes = Math.min(maxBodyBytes, MAX_ARRAY - 1);
        this.readLimit = this.maxBodyBytes + 1;
        this.input = new TailTrackingInputStream(in);
        try {
            this.reader = new WarcReader(input);
        } catch (IOException | RuntimeException e) {
            throw new FileReadException(
                    ReadFailure.CORRUPT_FILE, file, baseOffset, "cannot start reading: " + e, e);
        }
        reader.setLenient(true);
    }

    /** Called with each record that was skipped because it could not be parsed. */
    public WarcPageReader onBadRecord(Consumer<FileReadException> listener) {
        this.badRecordListener = listener;
        return this;
    }

    /**
     * The next HTML page, or empty at the end of the file.
     *
     * @throws FileReadException with {@link ReadFailure#CORRUPT_FILE} when nothing more can be read
     */
    public Optional<HtmlPage> next() throws FileReadException {
        while (true) {
            WarcRecord record;
            try {
                Optional<WarcRecord> next = reader.next();
                if (next.isEmpty()) {
                    return Optional.empty();
                }
                record = next.get();
            } catch (IOException | RuntimeException e) {
                if (input.transportFailure() != null) {
                    // the file may be fine: the connection or the disk failed under it
                    throw new FileReadException(
                            ReadFailure.UNREACHABLE,
                            file,
                            position(),
                            "reading broke off after the record at this offset: "
                                    + input.transportFailure(),
                            input.transportFailure());
                }
                if (reader.compression() == WarcCompression.NONE && onlyWhitespaceLeft()) {
                    return Optional.empty(); // stray line breaks after the last record
                }
                throw new FileReadException(
                        ReadFailure.CORRUPT_FILE,
                        file,
                        position(),
                        "cannot read past the record at this offset: " + e,
                        e);
            }
            records++;
            if (!(record instanceof WarcResponse response)) {
                continue;
            }
            try {
                Optional<HtmlPage> page = toPage(response, position());
                if (page.isPresent()) {
                    pages++;
                    return page;
                }
            } catch (IOException | RuntimeException e) {
                if (input.transportFailure() != null) {
                    // the connection broke while the record was read: the record is fine, and a
                    // reader resuming before it will read it again
                    throw new FileReadException(
                            ReadFailure.UNREACHABLE,
                            file,
                            position(),
                            "reading broke off in the record at this offset: "
                                    + input.transportFailure(),
                            input.transportFailure());
                }
                // jwarc throws unchecked exceptions for malformed headers; the record is lost, the
                // file is not.
                badRecordListener.accept(
                        new FileReadException(
                                ReadFailure.BAD_RECORD, file, position(), e.toString(), e));
            }
        }
    }

    private boolean onlyWhitespaceLeft() {
        try {
            return input.onlyWhitespaceFrom(reader.position());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Offset in the file of the record read last (of any type), or where reading started when none
     * was read yet. For files with one gzip member per record, as Common Crawl writes them, reading
     * can resume there.
     */
    public long position() {
        return baseOffset + reader.position();
    }

    /** Records read so far, of every type. */
    public long records() {
        return records;
    }

    /** HTML pages returned so far. */
    public long pages() {
        return pages;
    }

    private Optional<HtmlPage> toPage(WarcResponse response, long offset) throws IOException {
        if (!response.contentType().base().equals(MediaType.HTTP)) {
            return Optional.empty(); // dns: records and other non-HTTP responses
        }
        HttpResponse http = response.http();
        if (http.status() < 200 || http.status() >= 300 || !isHtml(http.contentType())) {
            return Optional.empty();
        }
        byte[] raw = readCapped(http.body().stream(), readLimit);
        boolean cut = raw.length > maxBodyBytes;
        byte[] body = decodeContent(http, cut ? Arrays.copyOf(raw, maxBodyBytes) : raw);
        boolean truncated =
                cut
                        || body.length > maxBodyBytes
                        || response.headers().first("WARC-Truncated").isPresent();
        if (body.length > maxBodyBytes) {
            body = Arrays.copyOf(body, maxBodyBytes);
        }
        return Optional.of(
                new HtmlPage(
                        file,
                        offset,
                        "<" + response.id() + ">",
                        response.target(),
                        dateOf(response),
                        charsetOf(http.contentType()),
                        body,
                        truncated));
    }

    private static boolean isHtml(MediaType type) {
        String base = type.base().toString();
        return base.equalsIgnoreCase("text/html") || base.equalsIgnoreCase("application/xhtml+xml");
    }

    private static Instant dateOf(WarcRecord record) {
        try {
            return record.date();
        } catch (RuntimeException e) {
            return null; // unparsable WARC-Date: the pair keeps a null fetch_time
        }
    }

    private static String charsetOf(MediaType type) {
        String name = type.parameters().get("charset");
        try {
            return name != null && Charset.isSupported(name.trim()) ? name.trim() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Undoes a gzip Content-Encoding, but only when the bytes really are gzip: many archives keep
     * the header while storing the decoded payload. A gzip stream cut short yields what could be
     * inflated.
     */
    private byte[] decodeContent(HttpResponse http, byte[] body) {
        boolean gzipHeader =
                http.headers().all("Content-Encoding").stream()
                        .anyMatch(
                                v ->
                                        v.trim().equalsIgnoreCase("gzip")
                                                || v.trim().equalsIgnoreCase("x-gzip"));
        boolean gzipMagic = body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
        if (!gzipHeader || !gzipMagic) {
            return body;
        }
        ByteArrayOutputStream inflated =
                new ByteArrayOutputStream(Math.min(body.length * 4, readLimit));
        byte[] buffer = new byte[8192];
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            int n;
            while (inflated.size() < readLimit && (n = in.read(buffer)) > 0) {
                inflated.write(buffer, 0, Math.min(n, readLimit - inflated.size()));
            }
        } catch (IOException e) {
            // cut short or corrupt: keep what was inflated before the break, if anything
            if (inflated.size() == 0) {
                return body;
            }
        }
        return inflated.toByteArray();
    }

    private static byte[] readCapped(InputStream in, int cap) throws IOException {
        return in.readNBytes(cap);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
