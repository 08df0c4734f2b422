package org.ccpairs.connectors.warc;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code name: value} lines of a WARC or HTTP header, read strictly: token names, values
 * without control characters other than tab, CRLF line ends, no folded lines, and a blank line at
 * the end. On such input the result is exactly what jwarc's lenient parsers give (values trimmed of
 * spaces and tabs; WARC values read as UTF-8, HTTP values as ISO-8859-1), which {@code
 * HeaderFieldsTest} checks against jwarc; anything else is left to jwarc ({@link #NOT_STRICT}).
 * Reusable; not thread-safe.
 */
final class HeaderFields {
    /** {@link #parse} result: the lines do not end within the bytes given. */
    static final int INCOMPLETE = -1;

    /** {@link #parse} result: the lines are not of the strict form. */
    static final int NOT_STRICT = -2;

    private static final boolean[] TOKEN = new boolean[256];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private final Charset valueCharset;
    private String[] names = new String[32];
    private String[] values = new String[32];
    private int count;

    HeaderFields(Charset valueCharset) {
        this.valueCharset = valueCharset;
    }

    /**
     * Reads the lines in {@code b[from..to)}.
     *
     * @return the index after the blank line that ends them, {@link #INCOMPLETE} or {@link
     *     #NOT_STRICT}
     */
    int parse(byte[] b, int from, int to) {
        count = 0;
        int i = from;
        while (true) {
            if (i + 1 >= to) {
                return INCOMPLETE;
            }
            if (b[i] == '\r') {
                return b[i + 1] == '\n' ? i + 2 : NOT_STRICT;
            }
            int nameFrom = i;
            while (i < to && TOKEN[b[i] & 0xff]) {
                i++;
            }
            if (i >= to) {
                return INCOMPLETE;
            }
            if (i == nameFrom || b[i] != ':') {
                return NOT_STRICT;
            }
            int nameTo = i++;
            int valueFrom = -1;
            int valueTo = -1;
            while (true) {
                if (i >= to) {
                    return INCOMPLETE;
                }
                int c = b[i] & 0xff;
                if (c == '\r') {
                    break;
                }
                if (c == ' ' || c == '\t') {
                    i++;
                    continue;
                }
                if (c < 0x20 || c == 0x7f) {
                    return NOT_STRICT;
                }
                if (valueFrom < 0) {
                    valueFrom = i;
                }
                valueTo = ++i;
            }
            if (i + 1 >= to) {
                return INCOMPLETE;
            }
            if (b[i + 1] != '\n') {
                return NOT_STRICT;
            }
            add(
                    new String(b, nameFrom, nameTo - nameFrom, StandardCharsets.ISO_8859_1),
                    valueFrom < 0
                            ? ""
                            : new String(b, valueFrom, valueTo - valueFrom, valueCharset));
            i += 2;
        }
    }

    private void add(String name, String value) {
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
            values = Arrays.copyOf(values, count * 2);
        }
        names[count] = name;
        values[count++] = value;
    }

    /** The first value of the field {@code name} (any case), or null. */
    String first(String name) {
        for (int i = 0; i < count; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** How many times the field {@code name} (any case) occurs. */
    int occurrences(String name) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                n++;
            }
        }
        return n;
    }

    /** Every value of the field {@code name} (any case), in order. */
    List<String> all(String name) {
        List<String> out = List.of();
        for (int i = 0; i < count; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                if (out.isEmpty()) {
                    out = new ArrayList<>(2);
                }
                out.add(values[i]);
            }
        }
        return out;
    }

    /**
     * The fields with lower-case names, each with all its values in order, in the order of jwarc's
     * {@code MessageHeaders.map()} (names compared ignoring case).
     */
    Map<String, List<String>> lowerCaseMap() {
        Map<String, List<String>> out = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            out.computeIfAbsent(names[i].toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
                    .add(values[i]);
        }
        return out;
    }
}
