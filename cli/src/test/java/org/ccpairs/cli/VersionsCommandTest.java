package org.ccpairs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ccpairs.jobs.version.DatasetSettings;
import org.ccpairs.jobs.version.DatasetTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ccpairs versions} where there is nothing to show: one line saying why, exit code 2. The
 * subcommands on a table with versions are run by {@link DemoITCase} on the demo's warehouse.
 */
class VersionsCommandTest {
    @TempDir Path warehouse;

    @Test
    void aTableWithoutVersionsIsAnErrorThatSaysSo() {
        DatasetSettings settings = DatasetSettings.hadoop(warehouse.toUri().toString());
        DatasetTable.ensure(settings.catalogLoader().loadCatalog(), settings.tableIdentifier());

        for (String sub : new String[] {"list", "show"}) {
            CliRun run =
                    sub.equals("list")
                            ? CliRun.of(
                                    "versions", "list", "--warehouse", warehouse.toUri().toString())
                            : CliRun.of(
                                    "versions",
                                    "show",
                                    "v1",
                                    "--warehouse",
                                    warehouse.toUri().toString());
            assertThat(run.exitCode()).as(sub).isEqualTo(2);
            assertThat(run.out()).as(sub).isEmpty();
            assertThat(run.err().strip().split("\n")).as(sub).hasSize(1);
        }
        assertThat(CliRun.of("versions", "list", "--warehouse", warehouse.toUri().toString()).err())
                .contains("has no versions yet");
        assertThat(
                        CliRun.of(
                                        "versions",
                                        "show",
                                        "v1",
                                        "--warehouse",
                                        warehouse.toUri().toString())
                                .err())
                .contains("no version 'v1'")
                .contains("the table has no versions yet");
    }

    @Test
    void aMissingWarehouseIsAnErrorThatSaysWhatToDo() {
        CliRun run =
                CliRun.of(
                        "versions",
                        "diff",
                        "v1",
                        "v2",
                        "--warehouse",
                        warehouse.resolve("not-there").toUri().toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("ccpairs: no dataset table ccpairs.pairs in file:")
                .contains("./ccpairs demo");
    }

    @Test
    void anUnknownExportFormatIsAUsageError() {
        CliRun run =
                CliRun.of(
                        "versions",
                        "export",
                        "v1",
                        "--format",
                        "csv",
                        "--out",
                        warehouse.resolve("out").toString(),
                        "--warehouse",
                        warehouse.toUri().toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--format must be parquet or jsonl, got 'csv'");
    }
}
