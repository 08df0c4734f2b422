package org.ccpairs.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * YAML documents as plain maps and lists (snakeyaml-engine, YAML 1.2, the parser Flink uses), and
 * navigation by dotted paths. Duplicate keys are an error, as they are for the API server.
 */
final class Yaml {
    private Yaml() {}

    /** Every non-empty document of a (multi-document) YAML file, in order. */
    static List<Map<String, Object>> documents(Path file) {
        try {
            return documents(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every non-empty document of {@code text}.
     *
     * @throws IllegalArgumentException when a document is not a mapping, naming {@code source}
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String text, String source) {
        Load load = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build());
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : load.loadAllFromString(text)) {
            if (doc == null) {
                continue;
            }
            if (!(doc instanceof Map)) {
                throw new IllegalArgumentException(source + ": a document is not a mapping");
            }
            docs.add((Map<String, Object>) deepCopy(doc));
        }
        return docs;
    }

    /** One value of any YAML type (a patch can be a list). */
    static Object value(String text) {
        return deepCopy(
                new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build())
                        .loadFromString(text));
    }

    /** A mutable deep copy with insertion-ordered maps. */
    @SuppressWarnings("unchecked")
    static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }

    /**
     * The value at {@code path} ("spec.job.jarURI"; a numeric segment indexes a list), or empty
     * when any step is missing.
     */
    static Optional<Object> at(Object root, String path) {
        Object node = root;
        for (String step : path.split("\\.")) {
            if (node instanceof Map<?, ?> map) {
                node = map.get(step);
            } else if (node instanceof List<?> list && step.matches("\\d+")) {
                int i = Integer.parseInt(step);
                node = i < list.size() ? list.get(i) : null;
            } else {
                return Optional.empty();
            }
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    static String string(Object root, String path) {
        return at(root, path).map(String::valueOf).orElse(null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object root, String path) {
        return (Map<String, Object>) at(root, path).filter(Map.class::isInstance).orElse(Map.of());
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object root, String path) {
        return (List<Object>) at(root, path).filter(List.class::isInstance).orElse(List.of());
    }

    /** "kind/name" (with the namespace when set), for messages. */
    static String id(Map<String, Object> resource) {
        String ns = string(resource, "metadata.namespace");
        return resource.get("kind")
                + "/"
                + (ns == null ? "" : ns + "/")
                + string(resource, "metadata.name");
    }
}
