package org.ccpairs.connectors.connect;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.ccpairs.connectors.announce.CrawlKey;
import org.ccpairs.connectors.announce.CrawlProgress;
import org.ccpairs.connectors.announce.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's {@link Ledger}: each crawl's progress is read once from Kafka Connect's committed
 * offsets, then kept in memory as the task announces (Connect commits the offsets after the records
 * are written). Not thread-safe.
 */
final class OffsetLedger implements Ledger {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetLedger.class);

    private final OffsetStorageReader offsets;
    private final Map<CrawlKey, CrawlProgress> known = new HashMap<>();

    OffsetLedger(OffsetStorageReader offsets) {
        this.offsets = offsets;
    }

    @Override
    public CrawlProgress progress(CrawlKey key) {
        return known.computeIfAbsent(key, this::read);
    }

    @Override
    public void record(CrawlProgress progress) {
        known.put(progress.key(), progress);
    }

    private CrawlProgress read(CrawlKey key) {
        Map<String, Object> offset = offsets.offset(ConnectOffsets.partition(key));
        try {
            return ConnectOffsets.progress(key, offset);
        } catch (IllegalArgumentException e) {
            // not ours (altered by hand?): announcing again is safer than never announcing
            LOG.warn("ignoring unreadable offset of {}: {}", key, e.getMessage());
            return CrawlProgress.none(key);
        }
    }
}
