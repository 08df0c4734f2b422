package org.ccpairs.jobs.extract.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time byte search against a plain loop, at every offset and length. */
class BytesTest {
    @Test
    void indexOfFindsWhatAPlainLoopFinds() {
        Random random = new Random(17);
        byte[] alphabet = {'<', '>', 'a', ' ', (byte) 0x80, (byte) 0xbc, 0, (byte) 0xff};
        for (int n = 0; n < 20_000; n++) {
            byte[] a = new byte[random.nextInt(40)];
            for (int k = 0; k < a.length; k++) {
                a[k] = alphabet[random.nextInt(alphabet.length)];
            }
            byte b = alphabet[random.nextInt(alphabet.length)];
            int from = a.length == 0 ? 0 : random.nextInt(a.length + 1);
            int to = from + random.nextInt(a.length - from + 1);
            assertThat(Bytes.indexOf(a, b, from, to)).isEqualTo(plainIndexOf(a, b, from, to));
        }
    }

    private static int plainIndexOf(byte[] a, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
