package org.ccpairs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is generated from the ConfigOption declarations and must match them. */
class ConfigurationDocsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void docsMatchTheDeclarations() throws Exception {
        String docs = Files.readString(ROOT.resolve("docs/configuration.md"));
        assertThat(docs)
                .as(
                        "docs/configuration.md is stale: regenerate it with './ccpairs"
                                + " config-reference > docs/configuration.md'")
                .isEqualTo(ConfigReference.markdown());
    }

    @Test
    void everyOptionsClassIsInTheReference() throws Exception {
        List<String> declared;
        try (Stream<Path> classes = Files.walk(ROOT, 8)) {
            declared =
                    classes.filter(p -> p.toString().contains("/target/classes/org/ccpairs/"))
                            .filter(p -> p.getFileName().toString().endsWith("Options.class"))
                            .map(p -> p.getFileName().toString().replace(".class", ""))
                            .sorted()
                            .toList();
        }
        assertThat(declared).isNotEmpty();
        assertThat(
                        ConfigReference.OPTION_CLASSES.stream()
                                .map(Class::getSimpleName)
                                .sorted()
                                .toList())
                .containsExactlyElementsOf(declared);
    }

    @Test
    void everyOptionHasADescriptionAndAUniqueKey() {
        List<ConfigOption<?>> all =
                ConfigReference.OPTION_CLASSES.stream()
                        .flatMap(c -> ConfigReference.options(c).stream())
                        .toList();
        assertThat(all)
                .allSatisfy(o -> assertThat(o.description().getBlocks()).as(o.key()).isNotEmpty());
        assertThat(all.stream().map(ConfigOption::key)).doesNotHaveDuplicates();
    }
}
