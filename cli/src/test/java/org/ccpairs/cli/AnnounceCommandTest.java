package org.ccpairs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Arguments of {@code ccpairs announce} that are refused before anything is contacted. */
class AnnounceCommandTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "announce --watch --crawl C|--watch takes no --crawl",
                "announce --watch --force|--watch takes no --crawl, --segment, --force or FILE",
                "announce --once --crawl C --segment S|--once needs --watch",
                "announce --segment S|Missing required option: '--crawl'",
                "announce --crawl C|Missing required option: '--segment'",
                "announce --crawl C --segment S --kind WARC --kind WAT|one --kind per announcement",
                "announce --watch --kind PDF|--kind",
            })
    void badCombinationsAreOneLineAndExitCodeTwo(String args, String message) {
        CliRun run = CliRun.of(args.split(" "));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().asString().contains(message);
    }

    @Test
    void unusableSettingIsNamedBeforeAnythingIsContacted() {
        CliRun run =
                CliRun.of(
                        "announce",
                        "--watch",
                        "--once",
                        "-b",
                        "127.0.0.1:1",
                        "-r",
                        "http://127.0.0.1:1",
                        "--base-url",
                        "ftp://example.org/");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("'announcer.base-url' must be an http://, https:// or file://");
    }

    @Test
    void helpShowsTheThreeWays() {
        CliRun run = CliRun.of("announce", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("--watch", "--force", "--base-url", "--since", "--metrics-port");
    }
}
