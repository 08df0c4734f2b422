package org.ccpairs.jobs.extract;

import java.util.ArrayList;
import java.util.List;
import org.ccpairs.connectors.warc.HtmlPage;
import org.ccpairs.jobs.dedup.PairIdentity;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;

/**
 * Turns one HTML page into pairs with full provenance: the extractor finds the images, the identity
 * names each pair. Shared by the Flink stage and {@code ccpairs extract}. Not thread-safe: one per
 * task.
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

    private final ImageAltExtractor extractor = new ImageAltExtractor();
    private final PairIdentity identity = new PairIdentity();

    /**
     * The pairs of {@code page}, found in a file of {@code segment}.
     *
     * @throws RuntimeException when the HTML parser fails on the page; callers dead-letter the page
     */
    public Result of(HtmlPage page, Segment segment) {
        Extraction extraction = extractor.extract(page);
        List<Pair> pairs = new ArrayList<>(extraction.candidates().size());
        int unnormalizable = 0;
        Long fetchTime = page.fetchTime() == null ? null : page.fetchTime().toEpochMilli();
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
                            page.url(),
                            segment.crawlId(),
                            segment.segmentId(),
                            segment.seq(),
                            page.file(),
                            page.offset(),
                            page.recordId(),
                            fetchTime,
                            c.width(),
                            c.height()));
        }
        return new Result(pairs, extraction, unnormalizable);
    }
}
