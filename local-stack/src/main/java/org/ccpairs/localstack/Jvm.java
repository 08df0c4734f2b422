package org.ccpairs.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The JDK that child processes run on: the one running this JVM. */
final class Jvm {

    private Jvm() {}

    /**
     * The {@code java} binary of this JVM; never null.
     *
     * @throws LocalStackException if neither the process's command nor {@code java.home} names an
     *     executable
     */
    static String executable() {
        Path fromHandle = ProcessHandle.current().info().command().map(Paths::get).orElse(null);
        if (fromHandle != null && Files.isExecutable(fromHandle)) {
            return fromHandle.toString();
        }
        Path fromHome = Paths.get(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome.toString();
        }
        throw new LocalStackException(
                "cannot find the java executable of this JVM (tried "
                        + fromHandle
                        + " and "
                        + fromHome
                        + "); run with a full JDK or JRE that has bin/java");
    }
}
