package org.ccpairs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ccpairs config-reference}: prints docs/configuration.md. */
@Command(
        name = "config-reference",
        mixinStandardHelpOptions = true,
        description =
                "Print the configuration reference (Markdown) generated from the code's"
                        + " declarations.")
final class ConfigReferenceCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(ConfigReference.markdown());
        return 0;
    }
}
