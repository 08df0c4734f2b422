package org.ccpairs.jobs.extract;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ccpairs.connectors.warc.FileOpener;
import org.ccpairs.connectors.warc.FileReadException;
import org.ccpairs.jobs.metrics.DeadLetterCounters;
import org.ccpairs.jobs.metrics.Metrics;
import org.ccpairs.jobs.model.DeadLetterRecord;
import org.ccpairs.jobs.model.FileSplit;
import org.ccpairs.jobs.model.Pair;

/**
 * Reads one WARC file per split and emits its image-alt pairs with full provenance.
 *
 * <p>A file that cannot be opened, a record that cannot be parsed and a file that breaks off in the
 * middle each become a dead letter (with file, offset and reason) and the function goes on: pairs
 * read before a break are kept. The file is read inside one call, so a checkpoint waits for the
 * file at hand; with exactly-once sinks a failure mid-file re-reads the file from its start and
 * emits nothing twice downstream.
 */
public class WarcExtractFunction extends ProcessFunction<FileSplit, Pair> {
    public static final String STAGE = "warc-read";
    public static final String EXTRACT_STAGE = "extract";

    private final OutputTag<DeadLetterRecord> deadLetters;
    private final String userAgent;
    private final int maxBodyBytes;

    private transient FileOpener opener;
    private transient DeadLetterCounters readFailures;
    private transient DeadLetterCounters extractFailures;
    private transient Counter filesRead;
    private transient Counter records;
    private transient Counter pages;
    private transient Counter images;
    private transient Counter imagesWithoutAlt;
    private transient Counter imagesBadUrl;
    private transient Counter pairsExtracted;

    public WarcExtractFunction(
            OutputTag<DeadLetterRecord> deadLetters, String userAgent, int maxBodyBytes) {
        this.deadLetters = deadLetters;
        this.userAgent = userAgent;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void open(OpenContext openContext) {
        opener = new FileOpener(userAgent, 4, Duration.ofSeconds(1));
        MetricGroup group = getRuntimeContext().getMetricGroup();
        readFailures = new DeadLetterCounters(group, STAGE);
        extractFailures = new DeadLetterCounters(group, EXTRACT_STAGE);
        MetricGroup ccpairs = Metrics.ccpairs(group);
        filesRead = ccpairs.counter("files_read");
        records = ccpairs.counter("warc_records_read");
        pages = ccpairs.counter("html_pages_read");
        images = ccpairs.counter("images_seen");
        imagesWithoutAlt = ccpairs.counter("images_without_alt");
        imagesBadUrl = ccpairs.counter("images_bad_url");
        pairsExtracted = ccpairs.counter("pairs_extracted");
    }

    @Override
    public void processElement(FileSplit split, Context ctx, Collector<Pair> out) {
        long recordsRead = 0;
        try (InputStream in = opener.open(split.file());
                WarcPairReader reader =
                        new WarcPairReader(
                                in,
                                split.file(),
                                0,
                                maxBodyBytes,
                                split.segment(),
                                e -> fail(ctx, split, e, e.offset()),
                                f -> failPage(ctx, split, f))) {
            try {
                Optional<RecordPairs> record;
                while ((record = reader.next()).isPresent()) {
                    count(record.get());
                    record.get().pairs().forEach(out::collect);
                }
                filesRead.inc();
            } finally {
                recordsRead = reader.records();
            }
        } catch (FileReadException e) {
            fail(ctx, split, e, e.offset() >= 0 ? e.offset() : null);
        } catch (IOException e) {
            // closing the stream failed after everything was read: nothing is lost, but say so
            readFailures.inc("CLOSE_FAILED");
            ctx.output(
                    deadLetters,
                    DeadLetterRecord.forFile(
                            STAGE,
                            "CLOSE_FAILED",
                            e.toString(),
                            e,
                            split,
                            null,
                            null,
                            System.currentTimeMillis()));
        } finally {
            records.inc(recordsRead);
        }
    }

    private void count(RecordPairs record) {
        pages.inc();
        if (record.extraction() != null) {
            images.inc(record.extraction().images());
            imagesWithoutAlt.inc(record.extraction().withoutAlt());
            imagesBadUrl.inc(record.extraction().badUrl() + record.unnormalizable());
        }
        pairsExtracted.inc(record.pairs().size());
    }

    private void failPage(Context ctx, FileSplit split, WarcPairReader.PageFailure f) {
        extractFailures.inc("EXTRACT_ERROR");
        ctx.output(
                deadLetters,
                DeadLetterRecord.forFile(
                        EXTRACT_STAGE,
                        "EXTRACT_ERROR",
                        "cannot extract from " + f.page().url() + ": " + f.cause(),
                        f.cause(),
                        split,
                        f.page().offset(),
                        f.page().recordId(),
                        System.currentTimeMillis()));
    }

    private void fail(Context ctx, FileSplit split, FileReadException e, Long offset) {
        readFailures.inc(e.reason().name());
        ctx.output(
                deadLetters,
                DeadLetterRecord.forFile(
                        STAGE,
                        e.reason().name(),
                        e.getMessage(),
                        e.getCause(),
                        split,
                        offset,
                        null,
                        System.currentTimeMillis()));
    }
}
