package org.ccpairs.jobs.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Retraction;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.testing.DatasetFixture;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading versions back: listing them, diffing two, exporting one. The table gets three versions
 * through the real committer: v1 completes segment 1 (3 pairs), v2 segment 2 (2,500 pairs, enough
 * for several export shards), v3 retracts segment 1's pairs, counting 3 removals for {@code
 * OPT_OUT}.
 */
class VersionReadingTest {
    @TempDir Path warehouse;
    @TempDir Path out;

    private DatasetFixture dataset;
    private DatasetVersions versions;
    private final List<Pair> segment1 = TestPairs.pairs(1, 3);
    private final List<Pair> segment2 = TestPairs.pairs(2, 2_500);

    @BeforeEach
    void threeVersions() throws Exception {
        dataset = new DatasetFixture(warehouse);
        try (var committer =
                new TwoInputStreamOperatorTestHarness<>(
                        new VersionCommitter(dataset.tableLoader(), "ccpairs.pairs"))) {
            committer.open();
            commitSegment(committer, 1, segment1);
            commitSegment(committer, 2, segment2);
            for (Pair p : segment1) {
                committer.processElement2(
                        Either.Right(new Retraction(p.pairId(), "OPT_OUT", "test", "", 1L)), 3);
            }
            committer.snapshot(3, 3);
            committer.notifyOfCompletedCheckpoint(3);
        }

        versions = DatasetVersions.open(DatasetSettings.hadoop(warehouse.toUri().toString()));
    }

    @Test
    void listsEveryVersionOldestFirstWithWhatItChanged() {
        List<DatasetVersionRecord> all = versions.list();

        assertThat(all).extracting(DatasetVersionRecord::version).containsExactly(1L, 2L, 3L);
        assertThat(all)
                .extracting(DatasetVersionRecord::pairsAdded)
                .containsExactly(3L, 2_500L, 0L);
        assertThat(all)
                .extracting(DatasetVersionRecord::pairsTotal)
                .containsExactly(3L, 2_503L, 2_500L);
        assertThat(all.get(2).pairsRemovedByReason()).containsExactly(Map.entry("OPT_OUT", 3L));
        assertThat(all.get(1).segmentsComplete()).containsExactly(TestPairs.segment(2));
    }

    @Test
    void findsAVersionWithOrWithoutItsVAndNamesTheOnesThereAre() {
        assertThat(versions.get("v2").version()).isEqualTo(2);
        assertThat(versions.get("2").snapshotId()).isEqualTo(dataset.tags().get("v2"));
        assertThatThrownBy(() -> versions.get("v9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no version 'v9'")
                .hasMessageContaining("it has v1 to v3");
    }

    @Test
    void refusesAWarehouseWithoutTheTable(@TempDir Path empty) {
        assertThatThrownBy(
                        () ->
                                DatasetVersions.open(
                                        DatasetSettings.hadoop(empty.toUri().toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no dataset table ccpairs.pairs");
    }

    @Test
    void diffCountsAndListsWhatWasAddedAndRemoved() {
        VersionDiff diff = VersionDiff.of(versions, "v1", "v3");

        assertThat(diff.versions())
                .extracting(DatasetVersionRecord::version)
                .containsExactly(2L, 3L);
        assertThat(diff.added()).isEqualTo(2_500);
        assertThat(diff.removedByReason()).containsExactly(Map.entry("OPT_OUT", 3L));
        List<String> added = new ArrayList<>();
        diff.addedIds(added::add);
        assertThat(added).containsExactlyInAnyOrderElementsOf(ids(segment2));
        List<String> removed = new ArrayList<>();
        diff.removedIds(removed::add);
        assertThat(removed).containsExactlyInAnyOrderElementsOf(ids(segment1));
    }

    @Test
    void diffWithoutRemovalsListsNone() {
        VersionDiff diff = VersionDiff.of(versions, "v1", "v2");
        List<String> removed = new ArrayList<>();
        diff.removedIds(removed::add);

        assertThat(diff.removedByReason()).isEmpty();
        assertThat(removed).isEmpty();
    }

    @Test
    void diffNeedsTheSecondVersionAfterTheFirst() {
        assertThatThrownBy(() -> VersionDiff.of(versions, "v2", "v1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must come after");
    }

    @Test
    void exportsAVersionAsParquetShardsWithLaionColumns() throws IOException {
        VersionExport.Result result =
                VersionExport.export(
                        versions, "v2", VersionExport.Format.PARQUET, out, 1, rows -> {});

        assertThat(result.rows()).isEqualTo(2_503);
        assertThat(result.shards()).as("a new shard every 1,000 rows at this size").hasSize(3);
        Schema schema = VersionExport.exportSchema(dataset.table().schema());
        List<Record> rows = new ArrayList<>();
        for (Path shard : result.shards()) {
            try (CloseableIterable<Record> read =
                    Parquet.read(org.apache.iceberg.Files.localInput(shard.toFile()))
                            .project(schema)
                            .createReaderFunc(s -> GenericParquetReaders.buildReader(schema, s))
                            .build()) {
                read.forEach(rows::add);
            }
        }
        assertThat(rows)
                .extracting(r -> (String) r.getField("pair_id"))
                .containsExactlyInAnyOrderElementsOf(ids(segment1, segment2));
        for (Record r : rows) {
            assertThat(r.getField("URL")).isEqualTo(r.getField("image_url"));
            assertThat(r.getField("TEXT")).isEqualTo(r.getField("caption"));
            assertThat(r.getField("WIDTH")).isEqualTo(r.getField("width"));
            assertThat(r.getField("warc_offset")).isEqualTo(1234L);
        }
    }

    @Test
    void exportsAVersionAsJsonLines() throws IOException {
        VersionExport.Result result =
                VersionExport.export(
                        versions, "v3", VersionExport.Format.JSONL, out, 64 << 10, rows -> {});

        assertThat(result.rows()).isEqualTo(2_500);
        assertThat(result.shards()).hasSizeGreaterThan(1);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Path shard : result.shards()) {
            for (String line : Files.readAllLines(shard)) {
                rows.add(parse(line));
            }
        }
        assertThat(rows)
                .extracting(r -> (String) r.get("pair_id"))
                .containsExactlyInAnyOrderElementsOf(ids(segment2));
        Map<String, Object> first = rows.get(0);
        assertThat(first.keySet())
                .startsWith(
                        "URL",
                        "TEXT",
                        "WIDTH",
                        "HEIGHT",
                        "LANGUAGE",
                        "LICENSE",
                        "punsafe",
                        "caption_unsafe")
                .containsAll(
                        dataset.table().schema().columns().stream().map(f -> f.name()).toList());
        assertThat(first.get("URL")).isEqualTo(first.get("image_url"));
        assertThat(first.get("LANGUAGE")).isEqualTo(first.get("language"));
        assertThat(first.get("punsafe")).isEqualTo(first.get("image_safety_score"));
        assertThat(first.get("caption_unsafe")).isEqualTo(first.get("caption_safety_score"));
        assertThat(first.get("fetch_time")).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(first.get("warc_offset")).isEqualTo(1234L);
    }

    @Test
    void refusesToExportIntoAFolderThatHasFiles() throws IOException {
        Files.writeString(out.resolve("keep.txt"), "mine");

        assertThatThrownBy(
                        () ->
                                VersionExport.export(
                                        versions,
                                        "v1",
                                        VersionExport.Format.JSONL,
                                        out,
                                        1 << 20,
                                        rows -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not empty");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).containsExactly(out.resolve("keep.txt"));
        }
    }

    private void commitSegment(
            TwoInputStreamOperatorTestHarness<
                            WrittenFiles, Either<Segment, Retraction>, DatasetVersionRecord>
                    committer,
            long seq,
            List<Pair> pairs)
            throws Exception {
        committer.processElement2(Either.Left(TestPairs.segment(seq)), seq);
        for (WrittenFiles f : dataset.write(seq, pairs)) {
            committer.processElement1(f, seq);
        }
        committer.processWatermark1(new Watermark(seq));
        committer.processWatermark2(new Watermark(seq));
        committer.snapshot(seq, seq);
        committer.notifyOfCompletedCheckpoint(seq);
    }

    private static Map<String, Object> parse(String line) throws IOException {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        try (JsonParser json = new JsonFactory().createParser(line)) {
            assertThat(json.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                row.put(
                        name,
                        switch (value) {
                            case VALUE_NULL -> null;
                            case VALUE_NUMBER_INT -> json.getLongValue();
                            case VALUE_TRUE, VALUE_FALSE -> json.getBooleanValue();
                            default -> json.getText();
                        });
            }
        }
        return row;
    }

    @SafeVarargs
    private static List<String> ids(List<Pair>... lists) {
        List<String> ids = new ArrayList<>();
        for (List<Pair> l : lists) {
            l.forEach(p -> ids.add(p.pairId()));
        }
        return ids;
    }
}
