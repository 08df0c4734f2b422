package org.ccpairs.jobs.extract.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-compare lookup of tag and attribute ids against a plain byte-by-byte one. */
class TagIdsTest {
    @Test
    void everyNameIsFoundInAnyCaseAndAtAnyOffset() {
        for (int id = 1; id <= TagIds.FONT; id++) {
            String name = TagIds.tagName(id);
            for (String spelling : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
                byte[] buf = ascii("<" + spelling + ">");
                assertThat(TagIds.tagId(buf, 1, buf.length - 1)).as(spelling).isEqualTo(id);
            }
        }
        for (int id = 0; id < TagIds.ATTR_COUNT; id++) {
            String name = TagIds.attrName(id);
            for (String spelling : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
                for (int pad = 0; pad < 20; pad++) {
                    byte[] buf = ascii(" ".repeat(pad) + spelling); // also ends of arrays
                    assertThat(TagIds.attrId(buf, pad, buf.length)).as(spelling).isEqualTo(id);
                }
            }
        }
    }

    @Test
    void randomNamesGetWhatAByteByByteComparisonGives() {
        Random random = new Random(9);
        byte[] alphabet = ascii("aAbcdeEfgGhiImMlLnoOprRsStTuvwxy-_=:@[`{\r\t/0\u00c1\u00e1");
        for (int i = 0; i < 200_000; i++) {
            int len = 1 + random.nextInt(18);
            byte[] buf = new byte[len + random.nextInt(10)];
            for (int k = 0; k < buf.length; k++) {
                buf[k] = alphabet[random.nextInt(alphabet.length)];
            }
            // sometimes a real name with some letters' case changed
            if (random.nextInt(3) == 0) {
                String real = TagIds.attrName(random.nextInt(TagIds.ATTR_COUNT));
                byte[] r = ascii(real);
                len = r.length;
                buf = new byte[len + random.nextInt(10)];
                System.arraycopy(r, 0, buf, 0, len);
                buf[random.nextInt(len)] ^= 0x20;
            }
            assertThat(TagIds.attrId(buf, 0, len)).isEqualTo(plainAttrId(buf, len));
            byte[] lower = new byte[Math.max(len, 16)];
            for (int k = 0; k < len; k++) {
                byte b = buf[k];
                lower[k] = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
            }
            assertThat(TagIds.tagId(buf, 0, len)).isEqualTo(plainTagId(lower, len));
        }
    }

    private static int plainAttrId(byte[] buf, int len) {
        String name = new String(buf, 0, len, StandardCharsets.ISO_8859_1);
        for (int id = 0; id < TagIds.ATTR_COUNT; id++) {
            if (asciiEqualsIgnoreCase(TagIds.attrName(id), name)) {
                return id;
            }
        }
        return -1;
    }

    private static int plainTagId(byte[] lower, int len) {
        String name = new String(lower, 0, len, StandardCharsets.ISO_8859_1);
        for (int id = 1; id <= TagIds.FONT; id++) {
            if (TagIds.tagName(id).equals(name)) {
                return id;
            }
        }
        return TagIds.OTHER;
    }

    private static boolean asciiEqualsIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (y >= 'A' && y <= 'Z') {
                y += 32;
            }
            if (x != y) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
