package org.ccpairs.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The test renderer does what Kustomize does, on small cases and, where kubectl exists, on k8s/.
 */
class KustomizeTest {
    static final List<String> OVERLAYS = Repo.OVERLAYS;

    @TempDir Path dir;

    @Test
    void mergesPatchesNamespacesAndLabelsLikeKustomize() throws IOException {
        write(
                "base/kustomization.yaml",
                """
                resources: [app.yaml]
                labels:
                  - pairs: {team: data}
                configMapGenerator:
                  - name: files
                    files: [a.json]
                    options: {disableNameSuffixHash: true, labels: {kind: dash}}
                """);
        write("base/a.json", "{\"x\": 1}\n");
        write(
                "base/app.yaml",
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  template:
                    spec:
                      containers:
                        - name: main
                          image: app:1
                          env: [{name: A, value: "1"}, {name: B, value: "2"}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: rb}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
                subjects: [{kind: ServiceAccount, name: sa}]
                """);
        write(
                "overlay/kustomization.yaml",
                """
                namespace: prod
                resources: [../base]
                patches:
                  - path: app.yaml
                  - target: {kind: Deployment}
                    patch: |-
                      - op: add
                        path: /metadata/annotations
                        value: {patched: "yes"}
                """);
        write(
                "overlay/app.yaml",
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  replicas: 3
                  template:
                    spec:
                      containers:
                        - name: main
                          env: [{name: B, value: "two"}, {name: C, value: "3"}]
                """);
        List<Map<String, Object>> out = Kustomize.build(dir.resolve("overlay"));
        Map<String, Object> app = Repo.one(out, "Deployment", "app");
        assertThat(Yaml.string(app, "metadata.namespace")).isEqualTo("prod");
        assertThat(Yaml.map(app, "metadata.labels")).containsEntry("team", "data");
        assertThat(Yaml.string(app, "metadata.annotations.patched")).isEqualTo("yes");
        assertThat(Yaml.at(app, "spec.replicas")).contains(3);
        assertThat(Yaml.list(app, "spec.template.spec.containers.0.env"))
                .containsExactly(
                        Map.of("name", "B", "value", "two"),
                        Map.of("name", "C", "value", "3"),
                        Map.of("name", "A", "value", "1"));
        assertThat(Yaml.string(app, "spec.template.spec.containers.0.image")).isEqualTo("app:1");
        assertThat(Yaml.string(Repo.one(out, "RoleBinding", "rb"), "subjects.0.namespace"))
                .isEqualTo("prod");
        Map<String, Object> cm = Repo.one(out, "ConfigMap", "files");
        assertThat(Yaml.map(cm, "data")).containsEntry("a.json", "{\"x\": 1}\n");
        assertThat(Yaml.map(cm, "metadata.labels"))
                .containsEntry("kind", "dash")
                .containsEntry("team", "data");
        assertThat(Yaml.string(cm, "metadata.namespace")).isEqualTo("prod");
    }

    @Test
    void refusesWhatItDoesNotImplement() throws IOException {
        write("a/kustomization.yaml", "resources: []\nnamePrefix: x-\n");
        assertThatThrownBy(() -> Kustomize.build(dir.resolve("a")))
                .hasMessageContaining("'namePrefix' is not supported");
        write("b/kustomization.yaml", "configMapGenerator:\n  - name: c\n    literals: [a=b]\n");
        assertThatThrownBy(() -> Kustomize.build(dir.resolve("b")))
                .hasMessageContaining("disableNameSuffixHash");
        write("c/kustomization.yaml", "resources: [d.yaml]\npatches:\n  - path: p.yaml\n");
        write("c/d.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\n");
        write("c/p.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: e}\ndata: {a: b}\n");
        assertThatThrownBy(() -> Kustomize.build(dir.resolve("c")))
                .hasMessageContaining("patch matches no resource");
    }

    /**
     * Where kubectl (with its built-in Kustomize) is installed, the test renderer and kubectl agree
     * on every overlay of k8s/. CI machines without kubectl skip this; the renderer's own tests
     * above still run.
     */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void agreesWithKubectlKustomize(String overlay) throws Exception {
        Optional<String> kubectl = onPath("kubectl");
        assumeTrue(kubectl.isPresent(), "kubectl is not installed");
        Process p =
                new ProcessBuilder(kubectl.get(), "kustomize", Repo.overlay(overlay).toString())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        Map<String, Object> theirs = byId(Yaml.documents(output, "kubectl kustomize"));
        Map<String, Object> ours = byId(Repo.render(overlay));
        assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(theirs.keySet());
        for (String id : theirs.keySet()) {
            assertThat(ours.get(id)).as(id).isEqualTo(theirs.get(id));
        }
    }

    private static Map<String, Object> byId(List<Map<String, Object>> resources) {
        Map<String, Object> byId = new TreeMap<>();
        resources.forEach(r -> byId.put(Yaml.id(r), normalize(r)));
        return byId;
    }

    /**
     * Lists of maps sorted by their associative key, numbers and booleans as kubectl prints them.
     */
    @SuppressWarnings("unchecked")
    private static Object normalize(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(normalize(v)));
            for (String key : List.of("name", "mountPath", "containerPort")) {
                if (!out.isEmpty()
                        && out.stream()
                                .allMatch(e -> e instanceof Map<?, ?> em && em.containsKey(key))) {
                    out.sort(
                            Comparator.comparing(
                                    e -> String.valueOf(((Map<String, Object>) e).get(key))));
                    break;
                }
            }
            return out;
        }
        return value;
    }

    private static Optional<String> onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
