package org.ccpairs.cli;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ccpairs.connectors.warc.FileOpener;
import org.ccpairs.connectors.warc.FileReadException;
import org.ccpairs.connectors.warc.WarcPageReader;
import org.ccpairs.jobs.JobOptions;
import org.ccpairs.jobs.extract.RecordPairs;
import org.ccpairs.jobs.extract.WarcPairReader;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.sink.AvroMapping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ccpairs extract FILE...}: the pipeline's extraction, offline, as JSON lines. */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        description = {
            "Extract image-text pairs from WARC files (paths or file/http(s) URLs) without Kafka or"
                    + " Flink.",
            "Prints one JSON object per pair on stdout, with the fields of the ImageTextPair schema"
                + " in snake_case, and a summary on stderr. Exit code 1 when a file could not be"
                + " read.",
            "Pairs are not deduplicated."
        })
final class ExtractCommand implements Callable<Integer> {
    @Parameters(
            arity = "1..*",
            paramLabel = "FILE",
            description = "WARC files (.warc or .warc.gz), paths or URLs.")
    List<String> files;

    @Option(
            names = "--crawl-id",
            defaultValue = "local",
            description = "crawl_id to record. Default: ${DEFAULT-VALUE}.")
    String crawlId;

    @Option(
            names = "--segment-id",
            defaultValue = "local",
            description = "segment_id to record. Default: ${DEFAULT-VALUE}.")
    String segmentId;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        FileOpener opener =
                new FileOpener(JobOptions.HTTP_USER_AGENT.defaultValue(), 3, Duration.ofSeconds(1));
        Segment segment = new Segment(0, crawlId, segmentId, "WARC", files.size());
        long records = 0, pages = 0, images = 0, pairs = 0;
        long[] failures = {0};
        int failedFiles = 0;
        BufferedWriter out =
                new BufferedWriter(
                        new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        try (PairJson json = new PairJson(out)) {
            for (String file : files) {
                String url =
                        file.contains("://")
                                ? file
                                : Path.of(file).toAbsolutePath().normalize().toUri().toString();
                try (InputStream in = opener.open(url);
                        WarcPairReader reader =
                                new WarcPairReader(
                                        in,
                                        url,
                                        0,
                                        WarcPageReader.DEFAULT_MAX_BODY_BYTES,
                                        segment,
                                        e -> {
                                            failures[0]++;
                                            System.err.println(
                                                    "ccpairs extract: skipped " + e.getMessage());
                                        },
                                        f -> {
                                            failures[0]++;
                                            System.err.println(
                                                    "ccpairs extract: cannot extract from "
                                                            + f.page().url()
                                                            + ": "
                                                            + f.cause());
                                        })) {
                    try {
                        Optional<RecordPairs> record;
                        while ((record = reader.next()).isPresent()) {
                            pages++;
                            if (record.get().extraction() != null) {
                                images += record.get().extraction().images();
                            }
                            for (Pair pair : record.get().pairs()) {
                                json.write(AvroMapping.toAvro(pair));
                                pairs++;
                            }
                        }
                    } finally {
                        records += reader.records();
                    }
                } catch (FileReadException e) {
                    failedFiles++;
                    System.err.println("ccpairs extract: " + e.getMessage());
                }
                json.flush();
            }
        }
        out.flush();
        System.err.printf(
                "extract: files=%d failed_files=%d records=%d html_pages=%d images=%d pairs=%d"
                        + " bad_records=%d seconds=%.1f%n",
                files.size(),
                failedFiles,
                records,
                pages,
                images,
                pairs,
                failures[0],
                (System.nanoTime() - start) / 1e9);
        return failedFiles > 0 ? 1 : 0;
    }
}
