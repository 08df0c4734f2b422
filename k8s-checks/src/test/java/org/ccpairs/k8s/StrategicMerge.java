package org.ccpairs.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kustomize's strategic merge of a patch into a resource: maps merge key by key, a null value
 * removes the key, lists of maps merge element by element on an associative key, other lists are
 * replaced. Kubernetes' own kinds use the merge keys of their schema for the lists k8s/ patches;
 * other kinds (custom resources, which have no schema in Kustomize) use kyaml's fallback keys, the
 * first of {@code mountPath, devicePath, ip, type, topologyKey, name, containerPort} that every
 * element has. Merged lists hold the patch's elements first, then the rest, as kyaml orders them.
 */
final class StrategicMerge {
    private static final List<String> FALLBACK_KEYS =
            List.of(
                    "mountPath",
                    "devicePath",
                    "ip",
                    "type",
                    "topologyKey",
                    "name",
                    "containerPort");

    /** Merge keys of the built-in lists (from the Kubernetes OpenAPI schema). */
    private static final Map<String, String> BUILT_IN_KEYS =
            Map.of(
                    "containers", "name",
                    "initContainers", "name",
                    "env", "name",
                    "volumes", "name",
                    "volumeMounts", "mountPath",
                    "ports", "containerPort",
                    "imagePullSecrets", "name");

    private StrategicMerge() {}

    static void merge(Map<String, Object> target, Map<String, Object> patch, boolean builtIn) {
        mergeMap(target, patch, builtIn);
    }

    @SuppressWarnings("unchecked")
    private static void mergeMap(
            Map<String, Object> target, Map<String, Object> patch, boolean builtIn) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            Object current = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> && current instanceof Map<?, ?>) {
                mergeMap((Map<String, Object>) current, (Map<String, Object>) value, builtIn);
            } else if (value instanceof List<?> list && current instanceof List<?> old) {
                target.put(key, mergeList(key, (List<Object>) old, (List<Object>) list, builtIn));
            } else {
                target.put(key, Yaml.deepCopy(value));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mergeList(
            String field, List<Object> old, List<Object> patch, boolean builtIn) {
        Optional<String> key =
                builtIn && BUILT_IN_KEYS.containsKey(field)
                        ? Optional.of(BUILT_IN_KEYS.get(field))
                        : associativeKey(old, patch);
        if (key.isEmpty()) {
            return (List<Object>) Yaml.deepCopy(patch);
        }
        String k = key.get();
        List<Object> merged = new ArrayList<>();
        List<Object> rest = new ArrayList<>(old);
        for (Object p : patch) {
            Object id = ((Map<String, Object>) p).get(k);
            Object match =
                    rest.stream()
                            .filter(o -> id != null && id.equals(((Map<String, Object>) o).get(k)))
                            .findFirst()
                            .orElse(null);
            if (match == null) {
                merged.add(Yaml.deepCopy(p));
            } else {
                rest.remove(match);
                mergeMap((Map<String, Object>) match, (Map<String, Object>) p, builtIn);
                merged.add(match);
            }
        }
        merged.addAll(rest);
        return merged;
    }

    private static Optional<String> associativeKey(List<Object> a, List<Object> b) {
        List<Object> all = new ArrayList<>(a);
        all.addAll(b);
        if (all.isEmpty() || !all.stream().allMatch(Map.class::isInstance)) {
            return Optional.empty();
        }
        return FALLBACK_KEYS.stream()
                .filter(k -> all.stream().allMatch(e -> ((Map<?, ?>) e).containsKey(k)))
                .findFirst();
    }
}
