package org.ccpairs.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The dashboards and alerts use only documented metrics, with labels those metrics have, and
 * exactly the metrics of {@code k8s/base/monitoring/metrics.txt}, the list MonitoringMetricsITCase
 * (flink-jobs) checks against a running job. Every alert links to its section of
 * docs/operations.md.
 */
class MonitoringConfigTest {
    private static final String OPERATOR_PREFIX = "flink_taskmanager_job_task_operator_";
    private static final String METRICS_MD = Repo.read(Repo.ROOT.resolve("docs/metrics.md"));

    @Test
    void theListNamesExactlyTheMetricsOfTheDashboardsAndAlerts() {
        Set<String> used = new TreeSet<>();
        for (Monitoring.Expr e : Monitoring.expressions()) {
            used.addAll(Monitoring.metrics(e.promql()));
        }
        assertThat(used).hasSizeGreaterThan(40);
        assertThat(Monitoring.list().keySet()).containsExactlyInAnyOrderElementsOf(used);
    }

    @Test
    void everyExpressionIsBalancedAndUsesAMetric() {
        List<Monitoring.Expr> exprs = Monitoring.expressions();
        assertThat(exprs).hasSizeGreaterThan(60);
        assertThat(exprs)
                .allSatisfy(
                        e -> {
                            assertThat(Monitoring.balanced(e.promql())).as(e.where()).isTrue();
                            assertThat(Monitoring.metrics(e.promql())).as(e.where()).isNotEmpty();
                        });
    }

    @Test
    void everyMetricUsedIsDocumented() {
        Map<String, Set<String>> documented = Monitoring.documentedCcpairsMetrics(METRICS_MD);
        List<String> undocumented = new ArrayList<>();
        for (Monitoring.Listed m : Monitoring.list().values()) {
            boolean ok =
                    m.name().startsWith(OPERATOR_PREFIX + "ccpairs_")
                            ? documented.containsKey(m.name().substring(OPERATOR_PREFIX.length()))
                            : METRICS_MD.contains("`" + m.name() + "`");
            if (!ok) {
                undocumented.add(m.name());
            }
        }
        assertThat(undocumented)
                .as("used by dashboards or alerts, not in docs/metrics.md")
                .isEmpty();
    }

    @Test
    void theListedLabelsIncludeTheDocumentedOnesAndCoverWhatExpressionsUse() {
        Map<String, Set<String>> documented = Monitoring.documentedCcpairsMetrics(METRICS_MD);
        Map<String, Monitoring.Listed> listed = Monitoring.list();
        for (Monitoring.Listed m : listed.values()) {
            if (m.name().startsWith(OPERATOR_PREFIX + "ccpairs_")) {
                assertThat(m.labels())
                        .as("labels of %s in metrics.txt", m.name())
                        .containsAll(documented.get(m.name().substring(OPERATOR_PREFIX.length())));
            }
        }
        List<String> problems = new ArrayList<>();
        for (Monitoring.Expr e : Monitoring.expressions()) {
            Monitoring.labels(e.promql())
                    .forEach(
                            (metric, labels) -> {
                                Set<String> allowed = new HashSet<>(Monitoring.TARGET_LABELS);
                                if (listed.containsKey(metric)) {
                                    allowed.addAll(listed.get(metric).labels());
                                }
                                for (String l : labels) {
                                    if (!allowed.contains(l)) {
                                        problems.add(
                                                e.where()
                                                        + ": "
                                                        + metric
                                                        + " has no label "
                                                        + l
                                                        + " in metrics.txt");
                                    }
                                }
                            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theLinkCheckMetricsAreTheStagesOwnNames() throws Exception {
        Path linkcheck = Repo.ROOT.resolve("flink-jobs/src/main/java/org/ccpairs/jobs/linkcheck");
        assertThat(linkcheck).isDirectory();
        StringBuilder source = new StringBuilder();
        try (var files = Files.walk(linkcheck.getParent())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                source.append(Files.readString(f));
            }
        }
        for (Monitoring.Listed m : Monitoring.list().values()) {
            if (m.source().equals("linkcheck")) {
                // ccpairs_reason_<name> / ccpairs_stage_reason_<name>: the counter's own name
                String name =
                        m.name()
                                .substring((OPERATOR_PREFIX + "ccpairs_").length())
                                .replaceFirst("^(stage_)?reason_", "");
                assertThat(source.toString()).as(m.name()).contains("\"" + name + "\"");
            }
        }
    }

    @Test
    void theConnectWorkerExportsTheAnnouncerUnderItsDocumentedNames() {
        Map<String, Object> cm =
                Yaml.documents(Repo.K8S.resolve("base/kafka/connect-metrics.yaml")).get(0);
        Object config = Yaml.value(String.valueOf(Yaml.map(cm, "data").get("metrics-config.yml")));
        Set<String> announcerSection =
                Pattern.compile("`(ccpairs_announcer_[a-z_]+)`")
                        .matcher(METRICS_MD.substring(METRICS_MD.indexOf("## The announcer")))
                        .results()
                        .map(r -> r.group(1))
                        .collect(Collectors.toSet());
        Set<String> exported = new TreeSet<>();
        for (Object rule : Yaml.list(config, "rules")) {
            String name = Yaml.string(rule, "name");
            if (name.startsWith("ccpairs_")) {
                exported.add(name);
                assertThat(Pattern.compile(Yaml.string(rule, "pattern"))).isNotNull();
            }
        }
        // every documented announcer metric, under its documented name
        assertThat(exported).containsExactlyInAnyOrderElementsOf(announcerSection);
        for (Monitoring.Listed m : Monitoring.list().values()) {
            if (m.source().equals("announcer")) {
                assertThat(exported).contains(m.name());
            }
        }
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookSection() {
        Set<String> anchors = new HashSet<>();
        Matcher heading =
                Pattern.compile("(?m)^#{1,4} (.+)$")
                        .matcher(Repo.read(Repo.ROOT.resolve("docs/operations.md")));
        while (heading.find()) {
            anchors.add(Monitoring.anchor(heading.group(1)));
        }
        List<Object> rules = new ArrayList<>();
        for (Object group : Yaml.list(Yaml.documents(Monitoring.ALERTS).get(0), "spec.groups")) {
            rules.addAll(Yaml.list(group, "rules"));
        }
        assertThat(rules).hasSizeGreaterThanOrEqualTo(9);
        for (Object rule : rules) {
            String alert = Yaml.string(rule, "alert");
            assertThat(Yaml.string(rule, "labels.severity")).as(alert).isIn("warning", "critical");
            assertThat(Yaml.string(rule, "annotations.summary")).as(alert).isNotBlank();
            String runbook = Yaml.string(rule, "annotations.runbook_url");
            assertThat(runbook)
                    .as(alert)
                    .startsWith("https://github.com/ccpairs/ccpairs/blob/main/docs/operations.md#");
            String anchor = runbook.substring(runbook.indexOf('#') + 1);
            assertThat(anchor).as(alert).isEqualTo(alert.toLowerCase());
            assertThat(anchors).as("docs/operations.md has a section %s", alert).contains(anchor);
        }
    }

    @Test
    void dashboardsAreWellFormedForGrafana() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Set<String> uids = new HashSet<>();
        for (Path file : Repo.files(".json")) {
            JsonNode d = json.readTree(file.toFile());
            assertThat(uids.add(d.path("uid").asText())).as("unique uid in %s", file).isTrue();
            assertThat(d.path("title").asText()).startsWith("ccpairs: ");
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : d.path("panels")) {
                assertThat(ids.add(p.path("id").asInt()))
                        .as("unique panel id in %s", file)
                        .isTrue();
                assertThat(p.path("gridPos").path("w").asInt()).isBetween(1, 24);
                if (!p.path("type").asText().equals("row")) {
                    assertThat(p.path("datasource").path("uid").asText())
                            .isEqualTo("${datasource}");
                    assertThat(p.path("targets")).isNotEmpty();
                }
            }
        }
        assertThat(uids)
                .containsExactlyInAnyOrder(
                        "ccpairs-overview", "ccpairs-stages", "ccpairs-linkcheck");
    }

    @Test
    void theExtractionSeesNamesAndLabels() {
        String promql =
                "sum by (stage, reason)"
                    + " (rate(flink_taskmanager_job_task_operator_ccpairs_stage_reason_dead_letters{job_name=\"x\"}[5m]))"
                    + " / ignoring(reason) ccpairs_announcer_polls_total";
        assertThat(Monitoring.metrics(promql))
                .containsExactlyInAnyOrder(
                        "flink_taskmanager_job_task_operator_ccpairs_stage_reason_dead_letters",
                        "ccpairs_announcer_polls_total");
        assertThat(
                        Monitoring.labels(promql)
                                .get(
                                        "flink_taskmanager_job_task_operator_ccpairs_stage_reason_dead_letters"))
                .containsExactlyInAnyOrder("stage", "reason", "job_name");
        assertThat(Monitoring.balanced("sum(rate(x[5m])")).isFalse();
        assertThat(Monitoring.anchor("CcpairsNoNewVersion")).isEqualTo("ccpairsnonewversion");
        assertThat(Monitoring.anchor("Upgrade with a savepoint"))
                .isEqualTo("upgrade-with-a-savepoint");
    }
}
