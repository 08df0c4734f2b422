package org.ccpairs.cli.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's progress per segment, from the metrics the overview dashboard shows (names in
 * docs/metrics.md) and, when the dataset can be read, from its versions:
 *
 * <ul>
 *   <li>files: {@code ccpairs_crawl_segment_kind_files} (the sequencer, newest 200 segments);
 *   <li>unread: the sum over reader subtasks of {@code ccpairs_crawl_segment_kind_files_unread}
 *       (absent once a subtask has read all of a segment's files);
 *   <li>age: now minus {@code ccpairs_crawl_segment_kind_announced_timestamp_seconds};
 *   <li>state: {@code complete} when a version lists the segment as complete, else {@code reading}
 *       while files are unread, else {@code committing} (read, waiting for its version). Without
 *       the dataset, a segment counts as complete when its sequence number is at most {@code
 *       ccpairs_last_segment_seq - ccpairs_segments_open}: versions complete segments in sequence
 *       order;
 *   <li>pairs kept: rows of the segment in the dataset's newest snapshot (unknown without it).
 * </ul>
 *
 * Flink's reporter writes label values with every character but letters, digits, ':' and '_'
 * replaced by '_' ({@code CC-MAIN-2025-05} becomes {@code CC_MAIN_2025_05}); ids of that shape are
 * shown as Common Crawl writes them ({@link #crawlId}, {@link #segmentId}), and the dataset is
 * matched on the reporter's form ({@link #sanitized}).
 */
public record JobStatus(Summary summary, List<SegmentRow> segments) {
    static final String PREFIX = "flink_taskmanager_job_task_operator_ccpairs_";

    /** The job-wide numbers; NaN where the job exports nothing (yet). */
    public record Summary(
            double lastVersion,
            double lastVersionAgeSeconds,
            double segmentsOpen,
            double oldestOpenSegmentAgeSeconds,
            double announcementLag) {}

    public enum State {
        READING,
        COMMITTING,
        COMPLETE;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    /** One segment's row; {@code pairsKept} is null when the dataset was not read. */
    public record SegmentRow(
            String crawl,
            String segment,
            String kind,
            long seq,
            long files,
            long unread,
            State state,
            Long pairsKept,
            Duration age) {
        /**
         * Files read (or dead-lettered) of the segment's files. A complete segment has read them
         * all, whatever a scrape taken a moment before the dataset was read still said.
         */
        public long done() {
            return state == State.COMPLETE ? files : Math.max(0, files - unread);
        }

        public String key() {
            return crawl + "/" + segment;
        }
    }

    /**
     * The status of the job whose metrics are {@code metrics}; {@code dataset} may be null.
     *
     * @param limit the newest this many segments (by sequence number)
     */
    public static JobStatus of(
            PrometheusText metrics, DatasetView dataset, Instant now, int limit) {
        Summary summary =
                new Summary(
                        metrics.max(PREFIX + "last_version"),
                        metrics.max(PREFIX + "last_version_age_seconds"),
                        metrics.max(PREFIX + "segments_open"),
                        metrics.max(PREFIX + "oldest_open_segment_age_seconds"),
                        metrics.max(
                                "flink_taskmanager_job_task_operator_KafkaSourceReader_KafkaConsumer_records_lag_max"));
        Map<String, Long> unread = new HashMap<>();
        for (var s : metrics.samples(PREFIX + "crawl_segment_kind_files_unread")) {
            unread.merge(key(s), (long) s.value(), Long::sum);
        }
        Map<String, Double> seqs = byKey(metrics, "crawl_segment_kind_seq");
        Map<String, Double> announced =
                byKey(metrics, "crawl_segment_kind_announced_timestamp_seconds");
        double lastSeq = metrics.max(PREFIX + "last_segment_seq");
        List<SegmentRow> rows = new ArrayList<>();
        Map<String, PrometheusText.Sample> files = new HashMap<>();
        for (var s : metrics.samples(PREFIX + "crawl_segment_kind_files")) {
            files.putIfAbsent(key(s), s); // the same series from several scrapes: one row
        }
        for (var e : files.entrySet()) {
            var s = e.getValue();
            String k = e.getKey();
            long seq = Math.round(seqs.getOrDefault(k, 0.0));
            long left = unread.getOrDefault(k, 0L);
            String segmentKey = s.label("crawl") + "/" + s.label("segment"); // sanitized
            boolean complete =
                    dataset != null
                            ? dataset.complete().contains(segmentKey)
                            : !Double.isNaN(lastSeq)
                                    && !Double.isNaN(summary.segmentsOpen())
                                    && seq <= lastSeq - summary.segmentsOpen();
            State state = complete ? State.COMPLETE : left > 0 ? State.READING : State.COMMITTING;
            Double at = announced.get(k);
            String[] ids =
                    dataset != null && dataset.names().containsKey(segmentKey)
                            ? dataset.names().get(segmentKey).split("/", 2)
                            : new String[] {
                                crawlId(s.label("crawl")), segmentId(s.label("segment"))
                            };
            rows.add(
                    new SegmentRow(
                            ids[0],
                            ids[1],
                            s.label("kind"),
                            seq,
                            Math.round(s.value()),
                            left,
                            state,
                            dataset == null ? null : dataset.pairs().getOrDefault(segmentKey, 0L),
                            at == null
                                    ? null
                                    : Duration.between(
                                            Instant.ofEpochMilli((long) (at * 1000)), now)));
        }
        rows.sort(Comparator.comparingLong(SegmentRow::seq));
        if (rows.size() > limit) {
            rows = new ArrayList<>(rows.subList(rows.size() - limit, rows.size()));
        }
        return new JobStatus(summary, rows);
    }

    /** A label value as Flink's Prometheus reporter writes it. */
    public static String sanitized(String value) {
        return value.replaceAll("[^a-zA-Z0-9:_]", "_");
    }

    /** {@code CC_MAIN_2025_05} back to {@code CC-MAIN-2025-05}; other values unchanged. */
    public static String crawlId(String label) {
        return label.matches("CC_[A-Z]+_\\d{4}_\\d{2}") ? label.replace('_', '-') : label;
    }

    /** {@code 1736524513513_10} back to {@code 1736524513513.10}; other values unchanged. */
    public static String segmentId(String label) {
        return label.matches("\\d+_\\d+") ? label.replace('_', '.') : label;
    }

    private static Map<String, Double> byKey(PrometheusText metrics, String name) {
        Map<String, Double> values = new HashMap<>();
        for (var s : metrics.samples(PREFIX + name)) {
            values.merge(key(s), s.value(), Math::max);
        }
        return values;
    }

    private static String key(PrometheusText.Sample s) {
        return s.label("crawl") + "/" + s.label("segment") + "/" + s.label("kind");
    }

    static String value(double v) {
        return Double.isNaN(v) ? "-" : Long.toString(Math.round(v));
    }
}
