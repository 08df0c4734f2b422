package org.ccpairs.connectors.warc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * An input stream as the channel jwarc reads: one {@code read} per call straight into the buffer's
 * array. ({@code Channels.newChannel} copies through a small transfer buffer and asks the stream
 * for {@code available()} after each chunk, which on a file is two system calls.)
 */
final class StreamChannel implements ReadableByteChannel {
    private final InputStream in;
    private boolean open = true;

    StreamChannel(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (dst.hasArray()) {
            int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        byte[] chunk = new byte[Math.min(dst.remaining(), 1 << 16)];
        int n = in.read(chunk);
        if (n > 0) {
            dst.put(chunk, 0, n);
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        in.close();
    }
}
