package org.ccpairs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark commands on a small corpus: they build files and print the promised last line. */
class BenchCommandTest {
    @TempDir Path tmp;

    @Test
    void makeCorpusThenExtractPrintsTheRatioLine() throws Exception {
        Path warc = tmp.resolve("bench.warc.gz");
        CliRun made =
                CliRun.of(
                        "bench",
                        "make-corpus",
                        "--from",
                        corpus().toString(),
                        "--size",
                        "2MB",
                        "--out",
                        warc.toString());
        assertThat(made.exitCode()).as(made.err()).isZero();
        assertThat(Files.size(warc)).isGreaterThanOrEqualTo(2L << 20);
        // one gzip member per record, as Common Crawl writes them
        byte[] head = Files.readAllBytes(warc);
        assertThat(head[0] & 0xff).isEqualTo(0x1f);

        CliRun bench =
                CliRun.of(
                        "bench",
                        "extract",
                        "--input",
                        warc.toString(),
                        "--rounds",
                        "1",
                        "--warmup-mb",
                        "1");
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        String last = bench.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last)
                .matches(
                        "extract_vs_gunzip=\\d+\\.\\d+ extract_mb_s=\\d+\\.\\d+"
                                + " gunzip_mb_s=\\d+\\.\\d+ pairs=[1-9]\\d*");
    }

    @Test
    void linkcheckMeasuresAfterAWarmUpAndPrintsItsLine() throws Exception {
        CliRun bench =
                CliRun.of(
                        "bench",
                        "linkcheck",
                        "--hosts",
                        "20",
                        "--urls",
                        "400",
                        "--warmup",
                        "1s",
                        "--latency",
                        "5ms",
                        "--capacity",
                        "50",
                        "--host-limit",
                        "2");
        // exit code 0: every URL answered OK and no host saw more than the limit at once
        assertThat(bench.exitCode()).as(bench.out() + bench.err()).isZero();
        assertThat(bench.out())
                .containsPattern("warm-up: \\d+ checks so far, not counted; JIT compiling \\d+%")
                .contains("measured: 400 checks answered OK in")
                .containsPattern("policy files of 20 hosts")
                .containsPattern("cpu: \\d+\\.\\d s of process CPU time");
        String last = bench.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last)
                .matches(
                        "linkcheck_efficiency=\\d+\\.\\d+ checks_per_s=\\d+"
                                + " max_host_concurrency=[12] limit=2");
    }

    @Test
    void watCorpusToo() throws Exception {
        Path wat = tmp.resolve("bench.warc.wat.gz");
        CliRun made =
                CliRun.of(
                        "bench",
                        "make-corpus",
                        "--from",
                        corpus().toString(),
                        "--size",
                        "1MB",
                        "--kind",
                        "WAT",
                        "--out",
                        wat.toString());
        assertThat(made.exitCode()).as(made.err()).isZero();

        CliRun bench =
                CliRun.of(
                        "bench",
                        "extract",
                        "--input",
                        wat.toString(),
                        "--rounds",
                        "1",
                        "--warmup-mb",
                        "1");
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("(WAT,").containsPattern("pairs=[1-9]\\d*\\s*$");
    }

    @Test
    void badSizeIsAUsageError() throws Exception {
        CliRun run =
                CliRun.of(
                        "bench",
                        "make-corpus",
                        "--from",
                        corpus().toString(),
                        "--size",
                        "lots",
                        "--out",
                        tmp.resolve("x").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--size");
    }

    private static Path corpus() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("corpus");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("corpus not found next to the repository");
    }

    @Test
    void filtersPrintsEachReasonsShareAndTheLanguageLine() throws Exception {
        CliRun run =
                CliRun.of(
                        "bench",
                        "filters",
                        corpus().resolve("node-warc/books.toscrape.warc").toString(),
                        corpus().resolve("jwarc").toString(),
                        "--rounds",
                        "1",
                        "--conf",
                        "filter.caption.min-words=3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // 'A Light in the Attic' stays, 'Sharp Objects' (two words) goes with min-words 3
        assertThat(run.out())
                .containsPattern("prefilter CAPTION_TOO_FEW_WORDS +[1-9]")
                .containsPattern("kept +[1-9]");
        String last = run.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last)
                .matches(
                        "filters_pairs=[1-9]\\d* filters_kept=[1-9]\\d*"
                                + " langid_captions_per_s=[1-9]\\d* langid_heap_mb=-?\\d+");
    }

    @Test
    void dedupTakesACheckpointAndPrintsBytesPerKey() throws Exception {
        CliRun run = CliRun.of("bench", "dedup", "--keys", "20000");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String last = run.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).matches("dedup_state_bytes_per_key=\\d+\\.\\d dedup_keys_per_s=[1-9]\\d*");
        double perKey = Double.parseDouble(last.replaceAll(".*per_key=([0-9.]+).*", "$1"));
        // a real checkpoint of 20,000 keys: more than the raw 8-byte keys, far below the target
        assertThat(perKey).isBetween(8.0, 40.0);
    }
}
