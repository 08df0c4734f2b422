package org.ccpairs.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The repository's k8s/ folder and its rendered overlays, for the checks. */
final class Repo {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path K8S = ROOT.resolve("k8s");
    static final List<String> OVERLAYS = List.of("dev", "prod");

    private Repo() {}

    static Path overlay(String name) {
        return K8S.resolve("overlays").resolve(name);
    }

    static List<Map<String, Object>> render(String overlay) {
        return Kustomize.build(overlay(overlay));
    }

    /** Every file under k8s/ with one of the extensions. */
    static List<Path> files(String... extensions) {
        try (Stream<Path> walk = Files.walk(K8S)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(extensions).anyMatch(e -> p.toString().endsWith(e)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The only resource of {@code kind} (and name, when given) among {@code resources}. */
    static Map<String, Object> one(List<Map<String, Object>> resources, String kind, String name) {
        List<Map<String, Object>> found =
                resources.stream()
                        .filter(r -> kind.equals(r.get("kind")))
                        .filter(r -> name == null || name.equals(Yaml.string(r, "metadata.name")))
                        .toList();
        if (found.size() != 1) {
            throw new AssertionError(
                    "expected one " + kind + " " + name + ", found " + found.size());
        }
        return found.get(0);
    }

    static List<Map<String, Object>> all(List<Map<String, Object>> resources, String kind) {
        return resources.stream().filter(r -> kind.equals(r.get("kind"))).toList();
    }
}
