package org.ccpairs.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ccpairs bench ...}: reproducible benchmarks that print ratios. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Reproducible benchmarks that print ratios.",
        subcommands = {
            MakeCorpusCommand.class,
            ExtractBenchCommand.class,
            LinkCheckBenchCommand.class,
            DedupBenchCommand.class,
            FilterBenchCommand.class
        })
public final class BenchCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
