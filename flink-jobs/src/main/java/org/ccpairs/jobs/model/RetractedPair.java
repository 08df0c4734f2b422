package org.ccpairs.jobs.model;

/**
 * A pair a dataset version removed, as published on the retractions topic: the request and the
 * version that applied it.
 *
 * @param version the first version without the pair
 * @param snapshotId that version's snapshot
 */
public record RetractedPair(Retraction retraction, long version, long snapshotId) {}
