package org.ccpairs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.ccpairs.localstack.LocalStack;
import org.ccpairs.localstack.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ccpairs announce --watch --base-url file://…} as a user runs it, against real Kafka and
 * registry processes: run twice it announces every segment once; a crawl added later is picked up;
 * {@code --crawl X --segment Y} is refused for an announced segment and repeats it with {@code
 * --force}.
 */
class AnnounceWatchITCase {
    @TempDir static Path work;
    private static LocalStack stack;
    private static Status status;

    @BeforeAll
    static void up() {
        stack = LocalStack.at(work.resolve("stack"));
        status = stack.up(0, 0);
    }

    @AfterAll
    static void down() {
        if (stack != null) {
            stack.down();
        }
    }

    @Test
    void watchAnnouncesEachSegmentOnceAcrossRunsAndForceRepeatsOne() throws IOException {
        Path layout = work.resolve("cc");
        List<String> crawls = new ArrayList<>();
        writeCrawl(layout, crawls, "CC-MAIN-2024-46", 3);
        writeCrawl(layout, crawls, "CC-MAIN-2024-51", 2);

        CliRun first = watchOnce(layout, "--max-segments", "4");
        CliRun second = watchOnce(layout);
        CliRun third = watchOnce(layout);
        writeCrawl(layout, crawls, "CC-MAIN-2025-01", 1);
        CliRun fourth = watchOnce(layout);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("4 segments announced").contains("1 crawl kinds pending");
        assertThat(second.out()).contains("1 segments announced").contains("0 crawl kinds pending");
        assertThat(third.out()).contains("0 segments announced");
        assertThat(fourth.out())
                .contains("announced CC-MAIN-2025-01/3000.00 (WARC, 2 files)")
                .contains("1 segments announced");

        CliRun refused =
                cli(
                        "announce",
                        "--crawl",
                        "CC-MAIN-2024-51",
                        "--segment",
                        "2000.01",
                        "--base-url",
                        layout.toUri().toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("was announced already").contains("--force");

        CliRun forced =
                cli(
                        "announce",
                        "--crawl",
                        "CC-MAIN-2024-51",
                        "--segment",
                        "2000.01",
                        "--base-url",
                        layout.toUri().toString(),
                        "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out())
                .contains("announced CC-MAIN-2024-51/2000.01 (WARC, 2 files from file:")
                .contains("again");
    }

    private CliRun watchOnce(Path layout, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "announce",
                                "--watch",
                                "--once",
                                "--base-url",
                                layout.toUri().toString(),
                                "--crawl-list-url",
                                layout.resolve("collinfo.json").toUri().toString()));
        args.addAll(List.of(extra));
        return cli(args.toArray(String[]::new));
    }

    private static CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-b", status.bootstrapServers(), "-r", status.registryUrl()));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** A crawl of segments {@code <n>000.<ss>} with two WARC files each, listed newest first. */
    private static void writeCrawl(Path root, List<String> crawls, String crawl, int segments)
            throws IOException {
        int n = crawls.size() + 1;
        StringBuilder paths = new StringBuilder();
        for (int s = 0; s < segments; s++) {
            String segment = String.format("%d.%02d", n * 1000, s);
            for (int f = 0; f < 2; f++) {
                paths.append(
                        String.format(
                                "crawl-data/%s/segments/%s/warc/%s-%d-%d.warc.gz%n",
                                crawl, segment, crawl, s, f));
            }
        }
        Path list = root.resolve("crawl-data/" + crawl + "/warc.paths.gz");
        Files.createDirectories(list.getParent());
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(paths.toString().getBytes(StandardCharsets.UTF_8));
        }
        Files.write(list, gz.toByteArray());
        crawls.add(0, crawl);
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < crawls.size(); i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"id\": \"")
                    .append(crawls.get(i))
                    .append("\"}");
        }
        Files.writeString(root.resolve("collinfo.json"), json.append("]").toString());
    }
}
