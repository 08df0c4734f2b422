package org.ccpairs.jobs.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a {@code srcset} attribute the way the HTML standard's "parse a srcset attribute" does:
 * URLs may contain commas (only a comma after whitespace or at the end of a URL separates
 * candidates); descriptors are {@code 640w} or {@code 1.5x}; a candidate with a malformed
 * descriptor is dropped.
 */
public final class Srcset {
    /**
     * One candidate.
     *
     * @param url the raw URL, not resolved
     * @param width the {@code w} descriptor, or 0
     * @param density the {@code x} descriptor, or 1 when there is none
     */
    public record Candidate(String url, int width, double density) {}

    private Srcset() {}

    /** The candidates of {@code value}, in order; empty for null. */
    public static List<Candidate> parse(String value) {
        List<Candidate> out = new ArrayList<>(4);
        if (value == null) {
            return out;
        }
        int n = value.length();
        int i = 0;
        while (i < n) {
            while (i < n && (isSpace(value.charAt(i)) || value.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int urlStart = i;
            while (i < n && !isSpace(value.charAt(i))) {
                i++;
            }
            String url = value.substring(urlStart, i);
            boolean endsWithComma = url.endsWith(",");
            while (url.endsWith(",")) {
                url = url.substring(0, url.length() - 1);
            }
            String descriptors = "";
            if (!endsWithComma) {
                int descStart = i;
                int depth = 0;
                while (i < n) {
                    char c = value.charAt(i);
                    if (c == '(') {
                        depth++;
                    } else if (c == ')') {
                        depth = Math.max(0, depth - 1);
                    } else if (c == ',' && depth == 0) {
                        break;
                    }
                    i++;
                }
                descriptors = value.substring(descStart, i).trim();
            }
            Candidate c = candidate(url, descriptors);
            if (c != null && !url.isEmpty()) {
                out.add(c);
            }
        }
        return out;
    }

    private static Candidate candidate(String url, String descriptors) {
        int width = 0;
        double density = 1;
        boolean seen = false;
        for (String d : descriptors.split("\\s+")) {
            if (d.isEmpty()) {
                continue;
            }
            if (seen) {
                return null; // more than one descriptor (height 'h' is ignored by browsers too)
            }
            seen = true;
            char unit = Character.toLowerCase(d.charAt(d.length() - 1));
            String number = d.substring(0, d.length() - 1);
            try {
                if (unit == 'w') {
                    width = Integer.parseInt(number);
                    if (width <= 0) {
                        return null;
                    }
                } else if (unit == 'x') {
                    density = Double.parseDouble(number);
                    if (!(density > 0) || Double.isInfinite(density)) {
                        return null;
                    }
                } else {
                    return null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return new Candidate(url, width, density);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }
}
