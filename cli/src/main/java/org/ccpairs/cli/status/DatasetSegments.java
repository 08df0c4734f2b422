package org.ccpairs.cli.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.version.DatasetVersions;

/**
 * Reads a {@link DatasetView} from the dataset table: the segments its versions list as complete,
 * and the rows per segment in the newest snapshot. Only the crawl and segment columns of the files
 * that may hold the asked segments are read (Iceberg prunes the others by their column bounds).
 */
public final class DatasetSegments {
    private DatasetSegments() {}

    /**
     * The view for the segments whose {@code segment} label is in {@code segmentLabels} (the
     * reporter's form). Files are pruned by segment id when every label has Common Crawl's shape;
     * otherwise every row's ids are read.
     */
    public static DatasetView read(DatasetVersions versions, Set<String> segmentLabels) {
        Set<String> complete = new HashSet<>();
        Map<String, String> names = new HashMap<>();
        for (DatasetVersionRecord v : versions.list()) {
            for (Segment s : v.segmentsComplete()) {
                complete.add(key(s.crawlId(), s.segmentId()));
                names.put(key(s.crawlId(), s.segmentId()), s.crawlId() + "/" + s.segmentId());
            }
        }
        Map<String, Long> pairs = new HashMap<>();
        if (!segmentLabels.isEmpty() && versions.table().currentSnapshot() != null) {
            Set<String> ids = new HashSet<>();
            segmentLabels.forEach(l -> ids.add(JobStatus.segmentId(l)));
            var scan = IcebergGenerics.read(versions.table()).select("crawl_id", "segment_id");
            if (ids.stream().allMatch(id -> id.matches("\\d+\\.\\d+"))) {
                scan = scan.where(Expressions.in("segment_id", ids.toArray()));
            }
            try (CloseableIterable<Record> rows = scan.build()) {
                for (Record r : rows) {
                    String segment = (String) r.getField("segment_id");
                    if (segmentLabels.contains(JobStatus.sanitized(segment))) {
                        String crawl = (String) r.getField("crawl_id");
                        pairs.merge(key(crawl, segment), 1L, Long::sum);
                        names.putIfAbsent(key(crawl, segment), crawl + "/" + segment);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new DatasetView(complete, pairs, names);
    }

    private static String key(String crawl, String segment) {
        return JobStatus.sanitized(crawl) + "/" + JobStatus.sanitized(segment);
    }
}
