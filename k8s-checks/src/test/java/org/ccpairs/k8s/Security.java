package org.ccpairs.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The security rules of k8s/: pods run as non-root without privilege escalation and with every
 * capability dropped, root filesystems are read-only except where an image must write into its own
 * tree (the Flink image: listed with the reason), no Secret carries data in the manifests, and
 * anything that looks like a credential comes from a Secret, never a literal.
 */
final class Security {
    /** Containers allowed a writable root filesystem, with the reason in the manifest. */
    private static final List<String> WRITABLE_ROOT =
            List.of("FlinkDeployment/flink-main-container");

    private static final Pattern CREDENTIAL =
            Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|JAAS|ACCESS_KEY|CREDENTIAL).*");

    private Security() {}

    static List<String> problems(Map<String, Object> r) {
        List<String> problems = new ArrayList<>();
        String kind = String.valueOf(r.get("kind"));
        String id = Yaml.id(r);
        switch (kind) {
            case "Deployment" -> pod(id, kind, Yaml.map(r, "spec.template.spec"), problems);
            case "FlinkDeployment" -> {
                pod(id, kind, Yaml.map(r, "spec.podTemplate.spec"), problems);
                Yaml.map(r, "spec.flinkConfiguration")
                        .forEach(
                                (k, v) -> {
                                    String s = String.valueOf(v);
                                    if (s.matches(
                                            "(?is).*(password|secret)\\s*[=:]\\s*['\"]?[^'\"$\\s{]+.*")) {
                                        problems.add(id + ": " + k + " holds a credential literal");
                                    }
                                });
            }
            case "KafkaConnect" -> {
                if (!Boolean.TRUE.equals(
                        Yaml.at(r, "spec.template.pod.securityContext.runAsNonRoot")
                                .orElse(null))) {
                    problems.add(id + ": template.pod.securityContext.runAsNonRoot must be true");
                }
                container(
                        id,
                        kind,
                        Yaml.map(r, "spec.template.connectContainer.securityContext"),
                        problems,
                        false);
            }
            case "KafkaConnector" ->
                    Yaml.map(r, "spec.config")
                            .forEach(
                                    (k, v) -> {
                                        if (CREDENTIAL.matcher(k).matches()
                                                && !String.valueOf(v).startsWith("${")) {
                                            problems.add(
                                                    id
                                                            + ": "
                                                            + k
                                                            + " is a literal; use a config"
                                                            + " provider");
                                        }
                                    });
            case "Secret" -> {
                if (r.containsKey("data") || r.containsKey("stringData")) {
                    problems.add(
                            id + ": Secrets are created out of band, never committed with data");
                }
            }
            default -> {}
        }
        return problems;
    }

    private static void pod(
            String id, String kind, Map<String, Object> spec, List<String> problems) {
        if (!Boolean.TRUE.equals(Yaml.at(spec, "securityContext.runAsNonRoot").orElse(null))) {
            problems.add(id + ": securityContext.runAsNonRoot must be true");
        }
        for (Object c : Yaml.list(spec, "containers")) {
            Map<String, Object> container = K8sManifestsTest.cast(c);
            String name = kind + "/" + container.get("name");
            container(
                    id + " " + container.get("name"),
                    kind,
                    Yaml.map(container, "securityContext"),
                    problems,
                    WRITABLE_ROOT.contains(name));
            for (Object e : Yaml.list(container, "env")) {
                String env = Yaml.string(e, "name");
                if (CREDENTIAL.matcher(env).matches() && Yaml.at(e, "value").isPresent()) {
                    problems.add(id + ": env " + env + " is a literal; take it from a Secret");
                }
            }
        }
    }

    private static void container(
            String id,
            String kind,
            Map<String, Object> sc,
            List<String> problems,
            boolean writableRoot) {
        if (!Boolean.FALSE.equals(sc.get("allowPrivilegeEscalation"))) {
            problems.add(id + ": allowPrivilegeEscalation must be false");
        }
        if (!Yaml.list(sc, "capabilities.drop").contains("ALL")) {
            problems.add(id + ": capabilities must drop ALL");
        }
        if (!writableRoot && !Boolean.TRUE.equals(sc.get("readOnlyRootFilesystem"))) {
            problems.add(id + ": readOnlyRootFilesystem must be true");
        }
    }
}
