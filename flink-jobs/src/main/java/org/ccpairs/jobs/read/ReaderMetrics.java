package org.ccpairs.jobs.read;

import java.util.function.IntSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.ccpairs.jobs.extract.RecordPairs;
import org.ccpairs.jobs.metrics.DeadLetterCounters;
import org.ccpairs.jobs.metrics.Metrics;
import org.ccpairs.jobs.metrics.ReasonCounters;

/** The reading stage's metrics (names in docs/metrics.md). */
final class ReaderMetrics {
    final DeadLetterCounters readFailures;
    final DeadLetterCounters extractFailures;
    final Counter filesRead;
    final Counter bytesRead;
    final Counter records;
    final Counter retries;
    private final Counter pages;
    private final Counter images;
    private final Counter imagesWithoutAlt;
    private final Counter imagesBadUrl;
    private final Counter pairsExtracted;
    private final ReasonCounters imagesDropped;
    final ReasonCounters recordsSkipped;
    final SegmentBacklog backlog;

    ReaderMetrics(
            MetricGroup operatorGroup, IntSupplier filesPending, IntSupplier filesInProgress) {
        readFailures = new DeadLetterCounters(operatorGroup, FileReaderOperator.STAGE);
        extractFailures = new DeadLetterCounters(operatorGroup, FileReaderOperator.EXTRACT_STAGE);
        MetricGroup ccpairs = Metrics.ccpairs(operatorGroup);
        filesRead = ccpairs.counter("files_read");
        bytesRead = ccpairs.counter("bytes_read");
        records = ccpairs.counter("warc_records_read");
        pages = ccpairs.counter("html_pages_read");
        images = ccpairs.counter("images_seen");
        imagesWithoutAlt = ccpairs.counter("images_without_alt");
        imagesBadUrl = ccpairs.counter("images_bad_url");
        pairsExtracted = ccpairs.counter("pairs_extracted");
        retries = ccpairs.counter("read_retries");
        imagesDropped = new ReasonCounters(ccpairs, "images_dropped");
        recordsSkipped = new ReasonCounters(ccpairs, "records_skipped");
        ccpairs.gauge("files_pending", filesPending::getAsInt);
        ccpairs.gauge("files_in_progress", filesInProgress::getAsInt);
        backlog = new SegmentBacklog(ccpairs);
    }

    /** Counts what one record gave. */
    void record(RecordPairs record) {
        pages.inc();
        if (record.extraction() != null) {
            images.inc(record.extraction().images());
            imagesWithoutAlt.inc(record.extraction().withoutAlt());
            imagesBadUrl.inc(record.extraction().badUrl() + record.unnormalizable());
            record.extraction()
                    .badUrls()
                    .forEach((reason, n) -> imagesDropped.inc(reason.name(), n));
            imagesDropped.inc("UNNORMALIZABLE", record.unnormalizable());
        }
        pairsExtracted.inc(record.pairs().size());
    }
}
