package org.ccpairs.connectors.warc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TailTrackingInputStreamTest {

    @Test
    void whitespaceAfterAPositionIsRecognisedOnceTheStreamHasEnded() throws IOException {
        TailTrackingInputStream in = stream("record\r\n \t\n");
        in.readAllBytes();

        assertThat(in.onlyWhitespaceFrom(6)).isTrue();
        assertThat(in.onlyWhitespaceFrom(11)).as("nothing left at all").isTrue();
        assertThat(in.onlyWhitespaceFrom(5)).as("'d' is not whitespace").isFalse();
    }

    @Test
    void singleByteReadsAreTrackedLikeBlockReads() throws IOException {
        TailTrackingInputStream in = stream("ab\r\n");
        while (in.read() >= 0) {
            // read to the end one byte at a time
        }

        assertThat(in.onlyWhitespaceFrom(2)).isTrue();
        assertThat(in.onlyWhitespaceFrom(1)).isFalse();
    }

    @Test
    void moreDataAfterThePositionIsNotAStrayTail() throws IOException {
        TailTrackingInputStream in = stream("\r\n\r\nWARC/1.0");
        in.readNBytes(4);

        assertThat(in.onlyWhitespaceFrom(0)).isFalse();
    }

    @Test
    void positionOlderThanTheRememberedTailIsNotAStrayTail() throws IOException {
        String text = "x" + " ".repeat(TailTrackingInputStream.TAIL + 10);
        TailTrackingInputStream in = stream(text);
        in.readAllBytes();

        assertThat(in.onlyWhitespaceFrom(1)).as("whitespace, but longer than the tail").isFalse();
        assertThat(in.onlyWhitespaceFrom(text.length() - TailTrackingInputStream.TAIL)).isTrue();
    }

    @Test
    void positionBeyondTheEndIsNotAStrayTail() throws IOException {
        TailTrackingInputStream in = stream("ab");
        in.readAllBytes();

        assertThat(in.onlyWhitespaceFrom(3)).isFalse();
    }

    @Test
    void markIsNotSupported() {
        assertThat(stream("x").markSupported()).isFalse();
    }

    private static TailTrackingInputStream stream(String text) {
        return new TailTrackingInputStream(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
