package org.ccpairs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    void demoEndsWithTheSummaryLineAndStopsWhatItStarted() throws IOException {
        System.setProperty(LocalStackEndpoints.WORK_DIR_PROPERTY, work.toString());
        try {
            CliRun run = CliRun.of("demo", "--data", "generated");

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.lastLine()).matches("demo: version=3 pairs=[1-9][0-9]*");
            assertThat(run.out())
                    .contains("version 1 committed: segment-1 complete")
                    .contains("version 2 committed: segment-2 complete")
                    .contains("version 3 committed: takedown applied, -1 pair {TAKEDOWN=1}")
                    .contains("ccpairs.retractions 1 record(s) [TAKEDOWN v3]")
                    .contains("synthetic WARC files");
            assertThat(LocalStack.at(work.resolve("demo/stack")).status().stopped()).isTrue();

            versionsCanBeListedShownDiffedAndExported(work.resolve("warehouse").toUri().toString());
        } finally {
            System.clearProperty(LocalStackEndpoints.WORK_DIR_PROPERTY);
        }
    }

    /** {@code ccpairs versions} on the demo's warehouse, as a user would look at what it made. */
    private void versionsCanBeListedShownDiffedAndExported(String warehouse) throws IOException {
        CliRun list = CliRun.of("versions", "list", "--warehouse", warehouse);
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("v1").contains("v2").contains("CC-DEMO-2026-48/segment-2");

        CliRun json = CliRun.of("versions", "list", "--json", "--warehouse", warehouse);
        assertThat(json.out().strip().split("\n"))
                .hasSize(3)
                .allMatch(line -> line.startsWith("{\"version\":"));
        long total = Long.parseLong(field(json.out().strip().split("\n")[1], "pairs_total"));
        long added = Long.parseLong(field(json.out().strip().split("\n")[1], "pairs_added"));

        CliRun show = CliRun.of("versions", "show", "v2", "--warehouse", warehouse);
        assertThat(show.out())
                .contains("version         v2")
                .contains("CC-DEMO-2026-48/segment-2 (");

        CliRun diff = CliRun.of("versions", "diff", "v1", "v2", "--ids", "--warehouse", warehouse);
        assertThat(diff.exitCode()).as(diff.err()).isZero();
        String[] diffLines = diff.out().strip().split("\n");
        assertThat(diffLines[0]).startsWith("v1 -> v2: 1 version(s), +" + added + " pairs added");
        assertThat(diffLines).hasSize(1 + (int) added);
        assertThat(Arrays.copyOfRange(diffLines, 1, diffLines.length))
                .allMatch(line -> line.matches("\\+[0-9a-f]{32,}"));

        Path export = work.resolve("export");
        CliRun exported =
                CliRun.of(
                        "versions",
                        "export",
                        "v2",
                        "--format",
                        "jsonl",
                        "--out",
                        export.toString(),
                        "--warehouse",
                        warehouse);
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(exported.lastLine()).startsWith("exported v2: " + total + " pairs in 1 file(s)");
        List<String> rows = Files.readAllLines(export.resolve("part-00000.jsonl"));
        assertThat(rows).hasSize((int) total).allMatch(r -> r.startsWith("{\"URL\":\"http"));

        CliRun maintain =
                CliRun.of(
                        "versions",
                        "maintain",
                        "--snapshot-age",
                        "0s",
                        "--retain-last",
                        "1",
                        "--warehouse",
                        warehouse);
        assertThat(maintain.exitCode()).as(maintain.err()).isZero();
        assertThat(maintain.lastLine())
                .matches(
                        "maintained ccpairs.pairs in [0-9]+ ms: [1-9][0-9]* file\\(s\\) compacted"
                                + " into [1-9][0-9]*, [0-9]+ snapshot\\(s\\) expired, every version"
                                + " kept");
        CliRun afterMaintenance = CliRun.of("versions", "show", "v2", "--warehouse", warehouse);
        assertThat(afterMaintenance.out()).isEqualTo(show.out());

        CliRun unknown = CliRun.of("versions", "show", "v7", "--warehouse", warehouse);

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no version 'v7'").contains("it has v1 to v3");

        CliRun removal =
                CliRun.of("versions", "diff", "v2", "v3", "--ids", "--warehouse", warehouse);
        assertThat(removal.exitCode()).as(removal.err()).isZero();
        String[] removalLines = removal.out().strip().split("\n");
        assertThat(removalLines).hasSize(2);
        assertThat(removalLines[1]).matches("-[0-9a-f]{32,}");

        String removedId = removalLines[1].substring(1);

        // a pair of v2 that the takedown did not remove, found by its image URL in the newest
        String kept =
                rows.stream()
                        .filter(r -> !field(r, "pair_id", "\"([0-9a-f]+)\"").equals(removedId))
                        .findFirst()
                        .orElseThrow();
        String imageUrl = field(kept, "URL", "\"([^\"]+)\"");
        CliRun retract =
                CliRun.of(
                        "retract",
                        "--image-url",
                        imageUrl,
                        "--requested-by",
                        "abuse@example.org",
                        "--dry-run",
                        "--warehouse",
                        warehouse);
        assertThat(retract.exitCode()).as(retract.err()).isZero();
        assertThat(retract.lastLine())
                .matches("dry run: [1-9][0-9]* pair\\(s\\) would be retracted");
        assertThat(retract.out()).contains(field(kept, "pair_id", "\"([0-9a-f]+)\""));

        CliRun noTable =
                CliRun.of("versions", "--warehouse", work.resolve("nothing").toUri().toString());
        assertThat(noTable.exitCode()).isEqualTo(2);
        assertThat(noTable.err()).contains("no dataset table ccpairs.pairs");
    }

    private static String field(String jsonLine, String name) {
        return field(jsonLine, name, "([0-9]+)");
    }

    private static String field(String jsonLine, String name, String valuePattern) {
        Matcher m = Pattern.compile("\"" + name + "\":" + valuePattern).matcher(jsonLine);
        assertThat(m.find()).as(name + " in " + jsonLine).isTrue();
        return m.group(1);
    }
}
