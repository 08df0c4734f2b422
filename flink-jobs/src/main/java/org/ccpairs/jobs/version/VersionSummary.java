package org.ccpairs.jobs.version;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.Segment;

/**
 * What a version snapshot records about itself, in its Iceberg summary properties. The table is the
 * source of truth for version numbers: the next version is one more than the newest snapshot that
 * has {@link #VERSION}, whatever happened to the job in between.
 */
public final class VersionSummary {
    public static final String VERSION = "ccpairs.version";

    /** Identifies one job's commit history, kept in the committer's state across restarts. */
    public static final String LINEAGE = "ccpairs.lineage";

    public static final String CHECKPOINT_ID = "ccpairs.checkpoint-id";

    /** The highest segment sequence number this version completed. */
    public static final String MAX_SEGMENT_SEQ = "ccpairs.max-segment-seq";

    /**
     * The segments this version completed, comma-separated: {@code
     * seq|crawl|segment|kind|files|announced-at-millis}.
     */
    public static final String SEGMENTS_COMPLETE = "ccpairs.segments-complete";

    /**
     * Segments of which the version holds some pairs but that are not complete, encoded the same
     * way.
     */
    public static final String SEGMENTS_PARTIAL = "ccpairs.segments-partial";

    /**
     * Prefix of the properties counting removed pairs by reason: {@code ccpairs.removed.<REASON>}.
     */
    public static final String REMOVED_PREFIX = "ccpairs.removed.";

    /**
     * The pairs this version added. Iceberg's own {@code added-records} says the same for versions
     * that only add; this one is kept for all, as a version that also deletes is a row delta.
     */
    public static final String PAIRS_ADDED = "ccpairs.pairs-added";

    /**
     * The pairs in the dataset at this version: the previous version's total, plus those added,
     * minus those removed. Iceberg's {@code total-records} counts rows of data files, deleted or
     * not, so it is right only until the first deletion.
     */
    public static final String PAIRS_TOTAL = "ccpairs.pairs-total";

    /** How many of this version's retractions found no pair to remove; absent when none. */
    public static final String RETRACTIONS_UNMATCHED = "ccpairs.retractions-unmatched";

    private VersionSummary() {}

    /** The number of pairs at the newest version of {@code table}, 0 when it has none. */
    public static long latestVersionTotal(Table table) {
        Snapshot latest = latestVersionSnapshot(table);
        return latest == null ? 0 : pairsTotal(latest);
    }

    private static long pairsTotal(Snapshot s) {
        Map<String, String> summary = s.summary();
        String total = summary.get(PAIRS_TOTAL);
        return Long.parseLong(
                total != null
                        ? total
                        : summary.getOrDefault(SnapshotSummary.TOTAL_RECORDS_PROP, "0"));
    }

    /** The commit time of the newest version in {@code table}, 0 when it has none. */
    public static long latestVersionCommitMillis(Table table) {
        Snapshot latest = latestVersionSnapshot(table);
        return latest == null ? 0 : latest.timestampMillis();
    }

    /** The newest version in {@code table}, 0 when it has none. */
    public static long latestVersion(Table table) {
        Snapshot latest = latestVersionSnapshot(table);
        return latest == null ? 0 : version(latest);
    }

    /**
     * The snapshot of the newest version: the first version snapshot on the way back from the
     * current snapshot, or the snapshot of the highest {@code vN} tag if that is newer. Tags count
     * because snapshot expiry may cut the way back (an expired compaction snapshot between two
     * versions), and a version number must never be handed out twice.
     */
    private static Snapshot latestVersionSnapshot(Table table) {
        Snapshot latest = null;
        for (Snapshot s = table.currentSnapshot(); s != null; s = parent(table, s)) {
            if (s.summary().get(VERSION) != null) {
                latest = s;
                break;
            }
        }
        for (Snapshot tagged : taggedVersions(table)) {
            if (latest == null || version(tagged) > version(latest)) {
                latest = tagged;
            }
        }
        return latest;
    }

    /**
     * Version snapshots of {@code lineage} (of any lineage when null) newer than {@code
     * afterVersion}, oldest first: those on the way back from the current snapshot, and those still
     * tagged {@code vN} (which snapshot expiry keeps even when it removed a snapshot in between).
     */
    public static List<Snapshot> versionsOf(Table table, String lineage, long afterVersion) {
        Map<Long, Snapshot> found = new TreeMap<>();
        for (Snapshot s = table.currentSnapshot(); s != null; s = parent(table, s)) {
            if (s.summary().get(VERSION) == null) {
                continue;
            }
            if (version(s) <= afterVersion) {
                break;
            }
            found.put(version(s), s);
        }
        for (Snapshot s : taggedVersions(table)) {
            if (version(s) > afterVersion) {
                found.putIfAbsent(version(s), s);
            }
        }
        return found.values().stream()
                .filter(s -> lineage == null || lineage.equals(s.summary().get(LINEAGE)))
                .toList();
    }

    /** The version snapshots that tags {@code v<N>} point to. */
    private static List<Snapshot> taggedVersions(Table table) {
        List<Snapshot> tagged = new ArrayList<>();
        table.refs()
                .forEach(
                        (name, ref) -> {
                            Snapshot s = ref.isTag() ? table.snapshot(ref.snapshotId()) : null;
                            if (name.matches("v[0-9]+")
                                    && s != null
                                    && s.summary().get(VERSION) != null) {
                                tagged.add(s);
                            }
                        });
        return tagged;
    }

    /** How many data files {@code snapshot} added, from its summary. */
    public static int addedDataFiles(Snapshot snapshot) {
        return Integer.parseInt(
                snapshot.summary().getOrDefault(SnapshotSummary.ADDED_FILES_PROP, "0"));
    }

    private static long version(Snapshot s) {

        return Long.parseLong(s.summary().get(VERSION));
    }

    /**
     * Encodes segments for {@link #SEGMENTS_COMPLETE}; every id is URL-encoded, so any id is safe.
     */
    public static String encodeSegments(List<Segment> segments) {
        StringBuilder out = new StringBuilder();
        for (Segment s : segments) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(s.seq())
                    .append('|')
                    .append(escape(s.crawlId()))
                    .append('|')
                    .append(escape(s.segmentId()))
                    .append('|')
                    .append(escape(s.fileKind()))
                    .append('|')
                    .append(s.fileCount())
                    .append('|')
                    .append(s.announcedAtMillis());
        }
        return out.toString();
    }

    /**
     * Decodes {@link #encodeSegments}.
     *
     * @throws IllegalArgumentException when {@code encoded} was not written by {@link
     *     #encodeSegments}
     */
    public static List<Segment> decodeSegments(String encoded) {
        List<Segment> segments = new ArrayList<>();
        if (encoded == null || encoded.isEmpty()) {
            return segments;
        }
        for (String item : encoded.split(",")) {
            String[] f = item.split("\\|", -1);
            if (f.length != 5 && f.length != 6) { // 5: before announcement times were recorded
                throw new IllegalArgumentException("not an encoded segment: '" + item + "'");
            }
            segments.add(
                    new Segment(
                            Long.parseLong(f[0]),
                            unescape(f[1]),
                            unescape(f[2]),
                            unescape(f[3]),
                            Integer.parseInt(f[4]),
                            f.length == 6 ? Long.parseLong(f[5]) : 0));
        }
        return segments;
    }

    private static String escape(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String unescape(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /**
     * The version event of a version snapshot.
     *
     * @param tableName the table's identifier in its catalog, e.g. {@code ccpairs.pairs}
     */
    public static DatasetVersionRecord toRecord(Table table, String tableName, Snapshot snapshot) {
        Map<String, String> summary = snapshot.summary();
        Map<String, Long> removedByReason = new TreeMap<>();
        summary.forEach(
                (key, value) -> {
                    if (key.startsWith(REMOVED_PREFIX)) {
                        removedByReason.put(
                                key.substring(REMOVED_PREFIX.length()), Long.parseLong(value));
                    }
                });
        return new DatasetVersionRecord(
                Long.parseLong(summary.get(VERSION)),
                tableName,
                table.location(),
                snapshot.snapshotId(),
                snapshot.timestampMillis(),
                decodeSegments(summary.get(SEGMENTS_COMPLETE)),
                decodeSegments(summary.get(SEGMENTS_PARTIAL)),
                Long.parseLong(
                        summary.getOrDefault(
                                PAIRS_ADDED,
                                summary.getOrDefault(SnapshotSummary.ADDED_RECORDS_PROP, "0"))),
                removedByReason.values().stream().mapToLong(Long::longValue).sum(),
                Map.copyOf(removedByReason),
                pairsTotal(snapshot));
    }

    private static Snapshot parent(Table table, Snapshot s) {
        return s.parentId() == null ? null : table.snapshot(s.parentId());
    }
}
