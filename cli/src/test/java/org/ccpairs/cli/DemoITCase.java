package org.ccpairs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ccpairs.localstack.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ccpairs demo} end to end, as a user runs it, on generated data so that it does not depend
 * on the corpus: real Kafka and registry processes, the job on a MiniCluster, HTTP on loopback,
 * Iceberg.
 */
class DemoITCase {
    @TempDir Path work;

    @Test
    void demoEndsWithTheSummaryLineAndStopsWhatItStarted() {
        System.setProperty(LocalStackEndpoints.WORK_DIR_PROPERTY, work.toString());
        try {
            CliRun run = CliRun.of("demo", "--data", "generated");

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.lastLine()).matches("demo: version=2 pairs=[1-9][0-9]*");
            assertThat(run.out())
                    .contains("version 1 committed: segment-1 complete")
                    .contains("version 2 committed: segment-2 complete")
                    .contains("synthetic WARC files");
            assertThat(LocalStack.at(work.resolve("demo/stack")).status().stopped()).isTrue();

            CliRun versions =
                    CliRun.of(
                            "versions",
                            "--warehouse",
                            work.resolve("warehouse").toUri().toString());
            assertThat(versions.exitCode()).isZero();
            assertThat(versions.out())
                    .contains("v1")
                    .contains("v2")
                    .contains("CC-DEMO-2026-48/segment-2");
        } finally {
            System.clearProperty(LocalStackEndpoints.WORK_DIR_PROPERTY);
        }
    }
}
