package org.ccpairs.localstack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads the last lines of a log file for error messages. */
final class LogTail {

    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {}

    /**
     * Returns the last {@code lines} lines of {@code file}, or a note saying why there are none;
     * never throws and never returns null, since it is only used to enrich another error.
     */
    static String read(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "  (no log file at " + file + ")";
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            int length = (int) Math.min(size, MAX_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            channel.position(size - length);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read until the buffer is full or the file ends
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            List<String> all = Arrays.asList(text.split("\\R"));
            List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
            return tail.isEmpty() || text.isBlank()
                    ? "  (the log is empty)"
                    : "  " + String.join("\n  ", tail);
        } catch (IOException e) {
            return "  (cannot read the log: " + e + ")";
        }
    }
}
