package org.ccpairs.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What each kind of resource in k8s/ must have, per API version, for the versions ccpairs targets:
 * the fields the CRD's schema requires or constrains (enums, patterns) and the checks its operator
 * makes before it accepts a resource. Written from:
 *
 * <ul>
 *   <li>Flink Kubernetes Operator 1.13: CRD {@code flinkdeployments.flink.apache.org} v1beta1 and
 *       the operator's {@code DefaultValidator};
 *   <li>Strimzi 0.48: CRDs {@code kafka.strimzi.io} v1beta2 (Kafka, KafkaNodePool, KafkaTopic,
 *       KafkaUser, KafkaConnect, KafkaConnector) and the cluster operator's checks (KRaft only
 *       since 0.46, listener names, node-pool roles);
 *   <li>Prometheus Operator 0.8x: CRDs {@code monitoring.coreos.com} v1 (PodMonitor,
 *       PrometheusRule);
 *   <li>Kubernetes 1.30 API validation for the built-in kinds used.
 * </ul>
 *
 * A resource of a kind or API version not in this table fails the check: a new kind needs its rules
 * written here first.
 */
final class ResourceRules {
    /**
     * One rule set: required paths ({@code a.b[].c}: every element), allowed values, extra checks.
     */
    record Rule(
            List<String> required,
            Map<String, Set<String>> allowed,
            BiConsumer<Map<String, Object>, List<String>> extra) {}

    static final Map<String, Rule> RULES = new LinkedHashMap<>();

    private static final Set<String> ACL_OPERATIONS =
            Set.of(
                    "Read",
                    "Write",
                    "Create",
                    "Delete",
                    "Alter",
                    "Describe",
                    "ClusterAction",
                    "AlterConfigs",
                    "DescribeConfigs",
                    "IdempotentWrite",
                    "All");

    static {
        // ---- Flink Kubernetes Operator 1.13
        rule(
                "flink.apache.org/v1beta1",
                "FlinkDeployment",
                List.of(
                        "spec.image",
                        "spec.flinkVersion",
                        "spec.serviceAccount",
                        "spec.jobManager.resource.memory",
                        "spec.jobManager.resource.cpu",
                        "spec.taskManager.resource.memory",
                        "spec.taskManager.resource.cpu",
                        "spec.job.jarURI",
                        "spec.job.upgradeMode",
                        "spec.job.parallelism"),
                Map.of(
                        "spec.flinkVersion",
                        Set.of("v1_16", "v1_17", "v1_18", "v1_19", "v1_20", "v2_0", "v2_1"),
                        "spec.mode",
                        Set.of("native", "standalone"),
                        "spec.job.upgradeMode",
                        Set.of("stateless", "savepoint", "last-state"),
                        "spec.job.state",
                        Set.of("running", "suspended")),
                ResourceRules::flinkValidator);
        // ---- Strimzi 0.48
        String strimzi = "kafka.strimzi.io/v1beta2";
        rule(
                strimzi,
                "Kafka",
                List.of(
                        "spec.kafka.listeners",
                        "spec.kafka.listeners[].name",
                        "spec.kafka.listeners[].port",
                        "spec.kafka.listeners[].type",
                        "spec.kafka.listeners[].tls"),
                Map.of(
                        "spec.kafka.listeners[].type",
                        Set.of(
                                "internal",
                                "route",
                                "loadbalancer",
                                "nodeport",
                                "ingress",
                                "cluster-ip"),
                        "spec.kafka.listeners[].authentication.type",
                        Set.of("tls", "scram-sha-512", "oauth", "custom"),
                        "spec.kafka.authorization.type",
                        Set.of("simple", "opa", "keycloak", "custom")),
                (r, errors) -> {
                    if (Yaml.at(r, "spec.zookeeper").isPresent()) {
                        errors.add(
                                "spec.zookeeper: ZooKeeper is gone since Strimzi 0.46, use KRaft");
                    }
                    for (Object l : Yaml.list(r, "spec.kafka.listeners")) {
                        String name = Yaml.string(l, "name");
                        if (name != null && !name.matches("[a-z0-9]{1,11}")) {
                            errors.add("listener name '" + name + "' must match [a-z0-9]{1,11}");
                        }
                        int port = Integer.parseInt(String.valueOf(Yaml.string(l, "port")));
                        if (port < 9092 || port == 9404 || port == 9999) {
                            errors.add("listener port " + port + " is reserved or below 9092");
                        }
                    }
                });
        rule(
                strimzi,
                "KafkaNodePool",
                List.of(
                        "metadata.labels.strimzi.io/cluster",
                        "spec.replicas",
                        "spec.roles",
                        "spec.storage.type"),
                Map.of(
                        "spec.roles[]",
                        Set.of("controller", "broker"),
                        "spec.storage.type",
                        Set.of("jbod", "persistent-claim", "ephemeral"),
                        "spec.storage.volumes[].type",
                        Set.of("persistent-claim", "ephemeral")),
                (r, errors) -> {
                    if ("jbod".equals(Yaml.string(r, "spec.storage.type"))) {
                        requirePaths(
                                r,
                                List.of("spec.storage.volumes[].id", "spec.storage.volumes[].type"),
                                errors);
                    }
                });
        rule(
                strimzi,
                "KafkaTopic",
                // not required by the CRD (the broker's defaults would apply): required here so
                // that
                // every topic's shape is chosen, not inherited
                List.of("metadata.labels.strimzi.io/cluster", "spec.partitions", "spec.replicas"),
                Map.of(),
                (r, errors) -> {
                    positive(r, "spec.partitions", errors);
                    positive(r, "spec.replicas", errors);
                });
        rule(
                strimzi,
                "KafkaUser",
                List.of(
                        "metadata.labels.strimzi.io/cluster",
                        "spec.authentication.type",
                        "spec.authorization.type",
                        "spec.authorization.acls[].resource.type",
                        "spec.authorization.acls[].operations"),
                Map.of(
                        "spec.authentication.type",
                        Set.of("tls", "tls-external", "scram-sha-512"),
                        "spec.authorization.type",
                        Set.of("simple"),
                        "spec.authorization.acls[].resource.type",
                        Set.of("topic", "group", "cluster", "transactionalId"),
                        "spec.authorization.acls[].resource.patternType",
                        Set.of("literal", "prefix"),
                        "spec.authorization.acls[].operations[]",
                        ACL_OPERATIONS),
                (r, errors) -> {
                    for (Object acl : Yaml.list(r, "spec.authorization.acls")) {
                        if (!"cluster".equals(Yaml.string(acl, "resource.type"))
                                && Yaml.string(acl, "resource.name") == null) {
                            errors.add(
                                    "an ACL on a "
                                            + Yaml.string(acl, "resource.type")
                                            + " needs a name");
                        }
                    }
                });
        rule(
                strimzi,
                "KafkaConnect",
                List.of("spec.bootstrapServers", "spec.replicas"),
                Map.of(
                        "spec.authentication.type",
                        Set.of("tls", "scram-sha-256", "scram-sha-512", "plain", "oauth", "custom"),
                        "spec.build.output.type",
                        Set.of("docker", "imagestream"),
                        "spec.build.plugins[].artifacts[].type",
                        Set.of("jar", "tgz", "zip", "maven", "other"),
                        "spec.metricsConfig.type",
                        Set.of("jmxPrometheusExporter", "strimziMetricsReporter")),
                (r, errors) -> {
                    if (Yaml.at(r, "spec.build").isPresent()) {
                        requirePaths(
                                r,
                                List.of(
                                        "spec.build.output.image",
                                        "spec.build.plugins[].name",
                                        "spec.build.plugins[].artifacts"),
                                errors);
                    }
                    if (Yaml.string(r, "spec.authentication.type") != null
                            && Yaml.string(r, "spec.authentication.type").startsWith("scram")) {
                        requirePaths(
                                r,
                                List.of(
                                        "spec.authentication.username",
                                        "spec.authentication.passwordSecret.secretName",
                                        "spec.authentication.passwordSecret.password"),
                                errors);
                    }
                    for (Object plugin : Yaml.list(r, "spec.build.plugins")) {
                        for (Object a : Yaml.list(plugin, "artifacts")) {
                            if ("maven".equals(Yaml.string(a, "type"))) {
                                requirePaths(a, List.of("group", "artifact", "version"), errors);
                            } else {
                                requirePaths(a, List.of("url"), errors);
                            }
                        }
                    }
                    for (Object c : Yaml.list(r, "spec.tls.trustedCertificates")) {
                        if (Yaml.string(c, "secretName") == null
                                || (Yaml.string(c, "certificate") == null
                                        && Yaml.string(c, "pattern") == null)) {
                            errors.add(
                                    "trustedCertificates need secretName and certificate or"
                                            + " pattern");
                        }
                    }
                });
        rule(
                strimzi,
                "KafkaConnector",
                List.of("metadata.labels.strimzi.io/cluster", "spec.class", "spec.tasksMax"),
                Map.of("spec.state", Set.of("running", "paused", "stopped")),
                (r, errors) -> positive(r, "spec.tasksMax", errors));
        // ---- Prometheus Operator
        rule(
                "monitoring.coreos.com/v1",
                "PodMonitor",
                List.of(
                        "spec.selector",
                        "spec.podMetricsEndpoints",
                        "spec.podMetricsEndpoints[].port"),
                Map.of(),
                (r, errors) -> {});
        rule(
                "monitoring.coreos.com/v1",
                "PrometheusRule",
                List.of(
                        "spec.groups",
                        "spec.groups[].name",
                        "spec.groups[].rules",
                        "spec.groups[].rules[].expr"),
                Map.of(),
                (r, errors) -> {
                    for (Object g : Yaml.list(r, "spec.groups")) {
                        for (Object rule : Yaml.list(g, "rules")) {
                            boolean alert = Yaml.string(rule, "alert") != null;
                            boolean record = Yaml.string(rule, "record") != null;
                            if (alert == record) {
                                errors.add("a rule needs exactly one of alert and record: " + rule);
                            }
                        }
                    }
                });
        // ---- Kubernetes
        rule(
                "apps/v1",
                "Deployment",
                List.of(
                        "spec.selector.matchLabels",
                        "spec.template.metadata.labels",
                        "spec.template.spec.containers",
                        "spec.template.spec.containers[].name",
                        "spec.template.spec.containers[].image"),
                Map.of(),
                (r, errors) -> {
                    Map<String, Object> selector = Yaml.map(r, "spec.selector.matchLabels");
                    Map<String, Object> labels = Yaml.map(r, "spec.template.metadata.labels");
                    selector.forEach(
                            (k, v) -> {
                                if (!v.equals(labels.get(k))) {
                                    errors.add(
                                            "selector "
                                                    + k
                                                    + "="
                                                    + v
                                                    + " does not match the pod template's labels");
                                }
                            });
                });
        rule("v1", "Service", List.of("spec.ports", "spec.ports[].port"), Map.of(), (r, e) -> {});
        rule("v1", "ConfigMap", List.of(), Map.of(), (r, e) -> {});
        rule("v1", "Namespace", List.of(), Map.of(), (r, e) -> {});
        rule("v1", "ServiceAccount", List.of(), Map.of(), (r, e) -> {});
        rule(
                "rbac.authorization.k8s.io/v1",
                "Role",
                List.of("rules[].verbs", "rules[].resources"),
                Map.of(),
                (r, e) -> {});
        rule(
                "rbac.authorization.k8s.io/v1",
                "RoleBinding",
                List.of(
                        "roleRef.apiGroup",
                        "roleRef.kind",
                        "roleRef.name",
                        "subjects[].kind",
                        "subjects[].name"),
                Map.of("roleRef.kind", Set.of("Role", "ClusterRole")),
                (r, e) -> {});
        rule(
                "networking.k8s.io/v1",
                "NetworkPolicy",
                List.of("spec.podSelector"),
                Map.of("spec.policyTypes[]", Set.of("Ingress", "Egress")),
                (r, e) -> {});
        rule(
                "policy/v1",
                "PodDisruptionBudget",
                List.of("spec.selector"),
                Map.of(),
                (r, errors) -> {
                    if (Yaml.at(r, "spec.minAvailable").isEmpty()
                            && Yaml.at(r, "spec.maxUnavailable").isEmpty()) {
                        errors.add("spec needs minAvailable or maxUnavailable");
                    }
                });
    }

    private ResourceRules() {}

    private static void rule(
            String apiVersion,
            String kind,
            List<String> required,
            Map<String, Set<String>> allowed,
            BiConsumer<Map<String, Object>, List<String>> extra) {
        RULES.put(apiVersion + " " + kind, new Rule(required, allowed, extra));
    }

    /** What is wrong with {@code resource}; empty when nothing is. */
    static List<String> check(Map<String, Object> resource) {
        List<String> errors = new ArrayList<>();
        Rule rule = RULES.get(resource.get("apiVersion") + " " + resource.get("kind"));
        if (rule == null) {
            errors.add(
                    "no rules for "
                            + resource.get("apiVersion")
                            + " "
                            + resource.get("kind")
                            + " (ResourceRules): an unsupported API version, or a kind to add");
            return errors;
        }
        String name = Yaml.string(resource, "metadata.name");
        if (name == null || !name.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
            errors.add("metadata.name '" + name + "' is not a DNS subdomain name");
        }
        requirePaths(resource, rule.required(), errors);
        rule.allowed()
                .forEach(
                        (path, values) -> {
                            for (Object v : values(resource, path)) {
                                if (v != null && !values.contains(String.valueOf(v))) {
                                    errors.add(path + ": '" + v + "' is not one of " + values);
                                }
                            }
                        });
        rule.extra().accept(resource, errors);
        return errors;
    }

    private static void requirePaths(Object root, List<String> paths, List<String> errors) {
        for (String path : paths) {
            List<Object> found = values(root, path);
            if (found.isEmpty() || found.contains(null)) {
                errors.add(path + " is required");
            }
        }
    }

    /**
     * The values at {@code path}, where {@code []} expands a list; null for a missing value. Label
     * keys with dots (strimzi.io/cluster) are matched as one step after {@code labels}.
     */
    static List<Object> values(Object root, String path) {
        List<Object> nodes = new ArrayList<>();
        nodes.add(root);
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            if (i > 0 && steps[i - 1].equals("labels")) {
                step = String.join(".", java.util.Arrays.copyOfRange(steps, i, steps.length));
                i = steps.length;
            }
            boolean expand = step.endsWith("[]");
            String key = expand ? step.substring(0, step.length() - 2) : step;
            List<Object> next = new ArrayList<>();
            for (Object n : nodes) {
                Object v = n instanceof Map<?, ?> m ? m.get(key) : null;
                if (expand && v instanceof List<?> l) {
                    next.addAll(l);
                } else if (!expand) {
                    next.add(v);
                } else {
                    next.add(null);
                }
            }
            nodes = next;
        }
        return nodes;
    }

    private static void positive(Map<String, Object> r, String path, List<String> errors) {
        Object v = Yaml.at(r, path).orElse(null);
        if (!(v instanceof Integer i) || i < 1) {
            errors.add(path + " must be a positive integer, is " + v);
        }
    }

    /** The operator's DefaultValidator checks that apply to ccpairs' deployment. */
    private static void flinkValidator(Map<String, Object> r, List<String> errors) {
        Map<String, Object> conf = Yaml.map(r, "spec.flinkConfiguration");
        String mode = Yaml.string(r, "spec.job.upgradeMode");
        boolean ha = conf.get("high-availability.type") != null;
        if (("savepoint".equals(mode) || "last-state".equals(mode))
                && conf.get("execution.checkpointing.dir") == null) {
            errors.add("upgradeMode " + mode + " needs execution.checkpointing.dir");
        }
        if (("savepoint".equals(mode)
                        || conf.containsKey("kubernetes.operator.periodic.savepoint.interval"))
                && conf.get("execution.checkpointing.savepoint-dir") == null) {
            errors.add("savepoints need execution.checkpointing.savepoint-dir");
        }
        if ("last-state".equals(mode) && !ha) {
            errors.add("upgradeMode last-state needs high availability");
        }
        Object jmReplicas = Yaml.at(r, "spec.jobManager.replicas").orElse(1);
        if (jmReplicas instanceof Integer n && n > 1 && !ha) {
            errors.add("standby JobManagers (replicas " + n + ") need high availability");
        }
        String jar = Yaml.string(r, "spec.job.jarURI");
        if (jar != null && !jar.matches("(local|https?|s3|file)://.+\\.jar")) {
            errors.add("spec.job.jarURI '" + jar + "' is not a jar URI");
        }
        if (Yaml.at(r, "spec.job.parallelism").orElse(0) instanceof Integer p && p < 1) {
            errors.add("spec.job.parallelism must be positive");
        }
        for (Map.Entry<String, Object> e : conf.entrySet()) {
            if (!(e.getValue() instanceof String)) {
                // flinkConfiguration is map<string, string> in the CRD: 3 must be written "3"
                errors.add(
                        "flinkConfiguration."
                                + e.getKey()
                                + " must be a string, is "
                                + e.getValue());
            }
        }
    }
}
