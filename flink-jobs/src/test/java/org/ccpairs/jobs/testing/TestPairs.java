package org.ccpairs.jobs.testing;

import java.util.ArrayList;
import java.util.List;
import org.ccpairs.jobs.dedup.PairIdentity;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;

/** Pairs and segments built in memory, with real ids, for stage tests. */
public final class TestPairs {
    public static final String CRAWL = "CC-TEST-2026-01";

    private TestPairs() {}

    /** Segment {@code seq} of {@link #CRAWL}, named {@code segment-<seq>}, with one file. */
    public static Segment segment(long seq) {
        return new Segment(seq, CRAWL, "segment-" + seq, "WARC", 1);
    }

    /**
     * A pair of segment {@code segmentSeq} for {@code imageUrl} and {@code caption}, with the id
     * {@link PairIdentity} gives it and made-up provenance.
     */
    public static Pair pair(long segmentSeq, String imageUrl, String caption) {
        PairIdentity identity = new PairIdentity();
        String id = identity.pairId(identity.normalizeUrl(imageUrl), caption);
        return new Pair(
                id,
                PairIdentity.dedupKey(id),
                imageUrl,
                caption,
                "https://example.org/page-" + segmentSeq + ".html",
                CRAWL,
                "segment-" + segmentSeq,
                segmentSeq,
                "file:///corpus/segment-" + segmentSeq + ".warc.gz",
                1234L,
                "<urn:uuid:00000000-0000-0000-0000-00000000000" + (segmentSeq % 10) + ">",
                1_767_225_600_000L,
                640,
                null);
    }

    /** {@code count} distinct pairs of segment {@code segmentSeq}. */
    public static List<Pair> pairs(long segmentSeq, int count) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pairs.add(
                    pair(
                            segmentSeq,
                            "https://img.example.org/s" + segmentSeq + "/" + i + ".png",
                            "caption " + i + " of segment " + segmentSeq));
        }
        return pairs;
    }
}
