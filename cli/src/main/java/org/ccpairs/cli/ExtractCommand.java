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
import org.ccpairs.jobs.extract.DomImageAltExtractor;
import org.ccpairs.jobs.extract.FilePairReader;
import org.ccpairs.jobs.extract.FilePairReaders;
import org.ccpairs.jobs.extract.PagePairs;
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
            "Extract image-text pairs from WARC or WAT files (paths or file/http(s) URLs) without"
                    + " Kafka or Flink.",
            "Prints one JSON object per pair on stdout, with the fields of the ImageTextPair schema"
                + " in snake_case, and a summary on stderr. Exit code 1 when a file could not be"
                + " read at all; a file that breaks off after some records is reported, its pairs"
                + " before the break are printed, and counts as broken_files.",
            "Pairs are not deduplicated."
        })
final class ExtractCommand implements Callable<Integer> {
    @Parameters(
            arity = "1..*",
            paramLabel = "FILE",
            description = "WARC or WAT files (.warc, .warc.gz, .wat, .warc.wat.gz), paths or URLs.")
    List<String> files;

    @Option(
            names = "--kind",
            defaultValue = "auto",
            description =
                    "WARC, WAT, or auto (WAT when the name ends in .wat or .wat.gz)."
                            + " Default: ${DEFAULT-VALUE}.")
    String kind;

    @Option(
            names = "--reference",
            description =
                    "Extract WARC pages with the reference extractor (a full jsoup DOM per page)"
                            + " instead of the streaming one; slower, for comparisons.")
    boolean reference;

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
        Segment segment =
                new Segment(
                        0,
                        crawlId,
                        segmentId,
                        kind.toUpperCase(java.util.Locale.ROOT),
                        files.size());
        long records = 0, pages = 0, images = 0, pairs = 0;
        java.util.Map<String, Long> skipped = new java.util.TreeMap<>();
        long[] failures = {0};
        int failedFiles = 0;
        int brokenFiles = 0;
        BufferedWriter out =
                new BufferedWriter(
                        new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        try (PairJson json = new PairJson(out)) {
            for (String file : files) {
                String url =
                        file.contains("://")
                                ? file
                                : Path.of(file).toAbsolutePath().normalize().toUri().toString();
                String fileKind =
                        kind.equalsIgnoreCase("auto") ? FilePairReaders.kindOf(url) : kind;
                java.util.function.Consumer<FileReadException> badRecords =
                        e -> {
                            failures[0]++;
                            System.err.println("ccpairs extract: skipped " + e.getMessage());
                        };
                java.util.function.Consumer<WarcPairReader.PageFailure> pageFailures =
                        f -> {
                            failures[0]++;
                            System.err.println(
                                    "ccpairs extract: cannot extract from "
                                            + f.page().url()
                                            + " at offset "
                                            + f.page().offset()
                                            + ": "
                                            + f.cause());
                        };
                long[] fileRecords = {0};
                try (InputStream in = opener.open(url);
                        FilePairReader reader =
                                reference && fileKind.equalsIgnoreCase(FilePairReaders.WARC)
                                        ? new WarcPairReader(
                                                in,
                                                url,
                                                0,
                                                WarcPageReader.DEFAULT_MAX_BODY_BYTES,
                                                segment,
                                                badRecords,
                                                pageFailures,
                                                new PagePairs(new DomImageAltExtractor()))
                                        : FilePairReaders.open(
                                                fileKind,
                                                in,
                                                url,
                                                0,
                                                WarcPageReader.DEFAULT_MAX_BODY_BYTES,
                                                segment,
                                                badRecords,
                                                pageFailures)) {
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
                        fileRecords[0] = reader.records();
                        records += reader.records();
                        reader.skipped()
                                .forEach((reason, n) -> skipped.merge(reason, n, Long::sum));
                    }
                } catch (FileReadException e) {
                    if (fileRecords[0] > 0) {
                        brokenFiles++; // what came before the break was extracted
                    } else {
                        failedFiles++;
                    }
                    System.err.println("ccpairs extract: " + e.getMessage());
                }
                json.flush();
            }
        }
        out.flush();
        System.err.printf(
                "extract: files=%d failed_files=%d records=%d html_pages=%d images=%d pairs=%d"
                        + " bad_records=%d broken_files=%d seconds=%.1f%n",
                files.size(),
                failedFiles,
                records,
                pages,
                images,
                pairs,
                failures[0],
                brokenFiles,
                (System.nanoTime() - start) / 1e9);
        if (!skipped.isEmpty()) {
            System.err.println("extract: skipped records " + skipped);
        }
        return failedFiles > 0 ? 1 : 0;
    }
}
