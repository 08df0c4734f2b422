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
    /** names[length] = the lower-case names of that length; null when there is none. */
    private final byte[][][] names;

    /** indexes[length][k] = the position of names[length][k] in the constructor's array. */
    private final int[][] indexes;

    /** Builds a table of {@code lowerCaseNames}; an empty name is never found. */
    NameTable(String... lowerCaseNames) {
        int max = 0;
        for (String n : lowerCaseNames) {
            max = Math.max(max, n.length());
        }
        names = new byte[max + 1][][];
        indexes = new int[max + 1][];
        for (int index = 0; index < lowerCaseNames.length; index++) {
            String n = lowerCaseNames[index];
            if (n.isEmpty()) {
                continue;
            }
            int len = n.length();
            int count = names[len] == null ? 0 : names[len].length;
            names[len] = names[len] == null ? new byte[1][] : Arrays.copyOf(names[len], count + 1);
            indexes[len] =
                    indexes[len] == null ? new int[1] : Arrays.copyOf(indexes[len], count + 1);
            names[len][count] = n.getBytes(StandardCharsets.US_ASCII);
            indexes[len][count] = index;
        }
    }

    /**
     * The position in the constructor's array of the name in {@code buf[from..to)}, or -1.
     *
     * @param foldCase whether the bytes may hold upper-case ASCII letters
     */
    int indexOf(byte[] buf, int from, int to, boolean foldCase) {
        int len = to - from;
        if (len >= names.length || names[len] == null) {
            return -1;
        }
        byte[][] candidates = names[len];
        outer:
        for (int c = 0; c < candidates.length; c++) {
            byte[] name = candidates[c];
            for (int i = 0; i < len; i++) {
                int b = buf[from + i];
                if (foldCase && b >= 'A' && b <= 'Z') {
                    b += 32;
                }
                if (b != name[i]) {
                    continue outer;
                }
            }
            return indexes[len][c];
        }
        return -1;
    }
}
