package org.ccpairs.jobs.dedup;

import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;

/** The time-to-live of the job's long-lived keyed state (dedup, boilerplate caption counts). */
public final class KeyedTtl {
    private KeyedTtl() {}

    /**
     * Expires an entry {@code ttl} after it was last read or written, never returns an expired one,
     * and drops expired entries in full snapshots and in RocksDB's compaction (checking the clock
     * every 1000 entries), so that state spans crawls but stays bounded.
     */
    public static StateTtlConfig refreshedOnAccess(Duration ttl) {
        return StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnReadAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupFullSnapshot()
                .cleanupInRocksdbCompactFilter(1000)
                .build();
    }
}
