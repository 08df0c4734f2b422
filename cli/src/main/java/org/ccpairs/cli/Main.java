package org.ccpairs.cli;

import java.io.PrintWriter;
import java.time.Duration;
import org.apache.flink.util.TimeUtils;
import org.ccpairs.localstack.LocalStackException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code ./ccpairs} launcher. */
@Command(
        name = "ccpairs",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description =
                "A continuously growing, versioned dataset of image-text pairs from Common Crawl.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            AnnounceCommand.class,
            ExtractCommand.class,
            VersionsCommand.class,
            RetractCommand.class,
            StatusCommand.class,
            StackCommand.class,
            ConfigReferenceCommand.class,
            org.ccpairs.cli.bench.BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** Exit code for bad arguments and unusable settings. */
    public static final int USAGE = 2;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with ccpairs' error handling: one clear line and exit code 2 for bad input.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // durations the way Flink writes them: 30s, 2min, 1h, 500ms
        cli.registerConverter(Duration.class, TimeUtils::parseDuration);
        cli.setParameterExceptionHandler(
                (e, args) -> {
                    PrintWriter err = e.getCommandLine().getErr();
                    err.println(
                            "ccpairs: "
                                    + e.getMessage()
                                    + " (see '"
                                    + e.getCommandLine().getCommandSpec().qualifiedName()
                                    + " --help')");
                    return USAGE;
                });
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    PrintWriter err = commandLine.getErr();
                    if (e instanceof IllegalArgumentException) {
                        err.println("ccpairs: " + e.getMessage());
                        return USAGE;
                    }
                    err.println("ccpairs: " + e.getMessage());
                    if (e instanceof LocalStackException) {
                        return 1; // a busy port, a missing JDK: the message says what to do
                    }
                    if (System.getenv("CCPAIRS_DEBUG") != null) {
                        e.printStackTrace(err);
                    } else {
                        err.println(
                                "(set CCPAIRS_DEBUG=1 for the stack trace; logs are in"
                                        + " .ccpairs/logs/)");
                    }
                    return 1;
                });
        return cli;
    }

    /** The version from the jar manifest, or "dev" when running from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ccpairs " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
