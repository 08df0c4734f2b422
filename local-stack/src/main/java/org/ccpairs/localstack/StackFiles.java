package org.ccpairs.localstack;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Finds the files that the build puts next to this module's classes: the unpacked Apicurio Registry
 * distribution ({@code local-stack/target/apicurio-registry/}) and the broker's classpath ({@code
 * local-stack/target/kafka-classpath.txt}), both produced by {@code mvn -pl local-stack
 * generate-resources}.
 *
 * <p>The repository root is, in this order: the system property {@value #HOME_PROPERTY}; the
 * environment variable {@value #HOME_ENV}; the nearest directory at or above the working directory
 * that contains {@code local-stack/pom.xml} or {@code local-stack/target/apicurio-registry} (tests
 * run with a module directory as working directory); the repository whose {@code
 * local-stack/target} holds these classes.
 */
public final class StackFiles {

    /** System property naming the repository root. */
    public static final String HOME_PROPERTY = "ccpairs.home";

    /** Environment variable naming the repository root, used when the property is not set. */
    public static final String HOME_ENV = "CCPAIRS_HOME";

    static final String TARGET = "local-stack/target";
    private static final String HOW_TO_BUILD =
            "run `mvn -pl local-stack generate-resources` in the repository root (or any ./ccpairs"
                    + " command, which builds it)";

    private StackFiles() {}

    /**
     * Returns the repository root; never null.
     *
     * @throws LocalStackException if no rule above finds it
     */
    public static Path home() {
        Optional<Path> fromCode = codeLocation().flatMap(StackFiles::homeOfClasses);
        return findHome(
                        System.getProperty(HOME_PROPERTY),
                        System.getenv(HOME_ENV),
                        Paths.get("").toAbsolutePath())
                .or(() -> fromCode)
                .orElseThrow(
                        () ->
                                new LocalStackException(
                                        "cannot find the ccpairs repository: set -D"
                                                + HOME_PROPERTY
                                                + "=<repo> or "
                                                + HOME_ENV
                                                + ", or run from inside the repository (looked"
                                                + " above "
                                                + Paths.get("").toAbsolutePath()
                                                + ")"));
    }

    /**
     * Returns Apicurio Registry's runner jar; never null.
     *
     * @throws LocalStackException naming the expected directory if the distribution is missing
     */
    public static Path apicurioRunnerJar() {
        Path dir = home().resolve(TARGET).resolve("apicurio-registry");
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*-runner.jar")) {
                for (Path jar : jars) {
                    return jar;
                }
            } catch (IOException e) {
                throw new LocalStackException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        throw new LocalStackException(
                "Apicurio Registry distribution not found: expected a *-runner.jar in "
                        + dir
                        + "; "
                        + HOW_TO_BUILD);
    }

    /**
     * Returns the classpath of the Kafka broker process, as written by the build; never null.
     *
     * @throws LocalStackException naming the expected file if it is missing or unreadable
     */
    public static String kafkaClasspath() {
        Path file = home().resolve(TARGET).resolve("kafka-classpath.txt");
        if (!Files.isRegularFile(file)) {
            throw new LocalStackException(
                    "Kafka classpath file not found at " + file + "; " + HOW_TO_BUILD);
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new LocalStackException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The home given by property, then environment (blank means unset), then walking up. */
    static Optional<Path> findHome(String property, String env, Path workingDir) {
        if (property != null && !property.isBlank()) {
            return Optional.of(Paths.get(property).toAbsolutePath());
        }
        if (env != null && !env.isBlank()) {
            return Optional.of(Paths.get(env).toAbsolutePath());
        }
        for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("local-stack/pom.xml"))
                    || Files.isDirectory(dir.resolve(TARGET).resolve("apicurio-registry"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code <home>} if {@code classes} is {@code <home>/local-stack/target/classes} or a jar
     * there.
     */
    static Optional<Path> homeOfClasses(Path classes) {
        Path target = classes.getParent();
        if (target == null || !target.endsWith(TARGET)) {
            return Optional.empty();
        }
        return Optional.ofNullable(target.getParent()).map(Path::getParent);
    }

    private static Optional<Path> codeLocation() {
        CodeSource source = StackFiles.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Paths.get(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException notAFile) {
            return Optional.empty();
        }
    }
}
