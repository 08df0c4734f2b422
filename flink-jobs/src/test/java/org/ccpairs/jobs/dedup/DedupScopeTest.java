package org.ccpairs.jobs.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.Test;

/**
 * The two dedup scopes, across two crawls and across a restore, on the RocksDB state backend the
 * job runs on.
 */
class DedupScopeTest {
    private static final String URL = "https://img.example.org/cat.png";

    @Test
    void urlKeysAreTheFirst64BitsOfTheSha256OfTheNormalizedUrl() throws Exception {
        Pair p = TestPairs.pair(1, "https://IMG.example.org:443/a/../cat.png#top", "A cat");
        byte[] sha =
                MessageDigest.getInstance("SHA-256").digest(URL.getBytes(StandardCharsets.UTF_8));
        long expected = Long.parseUnsignedLong(HexFormat.of().formatHex(sha, 0, 8), 16);

        assertThat(DedupScope.URL.keySelector().getKey(p)).isEqualTo(expected);
        assertThat(DedupScope.URL_CAPTION.keySelector().getKey(p)).isEqualTo(p.dedupKey());
    }

    @Test
    void urlScopeDropsTheSameImageWithAnotherCaptionInALaterCrawlEvenAfterARestore()
            throws Exception {
        Pair crawl1 = TestPairs.pair(1, URL, "A cat");
        Pair crawl2SameCaption = inCrawl(TestPairs.pair(2, URL, "A cat"), "CC-MAIN-2026-05");
        Pair crawl2OtherCaption =
                inCrawl(
                        TestPairs.pair(2, "https://img.example.org/./cat.png", "My cat"),
                        "CC-MAIN-2026-05");

        OperatorSubtaskState snapshot;
        try (var h = harness(DedupScope.URL)) {
            h.open();
            h.processElement(crawl1, 0);
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness(DedupScope.URL)) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(crawl2SameCaption, 0);
            h.processElement(crawl2OtherCaption, 0);
            assertThat(h.extractOutputValues()).isEmpty();
        }

        try (var h = harness(DedupScope.URL_CAPTION)) {
            h.open();
            h.processElement(crawl1, 0);
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness(DedupScope.URL_CAPTION)) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(crawl2SameCaption, 0);
            h.processElement(crawl2OtherCaption, 0);
            assertThat(h.extractOutputValues()).containsExactly(crawl2OtherCaption);
        }
    }

    private static Pair inCrawl(Pair p, String crawl) {
        return new Pair(
                p.pairId(),
                p.dedupKey(),
                p.imageUrl(),
                p.caption(),
                p.pageUrl(),
                crawl,
                p.segmentId(),
                p.segmentSeq(),
                p.warcFile(),
                p.warcOffset(),
                p.warcRecordId(),
                p.fetchTimeMillis(),
                p.width(),
                p.height());
    }

    private static KeyedOneInputStreamOperatorTestHarness<Long, Pair, Pair> harness(
            DedupScope scope) throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new DedupFunction(Duration.ofDays(400))),
                        scope.keySelector(),
                        Types.LONG);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        return h;
    }
}
