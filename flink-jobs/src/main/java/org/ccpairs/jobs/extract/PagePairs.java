package org.ccpairs.jobs.extract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ccpairs.connectors.warc.HtmlPage;
import org.ccpairs.jobs.dedup.PairIdentity;
import org.ccpairs.jobs.extract.html.StreamingImageAltExtractor;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;

/**
 * Turns one page into pairs with full provenance: an extractor finds the images, the identity names
 * each pair. Shared by the Flink stage, {@code ccpairs extract} and the WAT reader. Not
 * thread-safe: one per task.
 */
public final class PagePairs {
    /**
     * What one page gave.
     *
     * @param pairs the pairs, in page order
     * @param extraction the extractor's counts
     * @param unnormalizable image URLs the URL normalizer rejected
     */
    public record Result(List<Pair> pairs, Extraction extraction, int unnormalizable) {}

    /**
     * Where a page came from.
     *
     * @param file the file read (WARC or WAT)
     * @param offset offset of the record read in {@code file}
     * @param recordId WARC-Record-ID of the record read
     * @param url the page URL
     * @param fetchTime capture time; null when unknown
     * @param truncated whether the page's payload was cut
     * @param sourceFormat WARC or WAT
     * @param responseRecordId WARC-Record-ID of the HTTP response the page was captured in
     */
    public record Origin(
            String file,
            long offset,
            String recordId,
            String url,
            Instant fetchTime,
            boolean truncated,
            String sourceFormat,
            String responseRecordId) {
        static Origin of(HtmlPage page) {
            return new Origin(
                    page.file(),
                    page.offset(),
                    page.recordId(),
                    page.url(),
                    page.fetchTime(),
                    page.truncated(),
                    "WARC",
                    page.recordId());
        }
    }

    private final ImageAltExtractor extractor;
    private final PairIdentity identity = new PairIdentity();

    /** Pairs found by the streaming extractor, the one the pipeline runs. */
    public PagePairs() {
        this(new StreamingImageAltExtractor());
    }

    public PagePairs(ImageAltExtractor extractor) {
        this.extractor = extractor;
    }

    /**
     * The pairs of {@code page}, found in a file of {@code segment}.
     *
     * @throws RuntimeException when the extractor fails on the page; callers dead-letter the page
     */
    public Result of(HtmlPage page, Segment segment) {
        return of(extractor.extract(page), Origin.of(page), segment);
    }

    /** The pairs of an extraction made elsewhere (a WAT record). */
    public Result of(Extraction extraction, Origin origin, Segment segment) {
        List<Pair> pairs = new ArrayList<>(extraction.candidates().size());
        int unnormalizable = 0;
        Long fetchTime = origin.fetchTime() == null ? null : origin.fetchTime().toEpochMilli();
        PageSignals s = extraction.signals();
        for (ImageCandidate c : extraction.candidates()) {
            String normalized = identity.normalizeUrl(c.imageUrl());
            if (normalized == null) {
                unnormalizable++;
                continue;
            }
            String pairId = identity.pairId(normalized, c.caption());
            pairs.add(
                    new Pair(
                            pairId,
                            PairIdentity.dedupKey(pairId),
                            c.imageUrl(),
                            c.caption(),
                            origin.url(),
                            segment.crawlId(),
                            segment.segmentId(),
                            segment.seq(),
                            origin.file(),
                            origin.offset(),
                            origin.recordId(),
                            fetchTime,
                            c.width(),
                            c.height(),
                            c.captionTruncated(),
                            c.title(),
                            c.figcaption(),
                            c.position(),
                            c.urlSource(),
                            c.srcsetWidth(),
                            origin.truncated(),
                            s.language(),
                            s.robots(),
                            s.tdmReservation(),
                            s.tdmPolicy(),
                            s.licenseUrl(),
                            s.licenseId(),
                            origin.sourceFormat(),
                            origin.responseRecordId(),
                            null, // the link check comes later
                            null)); // and so does the screening
        }
        return new Result(pairs, extraction, unnormalizable);
    }
}
