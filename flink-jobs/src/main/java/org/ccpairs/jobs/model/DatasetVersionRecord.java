package org.ccpairs.jobs.model;

import java.util.List;
import java.util.Map;

/**
 * A committed dataset version, as published on the versions topic.
 *
 * @param segmentsComplete segments that became complete with this version, in sequence order
 * @param segmentsPartial segments of which this version holds some pairs but that are not complete
 *     yet (versions cut by {@code dataset.version-max-interval}); empty otherwise
 * @param pairsRemoved rows this version deleted
 * @param pairsRemovedByReason those rows by reason; empty when none
 */
public record DatasetVersionRecord(
        long version,
        String table,
        String tableLocation,
        long snapshotId,
        long committedAtMillis,
        List<Segment> segmentsComplete,
        List<Segment> segmentsPartial,
        long pairsAdded,
        long pairsRemoved,
        Map<String, Long> pairsRemovedByReason,
        long pairsTotal) {

    /** A version that only adds pairs. */
    public DatasetVersionRecord(
            long version,
            String table,
            String tableLocation,
            long snapshotId,
            long committedAtMillis,
            List<Segment> segmentsComplete,
            long pairsAdded,
            long pairsTotal) {
        this(
                version,
                table,
                tableLocation,
                snapshotId,
                committedAtMillis,
                segmentsComplete,
                List.of(),
                pairsAdded,
                0,
                Map.of(),
                pairsTotal);
    }
}
