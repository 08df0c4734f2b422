package org.ccpairs.cli.status;

import java.util.Map;
import java.util.Set;

/**
 * What the dataset says about segments: those a version lists as complete, and the rows each has in
 * the newest snapshot. Keys are {@code crawl/segment} as Flink's Prometheus reporter writes label
 * values ({@link JobStatus#sanitized}), so that they match the metrics.
 */
public record DatasetView(
        Set<String> complete, Map<String, Long> pairs, Map<String, String> names) {
    /**
     * @param names the real {@code crawl/segment} of each key the dataset knows, to show instead of
     *     the reporter's form
     */
    public DatasetView {
        complete = Set.copyOf(complete);
        pairs = Map.copyOf(pairs);
        names = Map.copyOf(names);
    }
}
