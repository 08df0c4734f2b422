package org.ccpairs.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL expressions of the dashboards and alerts in k8s/, the metric names and label names
 * they use, and the list {@code k8s/base/monitoring/metrics.txt} that the job's ITCase checks.
 */
final class Monitoring {
    static final Path DASHBOARDS = Repo.K8S.resolve("base/monitoring/dashboards");
    static final Path ALERTS = Repo.K8S.resolve("base/monitoring/alerts.yaml");
    static final Path LIST = Repo.K8S.resolve("base/monitoring/metrics.txt");

    /** Labels Prometheus adds to every scraped series (target labels of a PodMonitor). */
    static final Set<String> TARGET_LABELS =
            Set.of("namespace", "pod", "container", "instance", "job", "endpoint");

    private static final Pattern METRIC =
            Pattern.compile("\\b(flink_[A-Za-z0-9_]+|ccpairs_[a-z0-9_]+)\\b");
    private static final Pattern SELECTOR =
            Pattern.compile("\\b([A-Za-z_:][A-Za-z0-9_:]*)\\{([^}]*)}");
    private static final Pattern LABEL_MATCHER =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)");
    private static final Pattern GROUPING =
            Pattern.compile(
                    "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");

    /** A metric of the list: name, source (job, linkcheck, announcer) and the labels relied on. */
    record Listed(String name, String source, Set<String> labels) {}

    /** One PromQL expression and where it is. */
    record Expr(String where, String promql) {}

    private Monitoring() {}

    static List<Expr> expressions() {
        List<Expr> exprs = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (Path file : Repo.files(".json")) {
            try {
                JsonNode dashboard = json.readTree(file.toFile());
                collectTargets(file.getFileName() + " ", dashboard.path("panels"), exprs);
                for (JsonNode v : dashboard.path("templating").path("list")) {
                    if (v.path("query").has("query")) {
                        exprs.add(
                                new Expr(
                                        file.getFileName() + " $" + v.path("name").asText(),
                                        v.path("query").path("query").asText()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Object group : Yaml.list(Yaml.documents(ALERTS).get(0), "spec.groups")) {
            for (Object rule : Yaml.list(group, "rules")) {
                exprs.add(
                        new Expr("alert " + Yaml.string(rule, "alert"), Yaml.string(rule, "expr")));
            }
        }
        return exprs;
    }

    private static void collectTargets(String where, JsonNode panels, List<Expr> exprs) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(
                        new Expr(
                                where + "'" + panel.path("title").asText() + "'",
                                target.path("expr").asText()));
            }
            collectTargets(where, panel.path("panels"), exprs);
        }
    }

    /** Metric names in {@code promql}. */
    static Set<String> metrics(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(promql);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * Label names that {@code promql} matches on or groups by, per metric (grouping: all metrics of
     * the expression).
     */
    static Map<String, Set<String>> labels(String promql) {
        Map<String, Set<String>> byMetric = new TreeMap<>();
        Set<String> grouping = new TreeSet<>();
        Matcher g = GROUPING.matcher(promql);
        while (g.find()) {
            for (String l : g.group(1).split(",")) {
                if (!l.isBlank()) {
                    grouping.add(l.trim());
                }
            }
        }
        for (String metric : metrics(promql)) {
            byMetric.put(metric, new TreeSet<>(grouping));
        }
        Matcher s = SELECTOR.matcher(promql);
        while (s.find()) {
            Matcher l = LABEL_MATCHER.matcher(s.group(2));
            while (l.find()) {
                byMetric.computeIfAbsent(s.group(1), x -> new TreeSet<>()).add(l.group(1));
            }
        }
        return byMetric;
    }

    static Map<String, Listed> list() {
        Map<String, Listed> listed = new LinkedHashMap<>();
        for (String line : Repo.read(LIST).lines().toList()) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            Set<String> labels = f.length > 2 ? new TreeSet<>(List.of(f[2].split(","))) : Set.of();
            if (listed.put(f[0], new Listed(f[0], f[1], labels)) != null) {
                throw new IllegalStateException(LIST + " lists " + f[0] + " twice");
            }
        }
        return listed;
    }

    /**
     * What docs/metrics.md says about the job's metrics: name (after {@code
     * flink_taskmanager_job_task_operator_}) to its labels column, from every table row that starts
     * with a ccpairs metric.
     */
    static Map<String, Set<String>> documentedCcpairsMetrics(String metricsMd) {
        Map<String, Set<String>> documented = new TreeMap<>();
        Pattern row = Pattern.compile("^\\| `(ccpairs_[a-z0-9_]+)` \\|[^|]*\\|([^|]*)\\|");
        for (String line : metricsMd.lines().toList()) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                Set<String> labels = new TreeSet<>();
                Matcher l = Pattern.compile("`([a-z_]+)`").matcher(m.group(2));
                while (l.find()) {
                    labels.add(l.group(1));
                }
                documented.put(m.group(1), labels);
            }
        }
        return documented;
    }

    /** Whether brackets, parentheses and quotes of {@code promql} balance. */
    static boolean balanced(String promql) {
        StringBuilder open = new StringBuilder();
        boolean quoted = false;
        for (char c : promql.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && "([{".indexOf(c) >= 0) {
                open.append(c);
            } else if (!quoted && ")]}".indexOf(c) >= 0) {
                if (open.isEmpty()
                        || "([{".indexOf(open.charAt(open.length() - 1)) != ")]}".indexOf(c)) {
                    return false;
                }
                open.setLength(open.length() - 1);
            }
        }
        return open.isEmpty() && !quoted;
    }

    /** GitHub's anchor of a Markdown heading. */
    static String anchor(String heading) {
        return heading.strip().toLowerCase().replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }
}
