package org.ccpairs.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackFilesTest {

    @TempDir Path dir;

    @Test
    void propertyWinsOverEnvironmentAndWorkingDirectory() {
        assertThat(StackFiles.findHome("/repo/a", "/repo/b", dir)).contains(Path.of("/repo/a"));
        assertThat(StackFiles.findHome(null, "/repo/b", dir)).contains(Path.of("/repo/b"));
        assertThat(StackFiles.findHome(" ", "", dir)).isEmpty();
    }

    @Test
    void walksUpFromAModuleDirectoryToTheRepository() throws Exception {
        Files.createDirectories(dir.resolve("local-stack/target/apicurio-registry"));
        Path module = Files.createDirectories(dir.resolve("flink-jobs/src"));

        assertThat(StackFiles.findHome(null, null, module)).contains(dir);
    }

    @Test
    void aCheckoutThatIsNotBuiltYetIsFoundByItsPom() throws Exception {
        Files.createDirectories(dir.resolve("local-stack"));
        Files.writeString(dir.resolve("local-stack/pom.xml"), "<project/>");

        assertThat(StackFiles.findHome(null, null, dir.resolve("local-stack"))).contains(dir);
    }

    @Test
    void classesInsideLocalStackTargetPointToTheirRepository() {
        assertThat(StackFiles.homeOfClasses(Path.of("/r/local-stack/target/classes")))
                .contains(Path.of("/r"));
        assertThat(StackFiles.homeOfClasses(Path.of("/r/local-stack/target/x.jar")))
                .contains(Path.of("/r"));
        assertThat(StackFiles.homeOfClasses(Path.of("/m2/org/x/local-stack.jar"))).isEmpty();
    }

    @Test
    void thisBuildFindsItsOwnFiles() {
        assertThat(StackFiles.apicurioRunnerJar()).isRegularFile();
        assertThat(StackFiles.kafkaClasspath())
                .contains("kafka_2.13-")
                .contains("log4j-slf4j2-impl");
    }

    @Test
    void aMissingDistributionNamesThePathAndTheFix() {
        String before = System.getProperty(StackFiles.HOME_PROPERTY);
        System.setProperty(StackFiles.HOME_PROPERTY, dir.toString());
        try {
            assertThatThrownBy(StackFiles::apicurioRunnerJar)
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining(
                            dir.resolve("local-stack/target/apicurio-registry").toString())
                    .hasMessageContaining("mvn -pl local-stack generate-resources");
            assertThatThrownBy(StackFiles::kafkaClasspath)
                    .hasMessageContaining(
                            dir.resolve("local-stack/target/kafka-classpath.txt").toString())
                    .hasMessageContaining("mvn -pl local-stack generate-resources");
        } finally {
            if (before == null) {
                System.clearProperty(StackFiles.HOME_PROPERTY);
            } else {
                System.setProperty(StackFiles.HOME_PROPERTY, before);
            }
        }
    }
}
