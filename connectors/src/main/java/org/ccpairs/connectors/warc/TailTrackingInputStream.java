package org.ccpairs.connectors.warc;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read and remembers the last {@link #TAIL} of them, so that a reader that fails
 * at the very end of a file can tell stray trailing bytes (such as a final CRLF some tools append)
 * from a file that is really cut; and remembers when the underlying stream itself failed (a broken
 * connection), which says nothing about the file.
 */
final class TailTrackingInputStream extends FilterInputStream {
    static final int TAIL = 64;

    private final byte[] tail = new byte[TAIL];
    private long count;
    private boolean eof;
    private IOException transportFailure;

    TailTrackingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = super.read();
        } catch (IOException e) {
            transportFailure = e;
            throw e;
        }
        if (b < 0) {
            eof = true;
        } else {
            remember(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n;
        try {
            n = super.read(buf, off, len);
        } catch (IOException e) {
            transportFailure = e;
            throw e;
        }
        if (n < 0) {
            eof = true;
        } else if (n > TAIL) {
            count += n - TAIL; // only the last TAIL bytes can be the tail
            for (int i = n - TAIL; i < n; i++) {
                remember(buf[off + i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                remember(buf[off + i]);
            }
        }
        return n;
    }

    /** The exception the underlying stream threw (a broken connection, a disk error), or null. */
    IOException transportFailure() {
        return transportFailure;
    }

    private void remember(int b) {
        tail[(int) (count % TAIL)] = (byte) b;
        count++;
    }

    /**
     * Whether the stream has ended and every byte from {@code position} to the end is ASCII
     * whitespace; false when that stretch is longer than {@link #TAIL} bytes or the end was not
     * reached.
     */
    boolean onlyWhitespaceFrom(long position) throws IOException {
        if (!eof && in.read() >= 0) {
            return false; // more data follows: whatever failed was not a stray tail (the byte is
            // lost,
            // which is fine because the caller gives up on the stream either way)
        }
        eof = true;
        if (position < count - TAIL || position > count) {
            return false;
        }
        for (long p = position; p < count; p++) {
            byte b = tail[(int) (p % TAIL)];
            if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
