package org.ccpairs.connectors.warc;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageBody;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * Streams the HTML pages out of one WARC file (plain or gzip, one member per record or not),
 * skipping every record that is not a successful HTML response and counting the skipped ones by
 * {@link SkipReason}.
 *
 * <p>A response is HTML when its HTTP Content-Type says text/html or application/xhtml+xml; when
 * that is missing or generic, the crawler's WARC-Identified-Payload-Type decides, and when that is
 * missing too, the payload's first bytes ({@link HtmlSniffer}). Payloads are content-decoded only
 * when they still are encoded ({@link ContentDecoding}: gzip, deflate, br; Common Crawl's {@code
 * X-Crawler-*} headers describe what was already undone). Chunked transfer encoding is undone by
 * jwarc, which passes a body through when it is not really chunked.
 *
 * <p>A record that cannot be parsed is reported to the bad-record listener with its offset and
 * skipped; reading goes on. When the file itself is corrupt (broken compression, garbage between
 * records, cut in the middle), {@link #next()} throws a {@link FileReadException} with reason
 * {@link ReadFailure#CORRUPT_FILE}: the pages returned before stay valid. A page whose payload the
 * break cuts is still returned first, flagged truncated, with what could be read. A broken
 * connection is {@link ReadFailure#UNREACHABLE}, never a cut page. Not thread-safe.
 *
 * <p>Gzip files are read by {@link MemberRecords} without jwarc as long as each gzip member holds
 * exactly one record of the strict form (Common Crawl's layout); at the first member that does not,
 * jwarc reads on from that member's first byte, which gives exactly what jwarc alone gives ({@code
 * FastPathAgreementTest}). Plain files are read by jwarc.
 */
public final class WarcPageReader implements Closeable {
    /** Common Crawl truncates payloads at 1 MiB; leave room for pages from other crawlers. */
    public static final int DEFAULT_MAX_BODY_BYTES = 4 << 20;

    /** jwarc's reader; null while the fast path reads (until it hands over). */
    private WarcReader reader;

    /** Offset of where {@link #reader} started reading (jwarc counts from there). */
    private long readerBase;

    /** The fast path for gzip files; null when jwarc reads. */
    private MemberRecords fast;

    private GzipMembers members;
    private final TailTrackingInputStream input;
    final String file;

    /** Bytes of (compressed) input jwarc reads at a time. */
    private static final int INPUT_BUFFER = 1 << 16;

    /** Java's largest array. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    final int maxBodyBytes;

    /** One more byte than {@link #maxBodyBytes}, to tell "exactly at the cap" from "cut". */
    private final int readLimit;

    private final long baseOffset;
    private Consumer<FileReadException> badRecordListener = e -> {};
    private long records;
    private long pages;
    private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);

    /** The payload being read; grows up to {@link #readLimit} and is reused from page to page. */
    byte[] buffer = new byte[64 * 1024];

    int bodyLength;

    /** The payload when it was read into an array of its declared size; else null. */
    private byte[] exact;

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
        this(in, file, baseOffset, maxBodyBytes, true);
    }

    /**
     * @param fastPath whether gzip files are read by {@link MemberRecords} (else by jwarc alone,
     *     which tests compare it with)
     */
    WarcPageReader(InputStream in, String file, long baseOffset, int maxBodyBytes, boolean fastPath)
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
        this.readerBase = baseOffset;
        try {
            ByteBuffer first = ByteBuffer.allocate(INPUT_BUFFER);
            while (first.position() < 2) {
                int n = input.read(first.array(), first.position(), 2 - first.position());
                if (n < 0) {
                    break;
                }
                first.position(first.position() + n);
            }
            first.flip();
            if (fastPath
                    && first.remaining() == 2
                    && (first.get(0) & 0xff) == 0x1f
                    && (first.get(1) & 0xff) == 0x8b) {
                members = new GzipMembers(input, first.array(), 2, MemberRecords.MAX_MEMBER_BYTES);
                fast = new MemberRecords(members);
            } else {
                startJwarc(first);
            }
        } catch (IOException | RuntimeException e) {
            throw new FileReadException(
                    ReadFailure.CORRUPT_FILE, file, baseOffset, "cannot start reading: " + e, e);
        }
    }

    private void startJwarc(ByteBuffer buffered) throws IOException {
        reader = new WarcReader(new StreamChannel(input), buffered);
        reader.setLenient(true);
    }

    /**
     * Leaves the fast path: jwarc reads on from the start of the member the fast path was reading
     * (see {@link MemberRecords}).
     *
     * @throws FileReadException {@code UNREACHABLE} when the stream itself failed
     */
    private void handOver() throws FileReadException {
        if (input.transportFailure() != null) {
            throw unreachable();
        }
        readerBase = baseOffset + fast.offset();
        ByteBuffer buffered = members.fromMember();
        members.close();
        fast = null;
        members = null;
        try {
            startJwarc(buffered);
        } catch (IOException | RuntimeException e) {
            throw new FileReadException(
                    ReadFailure.CORRUPT_FILE, file, readerBase, "cannot read on: " + e, e);
        }
    }

    private FileReadException unreachable() {
        return new FileReadException(
                ReadFailure.UNREACHABLE,
                file,
                position(),
                "reading broke off after the record at this offset: " + input.transportFailure(),
                input.transportFailure());
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
            if (fast != null) {
                Optional<HtmlPage> page = nextFast();
                if (page == null) {
                    continue;
                }
                if (page.isPresent()) {
                    pages++;
                }
                return page;
            }
            Optional<WarcRecord> next = nextRecord();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            WarcRecord record = next.get();
            if (!(record instanceof WarcResponse response)) {
                skip(skipReasonOf(record));
                continue;
            }
            try {
                Optional<HtmlPage> page = toPage(response, position());
                if (page.isPresent()) {
                    pages++;
                    return page;
                }
            } catch (IOException | RuntimeException e) {
                failRecord(e);
            }
        }
    }

    /**
     * The record read last could not be read: when the connection broke under it, that is {@code
     * UNREACHABLE} (the record is fine, and a reader resuming before it will read it again);
     * otherwise the record is reported to the bad-record listener (jwarc throws unchecked
     * exceptions for malformed headers; the record is lost, the file is not).
     */
    void failRecord(Exception e) throws FileReadException {
        if (input.transportFailure() != null) {
            throw new FileReadException(
                    ReadFailure.UNREACHABLE,
                    file,
                    position(),
                    "reading broke off in the record at this offset: " + input.transportFailure(),
                    input.transportFailure());
        }
        badRecord(e);
    }

    /** Tells the listener that the record read last could not be parsed. */
    void badRecord(Exception e) {
        badRecordListener.accept(
                new FileReadException(ReadFailure.BAD_RECORD, file, position(), e.toString(), e));
    }

    /**
     * The next record of any type, counted; empty at the end of the file.
     *
     * @throws FileReadException when nothing more can be read
     */
    Optional<WarcRecord> nextRecord() throws FileReadException {
        Optional<WarcRecord> next;
        try {
            next = reader.next();
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
        if (next.isPresent()) {
            records++;
        }
        return next;
    }

    /**
     * One step of the fast path.
     *
     * @return a page, empty at the end of the file, or null when the step read a record that is no
     *     page, or handed over to jwarc
     */
    private Optional<HtmlPage> nextFast() throws FileReadException {
        int step = fastNext();
        if (step == MemberRecords.END) {
            return Optional.empty();
        }
        if (step != MemberRecords.RECORD) {
            return null;
        }
        HeaderFields warc = fast.warc();
        String type = warc.first("WARC-Type");
        if (!"response".equals(type)) {
            fastSkip(skipReasonOf(type));
            return null;
        }
        String warcContentType = warc.first("Content-Type");
        if (!isHttp(warcContentType == null ? "" : warcContentType)) {
            fastSkip(SkipReason.NOT_HTTP);
            return null;
        }
        HeaderFields http = fast.http();
        if (http == null) {
            return pageOfMember(); // an HTTP header jwarc reads leniently, or chunked
        }
        int status = fast.status();
        if (status < 200 || status >= 300) {
            fastSkip(SkipReason.NOT_SUCCESS);
            return null;
        }
        if (http.first("Transfer-Encoding") != null) {
            return pageOfMember();
        }
        String contentType = http.first("Content-Type");
        HtmlSniffer.Verdict verdict =
                HtmlSniffer.byHeaders(contentType, warc.first("WARC-Identified-Payload-Type"));
        if (verdict == HtmlSniffer.Verdict.NOT_HTML) {
            fastSkip(SkipReason.NOT_HTML);
            return null;
        }
        long payloadLength = fast.payloadLength();
        byte[] raw = fast.payload(maxBodyBytes);
        if (raw == null) {
            handOver();
            return null;
        }
        records++;
        try {
            String recordId = warc.first("WARC-Record-ID");
            return orNull(
                    page(
                            http.all("Content-Encoding"),
                            raw,
                            payloadLength > maxBodyBytes,
                            false,
                            verdict,
                            warc.first("WARC-Truncated") != null,
                            position(),
                            recordId == null ? "" : recordId.trim(),
                            target(warc.first("WARC-Target-URI")),
                            dateOf(warc.first("WARC-Date")),
                            contentType,
                            http.lowerCaseMap()));
        } catch (RuntimeException e) {
            badRecord(e);
            return null;
        }
    }

    /**
     * The next step of the fast path: {@link MemberRecords#RECORD} with the record's WARC header
     * read, {@link MemberRecords#END}, or {@link MemberRecords#HAND_OVER} after handing over.
     */
    int fastNext() throws FileReadException {
        int step;
        try {
            step = fast.next();
        } catch (IOException e) {
            if (input.transportFailure() != null) {
                throw unreachable();
            }
            // jwarc fails on what is no gzip member the same way, at the same offset
            throw new FileReadException(
                    ReadFailure.CORRUPT_FILE,
                    file,
                    position(),
                    "cannot read past the record at this offset: " + e,
                    e);
        }
        if (step == MemberRecords.HAND_OVER) {
            handOver();
        }
        return step;
    }

    /** Whether the fast path reads (else jwarc). */
    boolean fastPath() {
        return fast != null;
    }

    /** The WARC header of the record the fast path read last. */
    HeaderFields fastWarc() {
        return fast.warc();
    }

    /** Skips the rest of the record the fast path is reading, and counts it; or hands over. */
    void fastSkip(SkipReason reason) throws FileReadException {
        if (!fast.skipRest()) {
            handOver();
            return;
        }
        records++;
        skip(reason);
    }

    /**
     * The block of the record the fast path is reading, at most {@link #maxBodyBytes} of it, the
     * record counted; null after handing over. {@link #bodyLength} is the block's length (capped at
     * {@link #readLimit}), as after {@link #readBody}.
     */
    byte[] fastBlock() throws FileReadException {
        long length = fast.blockLength();
        byte[] block = fast.block(maxBodyBytes);
        if (block == null) {
            handOver();
            return null;
        }
        records++;
        bodyLength = (int) Math.min(length, readLimit);
        return block;
    }

    /**
     * A record the fast path read whole but leaves to jwarc (lenient HTTP, chunked), read by jwarc
     * from memory: the same as reading it from the file, the member holding just this record.
     */
    private Optional<HtmlPage> pageOfMember() throws FileReadException {
        byte[] member = fast.wholeMember();
        if (member == null) {
            handOver();
            return null;
        }
        WarcResponse response;
        try {
            WarcReader one =
                    new WarcReader(
                            new StreamChannel(InputStream.nullInputStream()),
                            ByteBuffer.wrap(member, 0, fast.memberLength()));
            one.setLenient(true);
            response = (WarcResponse) one.next().orElseThrow();
        } catch (IOException | RuntimeException e) {
            handOver(); // let jwarc fail on it as it would have from the start of the file
            return null;
        }
        records++;
        try {
            return orNull(toPage(response, position()));
        } catch (IOException | RuntimeException e) {
            failRecord(e);
            return null;
        }
    }

    /** A page, or null for a record that turned out to be no page (not the end of the file). */
    private static Optional<HtmlPage> orNull(Optional<HtmlPage> page) {
        return page.isPresent() ? page : null;
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
        return fast != null ? baseOffset + fast.offset() : readerBase + reader.position();
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
        if (!isHttp(response.headers().first("Content-Type").orElse(""))) {
            skip(SkipReason.NOT_HTTP); // dns: records and other non-HTTP responses
            return Optional.empty();
        }
        HttpResponse http = response.http();
        if (http.status() < 200 || http.status() >= 300) {
            skip(SkipReason.NOT_SUCCESS);
            return Optional.empty();
        }
        String contentType = http.headers().first("Content-Type").orElse(null);
        HtmlSniffer.Verdict verdict =
                HtmlSniffer.byHeaders(
                        contentType,
                        response.headers().first("WARC-Identified-Payload-Type").orElse(null));
        if (verdict == HtmlSniffer.Verdict.NOT_HTML) {
            skip(SkipReason.NOT_HTML);
            return Optional.empty();
        }
        boolean cutByFile = readBody(http.body());
        boolean cut = bodyLength > maxBodyBytes;
        return page(
                http.headers().all("Content-Encoding"),
                takeBody(),
                cut,
                cutByFile,
                verdict,
                response.headers().first("WARC-Truncated").isPresent(),
                offset,
                recordIdOf(response),
                response.target(),
                dateOf(response),
                contentType,
                headersOf(http));
    }

    /**
     * The page of a payload read by either path; empty when sniffing finds no HTML or nothing of
     * the payload made it into the file.
     */
    private Optional<HtmlPage> page(
            List<String> contentEncodings,
            byte[] raw,
            boolean cut,
            boolean cutByFile,
            HtmlSniffer.Verdict verdict,
            boolean crawlerTruncated,
            long offset,
            String recordId,
            String url,
            Instant fetchTime,
            String contentType,
            Map<String, List<String>> headers) {
        byte[] body = ContentDecoding.decode(contentEncodings, raw, readLimit);
        if (verdict == HtmlSniffer.Verdict.SNIFF && !HtmlSniffer.looksLikeHtml(body)) {
            skip(SkipReason.NOT_HTML);
            return Optional.empty();
        }
        if (body.length == 0 && cutByFile) {
            return Optional.empty(); // nothing of it made it into the file
        }
        boolean truncated = cut || cutByFile || body.length > maxBodyBytes || crawlerTruncated;
        if (body.length > maxBodyBytes) {
            body = Arrays.copyOf(body, maxBodyBytes);
        }
        return Optional.of(
                new HtmlPage(
                        file,
                        offset,
                        recordId,
                        url,
                        fetchTime,
                        charsetOf(contentType),
                        body,
                        truncated,
                        headers));
    }

    /** The HTTP headers with lower-case names; repeated headers keep every value, in order. */
    private static Map<String, List<String>> headersOf(HttpResponse http) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : http.headers().map().entrySet()) {
            headers.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
                    .addAll(e.getValue());
        }
        return headers;
    }

    void skip(SkipReason reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    static SkipReason skipReasonOf(WarcRecord record) {
        return skipReasonOf(record.type());
    }

    static SkipReason skipReasonOf(String type) {
        return switch (type == null ? "" : type) {
            case "warcinfo" -> SkipReason.WARCINFO;
            case "request" -> SkipReason.REQUEST;
            case "revisit" -> SkipReason.REVISIT;
            case "metadata" -> SkipReason.METADATA;
            default -> SkipReason.OTHER_TYPE;
        };
    }

    /** Records skipped so far, by reason (records that could not be parsed are not among them). */
    public Map<SkipReason, Long> skipped() {
        return Collections.unmodifiableMap(skipped);
    }

    /**
     * Reads the payload into {@link #buffer}, up to {@link #readLimit} bytes.
     *
     * @return true when the stream broke off inside the payload: what came before is kept (a page
     *     cut by the end of a truncated file is still worth its first part)
     */
    boolean readBody(MessageBody in) {
        bodyLength = 0;
        exact = null;
        long declared = declaredSize(in);
        if (declared > 0 && declared <= maxBodyBytes) {
            // the usual case: read straight into the page's own array, no copy
            exact = new byte[(int) declared];
            ByteBuffer into = ByteBuffer.wrap(exact);
            try {
                while (into.hasRemaining()) {
                    if (in.read(into) < 0) {
                        bodyLength = into.position();
                        return false; // shorter than declared (a lenient body)
                    }
                }
                bodyLength = into.position();
                ByteBuffer probe = ByteBuffer.wrap(new byte[1]);
                if (in.read(probe) <= 0) {
                    return false;
                }
                // longer than declared: go on in the growable buffer
                ensure(bodyLength + 1);
                System.arraycopy(exact, 0, buffer, 0, bodyLength);
                buffer[bodyLength++] = probe.array()[0];
                exact = null;
            } catch (IOException | RuntimeException e) {
                bodyLength = into.position();
                return cutByFile(e);
            }
        }
        return readRest(in);
    }

    /** The payload {@link #readBody} read, at most {@link #maxBodyBytes} of it. */
    byte[] takeBody() {
        byte[] from = exact != null ? exact : buffer;
        exact = null;
        int length = Math.min(bodyLength, maxBodyBytes);
        return from.length == length ? from : Arrays.copyOf(from, length);
    }

    /** The declared size of a body, or -1 when it is unknown (chunked). */
    private static long declaredSize(MessageBody body) {
        try {
            return body.size();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private void ensure(int size) {
        if (buffer.length < size) {
            buffer = Arrays.copyOf(buffer, Math.max(size, Math.min(buffer.length * 2, readLimit)));
        }
    }

    private boolean readRest(ReadableByteChannel in) {
        try {
            while (bodyLength < readLimit) {
                if (bodyLength == buffer.length) {
                    buffer =
                            Arrays.copyOf(
                                    buffer, (int) Math.min((long) buffer.length * 2, readLimit));
                }
                int room = Math.min(buffer.length, readLimit) - bodyLength;
                int n = in.read(ByteBuffer.wrap(buffer, bodyLength, room));
                if (n < 0) {
                    return false;
                }
                bodyLength += n;
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return cutByFile(e);
        }
    }

    /**
     * A payload that broke off: kept when the file itself ends or is corrupt there (the next record
     * read fails and reports the file); a broken connection is rethrown, because the record is
     * whole in the file and a reader that resumes before it reads it again.
     */
    private boolean cutByFile(Exception e) throws UncheckedIOException {
        if (input.transportFailure() != null) {
            throw new UncheckedIOException(input.transportFailure());
        }
        return true;
    }

    /** {@code <urn:...>}, or empty for a (hand-made) record without a WARC-Record-ID. */
    static String recordIdOf(WarcRecord record) {
        return record.headers().first("WARC-Record-ID").map(String::trim).orElse("");
    }

    static Instant dateOf(WarcRecord record) {
        try {
            return record.date();
        } catch (RuntimeException e) {
            return null; // unparsable WARC-Date: the pair keeps a null fetch_time
        }
    }

    /** {@link WarcRecord#date()} of a (sole) WARC-Date value; null when missing or unparsable. */
    static Instant dateOf(String warcDate) {
        if (warcDate == null) {
            return null;
        }
        Instant plain = plainUtcSeconds(warcDate);
        if (plain != null) {
            return plain;
        }
        try {
            return Instant.parse(warcDate);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The instant of a date in the one form WARC writers use, {@code yyyy-MM-ddTHH:mm:ssZ}; null
     * for any other form or an impossible date, which {@link Instant#parse} then decides. Every
     * record has a date and the general parser costs a few percent of the whole extraction.
     */
    static Instant plainUtcSeconds(String s) {
        if (s.length() != 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':'
                || s.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > java.time.YearMonth.of(year, month).lengthOfMonth()
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second);
    }

    /** The decimal number in {@code s[from..to)}; -1 unless every character is an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** jwarc's {@code WarcTargetRecord.target()} of a (sole) WARC-Target-URI value. */
    static String target(String value) {
        if (value != null && value.startsWith("<") && value.endsWith(">")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static boolean isHttp(String warcContentType) {
        return warcContentType.regionMatches(true, 0, "application/http", 0, 16);
    }

    private static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        String name = null;
        try {
            name = MediaType.parseLeniently(contentType).parameters().get("charset");
        } catch (RuntimeException e) {
            return null;
        }
        try {
            return name != null && Charset.isSupported(name.trim()) ? name.trim() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        if (members != null) {
            members.close();
        }
        if (reader != null) {
            reader.close();
        } else {
            input.close();
        }
    }
}
