package org.ccpairs.jobs.safety;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A lexicon of words and phrases with a category and a weight, and the caption score it gives.
 *
 * <p>File format, UTF-8, one entry per line: {@code category<TAB>weight<TAB>term}; {@code #} starts
 * a comment line. Terms are matched case-insensitively as whole words (a phrase as consecutive
 * words). A weight of 0 marks a term that is harmless alone but counts for combination rules:
 * {@code combine<TAB>weight<TAB>categoryA+categoryB=>result} gives category {@code result} with
 * that weight when terms of both categories occur (e.g. minors + sexual).
 *
 * <p>Score: 1 − Π(1 − weight) over the distinct terms and combinations that matched (a noisy-or:
 * one strong term is enough, several weak ones add up); 0 when nothing matched.
 */
public final class CaptionSafetyLexicon {
    /** The lexicon shipped with ccpairs, {@code caption-safety-lexicon.tsv} on the classpath. */
    public static final String DEFAULT_RESOURCE = "/caption-safety-lexicon.tsv";

    /** The longest phrase, in words. */
    private static final int MAX_PHRASE_WORDS = 4;

    /**
     * A caption's score.
     *
     * @param score 0 (nothing matched) to 1
     * @param categories the categories that matched, sorted
     */
    public record Score(double score, List<String> categories) {
        public String joined() {
            return String.join(",", categories);
        }
    }

    private record Entry(String category, double weight) {}

    private record Combination(String a, String b, String result, double weight) {}

    private final Map<String, Entry> terms = new HashMap<>();
    private final List<Combination> combinations = new ArrayList<>();

    /** The default lexicon plus those in {@code files}. */
    public static CaptionSafetyLexicon load(boolean withDefault, List<String> files) {
        CaptionSafetyLexicon lexicon = new CaptionSafetyLexicon();
        if (withDefault) {
            try (InputStream in =
                    CaptionSafetyLexicon.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
                }
                lexicon.add(in, DEFAULT_RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String f : files) {
            try (InputStream in = Files.newInputStream(Path.of(f))) {
                lexicon.add(in, f);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "'safety.caption.lexicon-files': cannot read " + f + ": " + e, e);
            }
        }
        return lexicon;
    }

    /**
     * Adds the entries of a lexicon file.
     *
     * @throws IllegalArgumentException naming the source and line of the first malformed entry
     */
    public void add(InputStream in, String source) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\t");
            double weight;
            try {
                weight = f.length == 3 ? Double.parseDouble(f[1].strip()) : Double.NaN;
            } catch (NumberFormatException e) {
                weight = Double.NaN;
            }
            if (!(weight >= 0 && weight <= 1)) {
                throw new IllegalArgumentException(
                        source
                                + ":"
                                + n
                                + ": expected 'category<TAB>weight (0..1)<TAB>term', got '"
                                + t
                                + "'");
            }
            String category = f[0].strip().toLowerCase(Locale.ROOT);
            String term = f[2].strip().toLowerCase(Locale.ROOT);
            if (category.equals("combine")) {
                String[] rule = term.split("=>");
                String[] pair = rule[0].split("\\+");
                if (rule.length != 2 || pair.length != 2) {
                    throw new IllegalArgumentException(
                            source + ":" + n + ": expected 'combine<TAB>w<TAB>a+b=>result'");
                }
                combinations.add(
                        new Combination(pair[0].strip(), pair[1].strip(), rule[1].strip(), weight));
            } else {
                String phrase = String.join(" ", words(term));
                if (phrase.isEmpty() || phrase.split(" ").length > MAX_PHRASE_WORDS) {
                    throw new IllegalArgumentException(
                            source + ":" + n + ": a term has 1 to 4 words, got '" + term + "'");
                }
                terms.merge(
                        phrase,
                        new Entry(category, weight),
                        (a, b) -> a.weight() >= b.weight() ? a : b);
            }
        }
    }

    public int size() {
        return terms.size() + combinations.size();
    }

    /** The score of {@code caption}. */
    public Score score(String caption) {
        List<String> words = words(caption);
        double pass = 1.0;
        TreeSet<String> categories = new TreeSet<>();
        TreeSet<String> seenTerms = new TreeSet<>();
        for (int i = 0; i < words.size(); i++) {
            StringBuilder phrase = new StringBuilder();
            for (int len = 1; len <= MAX_PHRASE_WORDS && i + len <= words.size(); len++) {
                if (len > 1) {
                    phrase.append(' ');
                }
                phrase.append(words.get(i + len - 1));
                String p = phrase.toString();
                Entry e = terms.get(p);
                if (e != null && seenTerms.add(p)) {
                    categories.add(e.category());
                    pass *= 1 - e.weight();
                }
            }
        }
        for (Combination c : combinations) {
            if (categories.contains(c.a()) && categories.contains(c.b())) {
                categories.add(c.result());
                pass *= 1 - c.weight();
            }
        }
        // categories of weight-0 terms alone say nothing unsafe: report only what scored
        if (pass == 1.0) {
            return new Score(0, List.of());
        }
        return new Score(1 - pass, List.copyOf(categories));
    }

    /** Lower-case words: runs of letters and digits (apostrophes inside words kept). */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp) || (cp == '\'' && w.length() > 0)) {
                w.appendCodePoint(cp);
            } else if (w.length() > 0) {
                out.add(w.toString());
                w.setLength(0);
            }
        }
        if (w.length() > 0) {
            out.add(w.toString());
        }
        return out;
    }
}
