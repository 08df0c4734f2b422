package org.ccpairs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void helpListsEveryCommand() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("demo", "run", "announce", "extract", "versions", "stack");
    }

    @Test
    void unknownOptionIsOneClearLineAndExitCodeTwo() {
        CliRun run = CliRun.of("extract", "--no-such-option", "x.warc");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines())
                .singleElement()
                .asString()
                .contains("Unknown option: '--no-such-option'")
                .contains("ccpairs extract --help");
    }

    @Test
    void missingRequiredOptionIsExitCodeTwo() {
        CliRun run = CliRun.of("announce", "--segment", "s", "file.warc");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--crawl");
    }

    @Test
    void unknownCommandIsExitCodeTwo() {
        CliRun run = CliRun.of("frobnicate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("frobnicate");
    }

    @Test
    void badDurationIsExitCodeTwo() {
        CliRun run = CliRun.of("demo", "--timeout", "soon");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--timeout");
    }

    @Test
    void versionsOfAMissingWarehouseIsOneLineAndExitCodeTwo(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        CliRun run = CliRun.of("versions", "--warehouse", dir.toUri().toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no dataset table ccpairs.pairs");
    }
}
