package org.ccpairs.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders a Kustomize directory the way {@code kustomize build} (v5) does, for the subset of
 * Kustomize that k8s/ uses, so that the overlays can be checked on machines without kustomize or
 * kubectl (neither is in Debian's or npm's registry; kubectl's own repository is not reachable
 * here). Where kubectl is installed, {@code KustomizeTest} renders every overlay with both and
 * compares the results.
 *
 * <p>Supported: {@code resources} (files and directories), {@code namespace}, {@code labels} (pairs
 * on metadata only), {@code configMapGenerator} with {@code files}/{@code literals} and {@code
 * disableNameSuffixHash: true}, {@code patches} from a {@code path} or inline, as strategic-merge
 * or JSON 6902 patches, with or without a {@code target}. Any other field of a kustomization, and
 * patch directives ({@code $patch}), fail the rendering with a message, so that k8s/ cannot
 * silently use what this renderer does not do.
 */
final class Kustomize {
    private static final Set<String> SUPPORTED =
            Set.of(
                    "apiVersion",
                    "kind",
                    "resources",
                    "namespace",
                    "labels",
                    "configMapGenerator",
                    "patches");

    /** Kinds the namespace transformer leaves alone. */
    private static final Set<String> CLUSTER_SCOPED =
            Set.of(
                    "Namespace",
                    "ClusterRole",
                    "ClusterRoleBinding",
                    "CustomResourceDefinition",
                    "PersistentVolume",
                    "StorageClass",
                    "PriorityClass");

    private Kustomize() {}

    /**
     * The resources {@code kustomize build dir} would print (order aside).
     *
     * @throws IllegalArgumentException for anything outside the supported subset, or a patch that
     *     matches no resource
     */
    static List<Map<String, Object>> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + ": no kustomization.yaml");
        }
        Map<String, Object> k = Yaml.documents(file).get(0);
        for (String key : k.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new IllegalArgumentException(
                        file
                                + ": '"
                                + key
                                + "' is not supported by the test renderer (Kustomize.java)");
            }
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : Yaml.list(k, "resources")) {
            Path p = dir.resolve(String.valueOf(entry)).normalize();
            resources.addAll(Files.isDirectory(p) ? build(p) : Yaml.documents(p));
        }
        for (Object generator : Yaml.list(k, "configMapGenerator")) {
            resources.add(configMap(dir, generator));
        }
        for (Object patch : Yaml.list(k, "patches")) {
            applyPatch(dir, patch, resources);
        }
        String namespace = Yaml.string(k, "namespace");
        if (namespace != null) {
            resources.forEach(r -> setNamespace(r, namespace));
        }
        for (Object labels : Yaml.list(k, "labels")) {
            addLabels(labels, resources);
        }
        return resources;
    }

    private static Map<String, Object> configMap(Path dir, Object generator) {
        Map<String, Object> options = Yaml.map(generator, "options");
        if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
            // a hashed name needs every reference to the ConfigMap rewritten, which is not done
            // here
            throw new IllegalArgumentException(
                    dir + ": configMapGenerator needs options.disableNameSuffixHash: true");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (Object f : Yaml.list(generator, "files")) {
            Path file = dir.resolve(String.valueOf(f)).normalize();
            if (!file.startsWith(dir)) {
                throw new IllegalArgumentException(
                        file + " is outside " + dir + " (Kustomize's load restrictor)");
            }
            try {
                data.put(file.getFileName().toString(), Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Object literal : Yaml.list(generator, "literals")) {
            String[] kv = String.valueOf(literal).split("=", 2);
            data.put(kv[0], kv[1]);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", Yaml.string(generator, "name"));
        if (!Yaml.map(options, "labels").isEmpty()) {
            metadata.put("labels", new LinkedHashMap<>(Yaml.map(options, "labels")));
        }
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("apiVersion", "v1");
        cm.put("kind", "ConfigMap");
        cm.put("metadata", metadata);
        cm.put("data", data);
        return cm;
    }

    private static void applyPatch(Path dir, Object spec, List<Map<String, Object>> resources) {
        String text;
        try {
            String path = Yaml.string(spec, "path");
            text = path != null ? Files.readString(dir.resolve(path)) : Yaml.string(spec, "patch");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text == null) {
            throw new IllegalArgumentException(dir + ": a patch without path or patch");
        }
        if (text.contains("$patch") || text.contains("$setElementOrder")) {
            throw new IllegalArgumentException(dir + ": patch directives are not supported");
        }
        Map<String, Object> target = Yaml.map(spec, "target");
        if (text.strip().startsWith("-") && Yaml.value(text) instanceof List<?> ops) {
            if (target.isEmpty()) {
                throw new IllegalArgumentException(dir + ": a JSON 6902 patch needs a target");
            }
            int matched = 0;
            for (Map<String, Object> r : resources) {
                if (matches(target, r)) {
                    JsonPatch.apply(r, ops);
                    matched++;
                }
            }
            requireMatch(dir, spec, matched);
            return;
        }
        for (Map<String, Object> patch : Yaml.documents(text, dir + " patch")) {
            int matched = 0;
            for (Map<String, Object> r : resources) {
                if (target.isEmpty() ? samePatchTarget(patch, r) : matches(target, r)) {
                    StrategicMerge.merge(r, patch, isBuiltIn(r));
                    matched++;
                }
            }
            requireMatch(dir, spec, matched);
        }
    }

    private static void requireMatch(Path dir, Object spec, int matched) {
        if (matched == 0) {
            // kustomize fails too: a patch that matches nothing is a mistake
            throw new IllegalArgumentException(dir + ": patch matches no resource: " + spec);
        }
    }

    /** A patch without a target applies to the resource of the same group, kind and name. */
    private static boolean samePatchTarget(Map<String, Object> patch, Map<String, Object> r) {
        return group(patch).equals(group(r))
                && patch.get("kind").equals(r.get("kind"))
                && Yaml.string(patch, "metadata.name").equals(Yaml.string(r, "metadata.name"));
    }

    private static boolean matches(Map<String, Object> target, Map<String, Object> r) {
        for (Map.Entry<String, Object> t : target.entrySet()) {
            String want = String.valueOf(t.getValue());
            boolean ok =
                    switch (t.getKey()) {
                        case "group" -> group(r).equals(want);
                        case "version" -> version(r).equals(want);
                        case "kind" -> want.equals(r.get("kind"));
                        case "name" -> Pattern.matches(want, Yaml.string(r, "metadata.name"));
                        case "namespace" ->
                                Pattern.matches(
                                        want, String.valueOf(Yaml.string(r, "metadata.namespace")));
                        case "labelSelector" -> labelsMatch(want, Yaml.map(r, "metadata.labels"));
                        default ->
                                throw new IllegalArgumentException(
                                        "target field '" + t.getKey() + "' is not supported");
                    };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean labelsMatch(String selector, Map<String, Object> labels) {
        for (String term : selector.split(",")) {
            String[] kv = term.trim().split("=", 2);
            if (!kv[1].equals(String.valueOf(labels.get(kv[0])))) {
                return false;
            }
        }
        return true;
    }

    static String group(Map<String, Object> r) {
        String apiVersion = String.valueOf(r.get("apiVersion"));
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    private static String version(Map<String, Object> r) {
        String apiVersion = String.valueOf(r.get("apiVersion"));
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    /** Kubernetes' own kinds, whose lists kustomize merges by their schema's keys. */
    private static boolean isBuiltIn(Map<String, Object> r) {
        String g = group(r);
        return g.isEmpty() || !g.contains(".") || g.endsWith(".k8s.io");
    }

    @SuppressWarnings("unchecked")
    private static void setNamespace(Map<String, Object> r, String namespace) {
        if (CLUSTER_SCOPED.contains(String.valueOf(r.get("kind")))) {
            return;
        }
        ((Map<String, Object>) r.get("metadata")).put("namespace", namespace);
        if (String.valueOf(r.get("kind")).endsWith("RoleBinding")) {
            for (Object s : Yaml.list(r, "subjects")) {
                if ("ServiceAccount".equals(Yaml.string(s, "kind"))) {
                    ((Map<String, Object>) s).put("namespace", namespace);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void addLabels(Object spec, List<Map<String, Object>> resources) {
        for (String key : ((Map<String, Object>) spec).keySet()) {
            if (!key.equals("pairs")) {
                // includeSelectors/includeTemplates would touch selectors and pod templates too
                throw new IllegalArgumentException("labels." + key + " is not supported");
            }
        }
        Map<String, Object> pairs = Yaml.map(spec, "pairs");
        for (Map<String, Object> r : resources) {
            Map<String, Object> metadata = (Map<String, Object>) r.get("metadata");
            Map<String, Object> labels =
                    (Map<String, Object>)
                            metadata.computeIfAbsent("labels", x -> new LinkedHashMap<>());
            labels.putAll(pairs);
        }
    }
}
