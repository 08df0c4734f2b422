package org.ccpairs.connectors.warc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast path of WARC reading, for files laid out as Common Crawl writes them: one gzip member
 * per record, WARC/1.0 or 1.1 headers of the strict form ({@link HeaderFields}). Reads a record's
 * WARC header without jwarc and, as its caller asks, the HTTP header, the payload, or nothing more,
 * and then checks that the member holds exactly that record: the declared Content-Length, the
 * CRLFCRLF trailer, and the member's end right after it.
 *
 * <p>Whenever something is not of that form (an old WARC version, a header jwarc reads leniently, a
 * member that is cut, corrupt, holds several records or a record spread over several members, a
 * member longer than {@link #MAX_MEMBER_BYTES}), the step returns {@link #HAND_OVER} before the
 * record counts, and the caller reads on with jwarc from {@link #offset()}, the member's first
 * byte: jwarc then reads that member exactly as it would have from the start of the file, because
 * each member before it held exactly one record. Not thread-safe.
 */
final class MemberRecords {
    /** Compressed bytes of one member the fast path keeps; longer members go to jwarc. */
    static final int MAX_MEMBER_BYTES = 16 << 20;

    /** Bytes of a member inflated in one go before its header is read. */
    private static final int FIRST_CHUNK = 16 << 10;

    /** Longest WARC or HTTP header the fast path reads (jwarc takes longer ones). */
    private static final int MAX_HEADER = 1 << 20;

    /** {@link #next()}: a record's WARC header was read. */
    static final int RECORD = 0;

    /** {@link #next()}: the end of the file, between members. */
    static final int END = 1;

    /** A step's result: read on with jwarc from {@link #offset()}. */
    static final int HAND_OVER = 2;

    private static final byte[] TRAILER = {'\r', '\n', '\r', '\n'};

    private final GzipMembers members;
    private final HeaderFields warc = new HeaderFields(StandardCharsets.UTF_8);
    private final HeaderFields http = new HeaderFields(StandardCharsets.ISO_8859_1);
    private long offset;

    /** The member's first bytes, inflated; {@code head[0..headLength)}. */
    private byte[] head = new byte[FIRST_CHUNK];

    private int headLength;
    private boolean memberEnded;
    private final byte[] scratch = new byte[1 << 16];

    /** Where the WARC block starts in the member, and its length. */
    private int blockStart;

    private long blockLength;
    private int httpEnd;

    /** Whether reading the current member failed: every further step hands over. */
    private boolean broken;

    /** Why the last step handed over (for tests and debugging). */
    private String handOverReason;

    MemberRecords(GzipMembers members) {
        this.members = members;
    }

    /** Offset in the stream of the member of the current record. */
    long offset() {
        return offset;
    }

    /**
     * Starts the next member and reads its WARC header.
     *
     * @return {@link #RECORD}, {@link #END} or {@link #HAND_OVER}
     * @throws IOException when the bytes at the member's start are no gzip member (jwarc fails on
     *     them the same way), or reading the stream fails
     */
    int next() throws IOException {
        headLength = 0;
        memberEnded = false;
        broken = false;
        boolean started;
        try {
            started = members.start();
        } finally {
            offset = members.memberOffset();
        }
        if (!started) {
            return END;
        }
        try {
            inflateHead(FIRST_CHUNK);
            int end;
            while ((end = warcHeader()) == HeaderFields.INCOMPLETE) {
                if (memberEnded || headLength >= MAX_HEADER || !inflateHead(headLength * 2)) {
                    return handOver("WARC header cut or too long");
                }
            }
            if (end < 0) {
                return handOver("WARC header not strict");
            }
            if (warc.occurrences("WARC-Type") != 1
                    || warc.occurrences("Content-Length") != 1
                    || warc.occurrences("WARC-Target-URI") > 1
                    || warc.occurrences("WARC-Date") > 1) {
                return handOver("WARC header fields jwarc reads as single ones are not");
            }
            blockLength = contentLength(warc.first("Content-Length"));
            if (blockLength < 0) {
                return handOver("Content-Length not a number");
            }
            blockStart = end;
            return RECORD;
        } catch (IOException e) {
            return handOver(e.toString());
        }
    }

    /** The WARC header fields of the current record. */
    HeaderFields warc() {
        return warc;
    }

    /** The WARC block's length (Content-Length). */
    long blockLength() {
        return blockLength;
    }

    /**
     * Reads the HTTP response header at the start of the block.
     *
     * @return the fields, or null when they are not of the strict form or the status line is not
     *     {@code HTTP/d.d ddd ...} (the caller then reads the record with jwarc: {@link
     *     #wholeMember()})
     */
    HeaderFields http() {
        try {
            return readHttp();
        } catch (IOException e) {
            handOver(e.toString());
            return null;
        }
    }

    private HeaderFields readHttp() throws IOException {
        long blockEnd = blockStart + blockLength;
        while (true) {
            int to = (int) Math.min(headLength, blockEnd);
            int lineEnd = statusLineEnd(to);
            if (lineEnd >= 0) {
                int end = http.parse(head, lineEnd, to);
                if (end >= 0) {
                    httpEnd = end;
                    return http;
                }
                if (end == HeaderFields.NOT_STRICT) {
                    return null;
                }
            } else if (lineEnd == HeaderFields.NOT_STRICT) {
                return null;
            }
            if (to == blockEnd
                    || memberEnded
                    || headLength - blockStart >= MAX_HEADER
                    || !inflateHead(headLength * 2)) {
                return null;
            }
        }
    }

    /** The length of the payload after the HTTP header {@link #http()} read. */
    long payloadLength() {
        return blockStart + blockLength - httpEnd;
    }

    /** The status code of the HTTP header {@link #http()} read. */
    int status() {
        int i = blockStart + 9;
        return (head[i] - '0') * 100 + (head[i + 1] - '0') * 10 + (head[i + 2] - '0');
    }

    /**
     * Reads the rest of the block after the HTTP header, keeping its first {@code keep} bytes, and
     * checks the member's end.
     *
     * @return the kept bytes, or null to hand over
     */
    byte[] payload(int keep) {
        return rest(httpEnd, keep);
    }

    /** Like {@link #payload} for the whole block (records that are not HTTP). */
    byte[] block(int keep) {
        return rest(blockStart, keep);
    }

    /**
     * Skips the rest of the record and checks the member's end.
     *
     * @return false to hand over
     */
    boolean skipRest() {
        return rest(headLength, 0) != null;
    }

    /**
     * The whole member, inflated and checked, for jwarc to read in memory; null to hand over.
     *
     * @return {@code head}, of which the first {@link #memberLength()} bytes are the member
     */
    byte[] wholeMember() {
        if (broken) {
            return null;
        }
        try {
            while (!memberEnded) {
                if (!inflateHead(headLength * 2)) {
                    return null;
                }
            }
        } catch (IOException e) {
            handOver(e.toString());
            return null;
        }
        return endsRight() ? head : null;
    }

    int memberLength() {
        return headLength;
    }

    String handOverReason() {
        return handOverReason;
    }

    /**
     * Reads member bytes from {@code from} (at most {@link #headLength}) to the end, keeping the
     * first {@code keep} of them, and checks that the member ends right after the record.
     */
    private byte[] rest(int from, int keep) {
        if (broken) {
            return null;
        }
        long blockEnd = blockStart + blockLength;
        long available = blockEnd - from;
        int kept = (int) Math.min(keep, Math.max(0, available));
        byte[] out = new byte[kept];
        int inHead = Math.min(kept, headLength - from);
        System.arraycopy(head, from, out, 0, inHead);
        long at = headLength; // member offset of the next byte inflated
        try {
            int filled = inHead;
            while (filled < kept && !memberEnded) {
                int n = members.inflate(out, filled, kept - filled);
                if (n < 0) {
                    memberEnded = true;
                    break;
                }
                filled += n;
                at += n;
            }
            if (filled < kept) {
                handOver("member ends inside the block");
                return null;
            }
            // the rest, up to the member's end: it must be the block's end and the trailer
            if (!trailerOk(head, 0, headLength, 0, blockEnd)) {
                handOver("bad record trailer");
                return null;
            }
            while (!memberEnded) {
                int n = members.inflate(scratch, 0, scratch.length);
                if (n < 0) {
                    memberEnded = true;
                    break;
                }
                if (!trailerOk(scratch, 0, n, at, blockEnd)) {
                    handOver("bad record trailer");
                    return null;
                }
                at += n;
            }
        } catch (IOException e) {
            handOver(e.toString());
            return null;
        }
        if (at != blockEnd + TRAILER.length) {
            handOver("member length " + at + " is not that of one record");
            return null;
        }
        return out;
    }

    /** Whether the member, wholly in {@code head}, is the record and its trailer. */
    private boolean endsRight() {
        long blockEnd = blockStart + blockLength;
        if (headLength != blockEnd + TRAILER.length
                || !trailerOk(head, 0, headLength, 0, blockEnd)) {
            handOver("member length " + headLength + " is not that of one record");
            return false;
        }
        return true;
    }

    /** Whether the bytes {@code b[off..off+n)}, at member offset {@code at}, fit the trailer. */
    private static boolean trailerOk(byte[] b, int off, int n, long at, long blockEnd) {
        long from = Math.max(at, blockEnd);
        long to = Math.min(at + n, blockEnd + TRAILER.length);
        for (long p = from; p < to; p++) {
            if (b[off + (int) (p - at)] != TRAILER[(int) (p - blockEnd)]) {
                return false;
            }
        }
        // bytes past the trailer are checked by the caller through the member's length
        return true;
    }

    private int warcHeader() {
        int version = 10; // "WARC/1.0\r\n" or "WARC/1.1\r\n"
        if (headLength < version) {
            return memberEnded ? HeaderFields.NOT_STRICT : HeaderFields.INCOMPLETE;
        }
        byte[] h = head;
        if (h[0] != 'W'
                || h[1] != 'A'
                || h[2] != 'R'
                || h[3] != 'C'
                || h[4] != '/'
                || h[5] != '1'
                || h[6] != '.'
                || (h[7] != '0' && h[7] != '1')
                || h[8] != '\r'
                || h[9] != '\n') {
            return HeaderFields.NOT_STRICT;
        }
        return warc.parse(h, version, headLength);
    }

    /** After {@code HTTP/d.d ddd[ reason]\r\n} at the block start, or a parse result. */
    private int statusLineEnd(int to) {
        int s = blockStart;
        if (to - s < 14) {
            return HeaderFields.INCOMPLETE;
        }
        byte[] h = head;
        if (h[s] != 'H'
                || h[s + 1] != 'T'
                || h[s + 2] != 'T'
                || h[s + 3] != 'P'
                || h[s + 4] != '/'
                || !digit(h[s + 5])
                || h[s + 6] != '.'
                || !digit(h[s + 7])
                || h[s + 8] != ' '
                || !digit(h[s + 9])
                || !digit(h[s + 10])
                || !digit(h[s + 11])) {
            return HeaderFields.NOT_STRICT;
        }
        int i = s + 12;
        if (h[i] == ' ') {
            for (i++; i < to; i++) {
                int c = h[i] & 0xff;
                if (c == '\r') {
                    break;
                }
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    return HeaderFields.NOT_STRICT;
                }
            }
        }
        if (i + 1 >= to) {
            return HeaderFields.INCOMPLETE;
        }
        return h[i] == '\r' && h[i + 1] == '\n' ? i + 2 : HeaderFields.NOT_STRICT;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    /**
     * Inflates into {@link #head} until it holds {@code size} bytes or the member ends.
     *
     * @return false when that would pass {@link #MAX_MEMBER_BYTES} bytes
     */
    private boolean inflateHead(int size) throws IOException {
        if (size > MAX_MEMBER_BYTES) {
            return false;
        }
        if (head.length < size) {
            head = Arrays.copyOf(head, size);
        }
        while (headLength < size && !memberEnded) {
            int n = members.inflate(head, headLength, size - headLength);
            if (n < 0) {
                memberEnded = true;
            } else {
                headLength += n;
            }
        }
        return true;
    }

    private int handOver(String reason) {
        handOverReason = reason;
        broken = true;
        return HAND_OVER;
    }

    private static long contentLength(String value) {
        if (value.isEmpty() || value.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
