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
    /**
     * names[bucket(length, first byte)] = the lower-case names of that length and first letter;
     * null when there is none. Most tag and attribute names of a page are in no table, and the
     * bucket usually says so without comparing a byte.
     */
    private final byte[][][] names;

    /** indexes[bucket][k] = the position of names[bucket][k] in the constructor's array. */
    private final int[][] indexes;

    private final int maxLength;

    /** Builds a table of {@code lowerCaseNames}; an empty name is never found. */
    NameTable(String... lowerCaseNames) {
        int max = 0;
        for (String n : lowerCaseNames) {
            max = Math.max(max, n.length());
        }
        maxLength = max;
        names = new byte[(max + 1) * 32][][];
        indexes = new int[(max + 1) * 32][];
        for (int index = 0; index < lowerCaseNames.length; index++) {
            String n = lowerCaseNames[index];
            if (n.isEmpty()) {
                continue;
            }
            int b = bucket(n.length(), (byte) n.charAt(0));
            int count = names[b] == null ? 0 : names[b].length;
            names[b] = names[b] == null ? new byte[1][] : Arrays.copyOf(names[b], count + 1);
            indexes[b] = indexes[b] == null ? new int[1] : Arrays.copyOf(indexes[b], count + 1);
            names[b][count] = n.getBytes(StandardCharsets.US_ASCII);
            indexes[b][count] = index;
        }
    }

    /** Upper- and lower-case ASCII letters share a bucket (bits 0-4 of the byte). */
    private static int bucket(int length, byte first) {
        return length << 5 | (first & 0x1f);
    }

    /**
     * The position in the constructor's array of the name in {@code buf[from..to)}, or -1.
     *
     * @param foldCase whether the bytes may hold upper-case ASCII letters
     */
    int indexOf(byte[] buf, int from, int to, boolean foldCase) {
        int len = to - from;
        if (len > maxLength || len <= 0) {
            return -1;
        }
        int b = bucket(len, buf[from]);
        byte[][] candidates = names[b];
        if (candidates == null) {
            return -1;
        }
        outer:
        for (int c = 0; c < candidates.length; c++) {
            byte[] name = candidates[c];
            for (int i = 0; i < len; i++) {
                int x = buf[from + i];
                if (foldCase && x >= 'A' && x <= 'Z') {
                    x += 32;
                }
                if (x != name[i]) {
                    continue outer;
                }
            }
            return indexes[b][c];
        }
        return -1;
    }
}
