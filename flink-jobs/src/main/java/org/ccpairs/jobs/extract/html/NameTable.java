package org.ccpairs.jobs.extract.html;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A fixed set of ASCII names looked up straight from a byte range, without building a String: names
 * are grouped by length, so a lookup compares only against names of the same length. The tokenizer
 * looks up every tag name and every attribute name of a page, which makes this one of its hot
 * paths.
 */
final class NameTable {
    /** ASCII upper-case letters to lower case; every other byte to itself. */
    private static final byte[] LOWER = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            LOWER[b] = (byte) (b >= 'A' && b <= 'Z' ? b + 32 : b);
        }
    }

    /**
     * The names by bucket (length and first letter, see {@link #bucket}): the first name of each
     * bucket, where most lookups end, and the rare further ones. Most tag and attribute names of a
     * page are in no table, and an empty bucket says so without comparing a byte.
     */
    private final byte[][] first;

    private final int[] firstIndex;
    private final byte[][][] more;
    private final int[][] moreIndexes;
    private final int maxLength;

    /** Builds a table of {@code lowerCaseNames}; an empty name is never found. */
    NameTable(String... lowerCaseNames) {
        int max = 0;
        for (String n : lowerCaseNames) {
            max = Math.max(max, n.length());
        }
        maxLength = max;
        int buckets = (max + 1) * 32;
        first = new byte[buckets][];
        firstIndex = new int[buckets];
        more = new byte[buckets][][];
        moreIndexes = new int[buckets][];
        for (int index = 0; index < lowerCaseNames.length; index++) {
            String n = lowerCaseNames[index];
            if (n.isEmpty()) {
                continue;
            }
            byte[] name = n.getBytes(StandardCharsets.US_ASCII);
            int b = bucket(name.length, name[0]);
            if (first[b] == null) {
                first[b] = name;
                firstIndex[b] = index;
            } else {
                int count = more[b] == null ? 0 : more[b].length;
                more[b] = more[b] == null ? new byte[1][] : Arrays.copyOf(more[b], count + 1);
                moreIndexes[b] =
                        moreIndexes[b] == null
                                ? new int[1]
                                : Arrays.copyOf(moreIndexes[b], count + 1);
                more[b][count] = name;
                moreIndexes[b][count] = index;
            }
        }
    }

    /** Upper- and lower-case ASCII letters share a bucket (bits 0-4 of the byte). */
    private static int bucket(int length, byte first) {
        return length << 5 | (first & 0x1f);
    }

    /**
     * The position in the constructor's array of the name in {@code buf[from..to)}, in any ASCII
     * case, or -1.
     */
    int indexOf(byte[] buf, int from, int to) {
        int len = to - from;
        if (len > maxLength || len <= 0) {
            return -1;
        }
        int b = bucket(len, buf[from]);
        byte[] name = first[b];
        if (name == null) {
            return -1;
        }
        if (matches(name, buf, from)) {
            return firstIndex[b];
        }
        byte[][] others = more[b];
        if (others != null) {
            for (int c = 0; c < others.length; c++) {
                if (matches(others[c], buf, from)) {
                    return moreIndexes[b][c];
                }
            }
        }
        return -1;
    }

    private static boolean matches(byte[] name, byte[] buf, int from) {
        for (int i = 0; i < name.length; i++) {
            if (LOWER[buf[from + i] & 0xff] != name[i]) {
                return false;
            }
        }
        return true;
    }
}
