package org.ccpairs.connectors.warc;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * The gzip members of a compressed file, inflated one at a time, keeping every compressed byte of
 * the current member until the next one starts: a reader that finds something it does not handle
 * can give the file, from the member's first byte on, to another reader ({@link #fromMember()}).
 * Parses the gzip header (FEXTRA, FNAME, FCOMMENT, FHCRC) and checks the trailer's length the way
 * jwarc's {@code GunzipChannel} does (the CRC is not checked there either). Not thread-safe.
 */
final class GzipMembers {
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int FHCRC = 2;

    /** Compressed bytes read at a time. */
    static final int READ_SIZE = 1 << 16;

    private final InputStream in;
    private final int maxMemberBytes;
    private final Inflater inflater = new Inflater(true);
    private byte[] buf;
    private int limit;
    private int pos;
    private int memberStart;

    /** Offset in the stream of {@code buf[0]}. */
    private long bufOffset;

    private boolean memberEnded;

    /**
     * @param in the compressed stream, after {@code first}
     * @param first bytes already read from the stream
     * @param maxMemberBytes compressed bytes one member may have; a longer one is {@link TooLarge},
     *     so that at most this much is kept
     */
    GzipMembers(InputStream in, byte[] first, int firstLength, int maxMemberBytes) {
        this.in = in;
        this.maxMemberBytes = maxMemberBytes;
        this.buf = new byte[Math.max(2 * READ_SIZE, firstLength)];
        System.arraycopy(first, 0, buf, 0, firstLength);
        this.limit = firstLength;
    }

    /** A member longer than the reader keeps. */
    static final class TooLarge extends IOException {
        TooLarge(int max) {
            super("gzip member longer than " + max + " bytes");
        }
    }

    /** Offset in the stream where the current member starts (or the next one, between members). */
    long memberOffset() {
        return bufOffset + memberStart;
    }

    /**
     * Starts the next member at the current position.
     *
     * @return false at the end of the stream
     * @throws IOException when the bytes there are no gzip header (or a cut one), or reading fails
     */
    boolean start() throws IOException {
        memberStart = pos;
        memberEnded = false;
        if (!available(1)) {
            return false;
        }
        if (!available(10)) {
            throw new EOFException("partial gzip header");
        }
        if ((buf[pos] & 0xff) != 0x1f || (buf[pos + 1] & 0xff) != 0x8b) {
            throw new ZipException("not in gzip format");
        }
        if (buf[pos + 2] != 8) {
            throw new ZipException("unsupported compression method: " + buf[pos + 2]);
        }
        int flags = buf[pos + 3];
        pos += 10;
        if ((flags & FEXTRA) != 0) {
            need(2, "reading gzip extra");
            int xlen = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8;
            if (xlen >= 0x8000) {
                throw new ZipException("gzip extra field too long: " + xlen); // jwarc: negative
            }
            pos += 2;
            need(xlen, "reading gzip extra");
            pos += xlen;
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated("reading gzip name");
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated("reading gzip comment");
        }
        if ((flags & FHCRC) != 0) {
            need(2, "reading gzip header crc");
            pos += 2;
        }
        inflater.reset();
        inflater.setInput(buf, pos, limit - pos);
        return true;
    }

    /**
     * Inflates up to {@code len} bytes of the current member.
     *
     * @return the number of bytes inflated (at least 1 when {@code len > 0}), or -1 when the member
     *     ended and its trailer was read
     * @throws IOException when the member is cut, corrupt, {@link TooLarge}, or reading fails
     */
    int inflate(byte[] dst, int off, int len) throws IOException {
        if (memberEnded) {
            return -1;
        }
        while (true) {
            if (inflater.needsInput()) {
                if (!fill()) {
                    throw new EOFException("unexpected end of gzip stream");
                }
                inflater.setInput(buf, pos, limit - pos);
            }
            int n;
            try {
                n = inflater.inflate(dst, off, len);
            } catch (DataFormatException e) {
                throw new ZipException(e.getMessage());
            }
            pos = limit - inflater.getRemaining();
            if (inflater.finished()) {
                readTrailer();
                memberEnded = true;
                return n > 0 ? n : -1;
            }
            if (n > 0 || len == 0) {
                return n;
            }
            if (inflater.needsDictionary()) {
                throw new ZipException("gzip member needs a preset dictionary");
            }
        }
    }

    /**
     * The stream from the current member's first byte on: what was read of it, as a buffer ready
     * for reading (array-backed, with room for {@link #READ_SIZE} more), then {@code rest}.
     */
    ByteBuffer fromMember() {
        int n = limit - memberStart;
        byte[] copy = new byte[Math.max(READ_SIZE, n)];
        System.arraycopy(buf, memberStart, copy, 0, n);
        return ByteBuffer.wrap(copy, 0, n);
    }

    private void readTrailer() throws IOException {
        need(8, "reading gzip trailer");
        long isize =
                (buf[pos + 4] & 0xffL)
                        | (buf[pos + 5] & 0xffL) << 8
                        | (buf[pos + 6] & 0xffL) << 16
                        | (buf[pos + 7] & 0xffL) << 24;
        pos += 8;
        if (isize != (inflater.getBytesWritten() & 0xffffffffL)) {
            throw new ZipException("gzip uncompressed size mismatch");
        }
    }

    private void skipZeroTerminated(String what) throws IOException {
        while (true) {
            need(1, what);
            if (buf[pos++] == 0) {
                return;
            }
        }
    }

    private void need(int n, String what) throws IOException {
        if (!available(n)) {
            throw new EOFException(what);
        }
    }

    /** Whether {@code n} unread bytes are (or could be made) available. */
    private boolean available(int n) throws IOException {
        while (limit - pos < n) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /** Reads more compressed bytes; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (limit == buf.length) {
            if (memberStart > 0) {
                // drop what came before the member: it is no longer needed
                System.arraycopy(buf, memberStart, buf, 0, limit - memberStart);
                limit -= memberStart;
                pos -= memberStart;
                bufOffset += memberStart;
                memberStart = 0;
            } else if (buf.length >= maxMemberBytes) {
                throw new TooLarge(maxMemberBytes);
            } else {
                byte[] grown = new byte[(int) Math.min((long) buf.length * 2, maxMemberBytes)];
                System.arraycopy(buf, 0, grown, 0, limit);
                buf = grown;
            }
        }
        int n = in.read(buf, limit, Math.min(buf.length - limit, READ_SIZE));
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }

    void close() {
        inflater.end();
    }
}
