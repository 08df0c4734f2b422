package org.ccpairs.k8s;

import java.util.List;
import java.util.Map;

/**
 * RFC 6902 patches as Kustomize applies them: {@code add}, {@code replace} and {@code remove} with
 * JSON pointers ({@code ~0}, {@code ~1} escapes; {@code -} appends to a list). Other operations
 * fail.
 */
final class JsonPatch {
    private JsonPatch() {}

    @SuppressWarnings("unchecked")
    static void apply(Map<String, Object> resource, List<?> ops) {
        for (Object o : ops) {
            Map<String, Object> op = (Map<String, Object>) o;
            String name = String.valueOf(op.get("op"));
            String[] steps = String.valueOf(op.get("path")).substring(1).split("/", -1);
            Object parent = resource;
            for (int i = 0; i < steps.length - 1; i++) {
                parent = child(parent, unescape(steps[i]), op);
            }
            String last = unescape(steps[steps.length - 1]);
            Object value = Yaml.deepCopy(op.get("value"));
            switch (name) {
                case "add", "replace" -> set(parent, last, value, name.equals("replace"), op);
                case "remove" -> remove(parent, last, op);
                default -> throw new IllegalArgumentException("JSON patch op not supported: " + op);
            }
        }
    }

    private static Object child(Object node, String step, Object op) {
        Object next =
                node instanceof Map<?, ?> m
                        ? m.get(step)
                        : node instanceof List<?> l && step.matches("\\d+")
                                ? l.get(Integer.parseInt(step))
                                : null;
        if (next == null) {
            throw new IllegalArgumentException("JSON patch path does not exist: " + op);
        }
        return next;
    }

    @SuppressWarnings("unchecked")
    private static void set(Object parent, String key, Object value, boolean mustExist, Object op) {
        if (parent instanceof Map<?, ?> m) {
            if (mustExist && !m.containsKey(key)) {
                throw new IllegalArgumentException("JSON patch replaces a missing value: " + op);
            }
            ((Map<String, Object>) m).put(key, value);
        } else if (parent instanceof List<?> l) {
            List<Object> list = (List<Object>) l;
            if (key.equals("-")) {
                list.add(value);
            } else if (mustExist) {
                list.set(Integer.parseInt(key), value);
            } else {
                list.add(Integer.parseInt(key), value);
            }
        } else {
            throw new IllegalArgumentException("JSON patch path does not exist: " + op);
        }
    }

    private static void remove(Object parent, String key, Object op) {
        boolean removed =
                parent instanceof Map<?, ?> m
                        ? m.remove(key) != null || false
                        : parent instanceof List<?> l && l.remove(Integer.parseInt(key)) != null;
        if (!removed) {
            throw new IllegalArgumentException("JSON patch removes a missing value: " + op);
        }
    }

    private static String unescape(String step) {
        return step.replace("~1", "/").replace("~0", "~");
    }
}
