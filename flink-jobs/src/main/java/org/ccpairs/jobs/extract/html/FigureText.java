package org.ccpairs.jobs.extract.html;

import java.io.ByteArrayOutputStream;

/**
 * A {@code <figure>} being read: the text of its first {@code <figcaption>} (bytes as they are in
 * the page, with a space where a block element or {@code <br>} starts or ends).
 */
final class FigureText {
    /** Figcaption text beyond this is not kept (the caption is capped far below it). */
    private static final int MAX_BYTES = 16 * 1024;

    final ByteArrayOutputStream caption = new ByteArrayOutputStream();
    boolean captionSeen;
    boolean capturing;

    void append(byte[] bytes, int from, int to) {
        int room = MAX_BYTES - caption.size();
        if (room > 0) {
            caption.write(bytes, from, Math.min(room, to - from));
        }
    }

    void space() {
        if (caption.size() < MAX_BYTES) {
            caption.write(' ');
        }
    }
}
