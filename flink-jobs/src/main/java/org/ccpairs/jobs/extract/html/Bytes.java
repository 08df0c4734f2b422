package org.ccpairs.jobs.extract.html;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches for the tokenizer's hot loops: a search for one byte that looks at eight bytes at a
 * time (the "has a zero byte" trick on {@code long} words), and a table of character classes so
 * that the state loops test one array entry per byte.
 */
final class Bytes {
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** Space characters of the HTML tokenizer: tab, LF, FF, CR, space. */
    static final byte SPACE = 1;

    /** Ends a tag name: a space, '/' or '>'. */
    static final byte NAME_END = 2;

    /** Ends an attribute name: a space, '/', '>' or '='. */
    static final byte ATTR_NAME_END = 4;

    /** Ends an unquoted attribute value: a space or '>'. */
    static final byte VALUE_END = 8;

    static final byte[] CLASS = new byte[256];

    static {
        for (char c : new char[] {' ', '\t', '\n', '\r', '\f'}) {
            CLASS[c] = SPACE | NAME_END | ATTR_NAME_END | VALUE_END;
        }
        CLASS['/'] = NAME_END | ATTR_NAME_END;
        CLASS['>'] = NAME_END | ATTR_NAME_END | VALUE_END;
        CLASS['='] = ATTR_NAME_END;
    }

    private Bytes() {}

    /** The first index of {@code b} in {@code a[from..to)}, or -1. */
    static int indexOf(byte[] a, byte b, int from, int to) {
        long pattern = (b & 0xffL) * ONES;
        int i = from;
        int lastWord = to - 8;
        while (i <= lastWord) {
            long x = (long) LONGS.get(a, i) ^ pattern;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += 8;
        }
        for (; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first index in {@code a[from..to)} whose byte has one of the class bits; else {@code to}.
     */
    static int skipUntil(byte[] a, int from, int to, int classBits) {
        int i = from;
        while (i < to && (CLASS[a[i] & 0xff] & classBits) == 0) {
            i++;
        }
        return i;
    }

    /** The first index at or after {@code from} that is not a space; else {@code to}. */
    static int skipSpaces(byte[] a, int from, int to) {
        int i = from;
        while (i < to && (CLASS[a[i] & 0xff] & SPACE) != 0) {
            i++;
        }
        return i;
    }
}
