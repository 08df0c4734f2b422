package org.ccpairs.jobs.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.testing.DatasetFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionSummaryTest {
    @TempDir Path warehouse;

    private DatasetFixture dataset;

    @BeforeEach
    void createTable() {
        dataset = new DatasetFixture(warehouse);
    }

    @Test
    void segmentsRoundTripThroughTheirEncoding() {
        List<Segment> segments =
                List.of(
                        new Segment(
                                1,
                                "CC-MAIN-2024-51",
                                "1733066035855.10",
                                "WARC",
                                900,
                                1767225600000L),
                        new Segment(12, "CC-MAIN-2025-05", "1736000000000.0", "WAT", 1));

        String encoded = VersionSummary.encodeSegments(segments);

        assertThat(encoded)
                .isEqualTo(
                        "1|CC-MAIN-2024-51|1733066035855.10|WARC|900|1767225600000,"
                                + "12|CC-MAIN-2025-05|1736000000000.0|WAT|1|0");
        assertThat(VersionSummary.decodeSegments(encoded)).isEqualTo(segments);
    }

    @Test
    void summariesWrittenBeforeAnnouncementTimesStillDecode() {
        assertThat(VersionSummary.decodeSegments("1|CC-MAIN-2024-51|1733066035855.10|WARC|900"))
                .containsExactly(
                        new Segment(1, "CC-MAIN-2024-51", "1733066035855.10", "WARC", 900, 0));
    }

    @Test
    void noSegmentsEncodeAsEmptyAndNullOrEmptyDecodeAsNone() {
        assertThat(VersionSummary.encodeSegments(List.of())).isEmpty();
        assertThat(VersionSummary.decodeSegments("")).isEmpty();
        assertThat(VersionSummary.decodeSegments(null)).isEmpty();
    }

    /**
     * Announcements only require crawl and segment ids to be non-blank, so an id may contain the
     * separators. The committer decodes its own summary right after committing (and again on every
     * restore), so such a segment fails the committer after its commit, on every restart.
     */
    @Test
    void idsWithSeparatorCharactersRoundTrip() {
        List<Segment> segments =
                List.of(
                        new Segment(1, "CC-TEST", "part|1", "WARC", 1),
                        new Segment(2, "CC,TEST", "part-2", "WARC", 1));

        assertThat(VersionSummary.decodeSegments(VersionSummary.encodeSegments(segments)))
                .isEqualTo(segments);
    }

    @Test
    void anEmptyTableHasVersionZero() {
        Table table = dataset.table();

        assertThat(table.currentSnapshot()).isNull();
        assertThat(VersionSummary.latestVersion(table)).isZero();
        assertThat(VersionSummary.versionsOf(table, null, 0)).isEmpty();
    }

    @Test
    void latestVersionSkipsSnapshotsThatAreNotVersions() {
        Table table = dataset.table();
        commitVersion(table, 1, "lineage-a");
        commitVersion(table, 2, "lineage-a");
        table.newAppend().set("maintenance", "true").commit(); // e.g. a compaction

        assertThat(VersionSummary.latestVersion(table)).isEqualTo(2);
    }

    @Test
    void aTableWithoutVersionSnapshotsHasVersionZero() {
        Table table = dataset.table();
        table.newAppend().commit();

        assertThat(VersionSummary.latestVersion(table)).isZero();
    }

    @Test
    void versionsOfFiltersByLineageAndVersionOldestFirst() {
        Table table = dataset.table();
        Snapshot v1 = commitVersion(table, 1, "lineage-a");
        Snapshot v2 = commitVersion(table, 2, "lineage-a");
        Snapshot v3 = commitVersion(table, 3, "lineage-b");
        table.newAppend().commit(); // not a version
        Snapshot v4 = commitVersion(table, 4, "lineage-a");

        assertThat(ids(VersionSummary.versionsOf(table, "lineage-a", 0)))
                .containsExactly(v1.snapshotId(), v2.snapshotId(), v4.snapshotId());
        assertThat(ids(VersionSummary.versionsOf(table, "lineage-b", 0)))
                .containsExactly(v3.snapshotId());
        assertThat(ids(VersionSummary.versionsOf(table, null, 2)))
                .containsExactly(v3.snapshotId(), v4.snapshotId());
        assertThat(ids(VersionSummary.versionsOf(table, "lineage-a", 1)))
                .containsExactly(v2.snapshotId(), v4.snapshotId());
        assertThat(VersionSummary.versionsOf(table, "lineage-a", 4)).isEmpty();
        assertThat(VersionSummary.versionsOf(table, "lineage-c", 0)).isEmpty();
    }

    @Test
    void aVersionSnapshotBecomesItsVersionRecord() {
        Table table = dataset.table();
        List<Segment> segments =
                List.of(
                        new Segment(3, "CC-MAIN-2024-51", "s3", "WARC", 2),
                        new Segment(4, "CC-MAIN-2024-51", "s4", "WARC", 5));
        table.newAppend()
                .set(VersionSummary.VERSION, "7")
                .set(VersionSummary.LINEAGE, "lineage-a")
                .set(VersionSummary.CHECKPOINT_ID, "42")
                .set(VersionSummary.MAX_SEGMENT_SEQ, "4")
                .set(VersionSummary.SEGMENTS_COMPLETE, VersionSummary.encodeSegments(segments))
                .commit();
        table.refresh();
        Snapshot snapshot = table.currentSnapshot();

        DatasetVersionRecord record = VersionSummary.toRecord(table, "ccpairs.pairs", snapshot);

        assertThat(record)
                .isEqualTo(
                        new DatasetVersionRecord(
                                7,
                                "ccpairs.pairs",
                                table.location(),
                                snapshot.snapshotId(),
                                snapshot.timestampMillis(),
                                segments,
                                0,
                                0));
    }

    /**
     * Snapshot expiry keeps tagged versions but may remove an untagged snapshot between the current
     * one and the newest version (two compactions in a row, the first expired). The way back then
     * ends early; the tags still say which version is newest, so no number is handed out twice.
     */
    @Test
    void theNewestVersionIsFoundWhenExpiryCutTheWayBackToIt() {
        Table table = dataset.table();
        Snapshot v1 = commitVersion(table, 1, "lineage-a");
        table.manageSnapshots().createTag("v1", v1.snapshotId()).commit();
        Snapshot v2 = commitVersion(table, 2, "lineage-a");
        table.manageSnapshots().createTag("v2", v2.snapshotId()).commit();
        table.newAppend().commit(); // not a version, as a compaction's snapshot
        table.refresh();
        long notAVersion = table.currentSnapshot().snapshotId();
        table.newAppend().commit();
        table.expireSnapshots().expireSnapshotId(notAVersion).commit();
        table.refresh();

        assertThat(table.snapshot(notAVersion)).isNull();
        assertThat(VersionSummary.latestVersion(table)).isEqualTo(2);
        assertThat(VersionSummary.latestVersionCommitMillis(table)).isEqualTo(v2.timestampMillis());
        assertThat(ids(VersionSummary.versionsOf(table, null, 0)))
                .containsExactly(v1.snapshotId(), v2.snapshotId());
        assertThat(ids(VersionSummary.versionsOf(table, "lineage-a", 1)))
                .containsExactly(v2.snapshotId());
    }

    private static Snapshot commitVersion(Table table, long version, String lineage) {
        table.newAppend()
                .set(VersionSummary.VERSION, Long.toString(version))
                .set(VersionSummary.LINEAGE, lineage)
                .set(VersionSummary.MAX_SEGMENT_SEQ, Long.toString(version))
                .commit();
        table.refresh();
        return table.currentSnapshot();
    }

    private static List<Long> ids(List<Snapshot> snapshots) {
        return snapshots.stream().map(Snapshot::snapshotId).toList();
    }
}
