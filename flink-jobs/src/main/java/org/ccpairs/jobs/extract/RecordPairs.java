package org.ccpairs.jobs.extract;

import java.util.List;
import org.ccpairs.jobs.model.Pair;

/**
 * The pairs of one record, and where the record is.
 *
 * @param offset byte offset of the record in the file (of its gzip member when compressed)
 * @param recordIndex how many records of the stream were read up to and including this one
 * @param pairs the record's pairs in page order; may be empty
 * @param extraction what the extractor counted on the record; null when it had no page to read
 * @param unnormalizable image URLs the URL normalizer rejected
 */
public record RecordPairs(
        long offset,
        long recordIndex,
        List<Pair> pairs,
        Extraction extraction,
        int unnormalizable) {}
