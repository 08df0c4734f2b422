package org.ccpairs.jobs.model;

import java.util.List;

/**
 * A committed dataset version, as published on the versions topic.
 *
 * @param segmentsComplete segments that became complete with this version, in sequence order
 */
public record DatasetVersionRecord(
        long version,
        String table,
        String tableLocation,
        long snapshotId,
        long committedAtMillis,
        List<Segment> segmentsComplete,
        long pairsAdded,
        long pairsTotal) {}
