package org.ccpairs.cli.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples of the Prometheus text exposition format (what Flink's reporter serves on /metrics):
 * {@code name{label="value",...} 1.0}. Comment lines and lines that are not samples are skipped;
 * label values are unescaped ({@code \"}, {@code \\}, {@code \n}).
 */
public final class PrometheusText {
    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\d+)?$");
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** One sample: its labels (in the order served) and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public String label(String key) {
            return labels.get(key);
        }
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    /** Every sample of {@code texts}, in order (several endpoints of one job: all of them). */
    public static PrometheusText parse(List<String> texts) {
        List<Sample> samples = new ArrayList<>();
        for (String text : texts) {
            for (String line : text.split("\n")) {
                Matcher m = SAMPLE.matcher(line.strip());
                if (line.startsWith("#") || !m.matches()) {
                    continue;
                }
                double value;
                try {
                    value = Double.parseDouble(m.group(3));
                } catch (NumberFormatException e) {
                    continue; // not a sample after all
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(2) != null) {
                    Matcher l = LABEL.matcher(m.group(2));
                    while (l.find()) {
                        labels.put(l.group(1), unescape(l.group(2)));
                    }
                }
                samples.add(new Sample(m.group(1), Map.copyOf(labels), value));
            }
        }
        return new PrometheusText(samples);
    }

    public static PrometheusText parse(String text) {
        return parse(List.of(text));
    }

    /** The samples named {@code name}. */
    public List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The largest value of {@code name} over its series; NaN when there is none. */
    public double max(String name) {
        return samples(name).stream().mapToDouble(Sample::value).max().orElse(Double.NaN);
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }

    private static String unescape(String value) {
        return value.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
