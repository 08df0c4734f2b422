package org.ccpairs.jobs.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.flink.sink.WriteResultSerializer;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.WriteResult;
import org.apache.iceberg.parquet.Parquet;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.testing.CapturedMetrics;
import org.ccpairs.jobs.testing.DatasetFixture;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DatasetWriter} under a harness, writing real Parquet files of a real Iceberg table. */
class DatasetWriterTest {
    @TempDir Path warehouse;

    private DatasetFixture dataset;
    private final WriteResultSerializer serializer = new WriteResultSerializer();

    @BeforeEach
    void createTable() {
        dataset = new DatasetFixture(warehouse);
    }

    @Test
    void pairsOfTwoSegmentsGoToSeparateFilesAtTheBarrier() throws Exception {
        List<Pair> first = TestPairs.pairs(1, 3);
        List<Pair> second = TestPairs.pairs(2, 2);
        CapturedMetrics metrics = new CapturedMetrics();
        try (var writer = writer(metrics)) {
            writer.open();
            writer.processElement(first.get(0), 1);
            writer.processElement(second.get(0), 2);
            writer.processElement(first.get(1), 1);
            writer.processElement(second.get(1), 2);
            writer.processElement(first.get(2), 1);

            assertThat(writer.extractOutputValues()).as("nothing before the barrier").isEmpty();

            writer.prepareSnapshotPreBarrier(7);

            List<WrittenFiles> written = writer.extractOutputValues();
            assertThat(written)
                    .extracting(
                            WrittenFiles::checkpointId,
                            WrittenFiles::segmentSeq,
                            WrittenFiles::subtask,
                            WrittenFiles::serializerVersion)
                    .containsExactlyInAnyOrder(
                            tuple(7L, 1L, 0, serializer.getVersion()),
                            tuple(7L, 2L, 0, serializer.getVersion()));
            assertThat(recordCount(bySegment(written, 1))).isEqualTo(3);
            assertThat(recordCount(bySegment(written, 2))).isEqualTo(2);
            for (DataFile file : dataFiles(written)) {
                assertThat(file.format()).isEqualTo(FileFormat.PARQUET);
                assertThat(Files.exists(Path.of(URI.create(file.location())))).isTrue();
                assertThat(file.partition().get(0, String.class)).isEqualTo(TestPairs.CRAWL);
            }
            assertThat(metrics.counter("ccpairs", "dataset_rows_written")).isEqualTo(5);
            assertThat(dataset.table().currentSnapshot()).as("the writer commits nothing").isNull();

            // each segment's files hold exactly that segment's pairs
            assertThat(idsInFiles(bySegment(written, 2)))
                    .containsExactlyInAnyOrderElementsOf(ids(second));
            assertThat(idsInFiles(bySegment(written, 1)))
                    .containsExactlyInAnyOrderElementsOf(ids(first));
        }
    }

    @Test
    void closingWithoutABarrierDeletesTheFilesOfTheAttempt() throws Exception {
        Path data = warehouse.resolve("ccpairs/pairs/data");
        // a 1-byte target size makes the writer roll over to a new file every 1000 rows (when
        // Iceberg checks the size), so closed files are on disk before any barrier
        try (var writer =
                new OneInputStreamOperatorTestHarness<Pair, WrittenFiles>(
                        new DatasetWriter(dataset.tableLoader(), 1))) {
            writer.open();
            for (Pair p : TestPairs.pairs(1, 2500)) {
                writer.processElement(p, 1);
            }
            assertThat(parquetFilesUnder(data)).as("files rolled over so far").hasSize(2);
        }

        assertThat(parquetFilesUnder(data)).as("an attempt that failed leaves no files").isEmpty();
    }

    @Test
    void eachBarrierHandsOnOnlyWhatWasWrittenSinceThePreviousOne() throws Exception {
        try (var writer = writer(new CapturedMetrics())) {
            writer.open();
            for (Pair p : TestPairs.pairs(1, 4)) {
                writer.processElement(p, 1);
            }
            writer.prepareSnapshotPreBarrier(1);
            writer.prepareSnapshotPreBarrier(2); // nothing written in between: nothing handed on
            writer.processElement(TestPairs.pairs(1, 5).get(4), 1);
            writer.prepareSnapshotPreBarrier(3);

            List<WrittenFiles> written = writer.extractOutputValues();
            assertThat(written).extracting(WrittenFiles::checkpointId).containsExactly(1L, 3L);
            assertThat(recordCount(written.subList(0, 1))).isEqualTo(4);
            assertThat(recordCount(written.subList(1, 2))).isEqualTo(1);
        }
    }

    @Test
    void everyColumnOfAPairLandsInTheTable() throws Exception {
        Pair full = TestPairs.pair(1, "https://img.example.org/full.png", "Full row");
        Pair sparse =
                new Pair(
                        "0123456789abcdef0123456789abcdef",
                        0x0123456789abcdefL,
                        "https://img.example.org/sparse.png",
                        "Sparse row",
                        "https://example.org/p.html",
                        TestPairs.CRAWL,
                        "segment-1",
                        1,
                        "file:///corpus/x.warc.gz",
                        0,
                        "<urn:uuid:x>",
                        null,
                        null,
                        null);
        List<WrittenFiles> written = dataset.write(1, List.of(full, sparse));
        Table table = dataset.table();
        AppendFiles append = table.newAppend();
        dataFiles(written).forEach(append::appendFile);
        append.commit();
        table.refresh();

        List<Record> rows = dataset.rowsAt(table.currentSnapshot().snapshotId());

        assertThat(rows).hasSize(2);
        Record fullRow = rowOf(rows, full.pairId());
        assertThat(fullRow.getField("image_url")).isEqualTo(full.imageUrl());
        assertThat(fullRow.getField("caption")).isEqualTo(full.caption());
        assertThat(fullRow.getField("page_url")).isEqualTo(full.pageUrl());
        assertThat(fullRow.getField("crawl_id")).isEqualTo(full.crawlId());
        assertThat(fullRow.getField("segment_id")).isEqualTo(full.segmentId());
        assertThat(fullRow.getField("warc_file")).isEqualTo(full.warcFile());
        assertThat(fullRow.getField("warc_offset")).isEqualTo(full.warcOffset());
        assertThat(fullRow.getField("warc_record_id")).isEqualTo(full.warcRecordId());
        assertThat(fullRow.getField("fetch_time"))
                .isEqualTo(
                        OffsetDateTime.ofInstant(
                                Instant.ofEpochMilli(full.fetchTimeMillis()), ZoneOffset.UTC));
        assertThat(fullRow.getField("width")).isEqualTo(640);
        assertThat(fullRow.getField("height")).isNull();
        Record sparseRow = rowOf(rows, sparse.pairId());
        assertThat(sparseRow.getField("fetch_time")).isNull();
        assertThat(sparseRow.getField("width")).isNull();
        assertThat(sparseRow.getField("height")).isNull();
    }

    private OneInputStreamOperatorTestHarness<Pair, WrittenFiles> writer(CapturedMetrics metrics)
            throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new DatasetWriter(dataset.tableLoader(), DatasetFixture.TARGET_FILE_SIZE),
                metrics.environment());
    }

    private static List<WrittenFiles> bySegment(List<WrittenFiles> written, long seq) {
        return written.stream().filter(w -> w.segmentSeq() == seq).toList();
    }

    private long recordCount(List<WrittenFiles> written) throws Exception {
        return dataFiles(written).stream().mapToLong(DataFile::recordCount).sum();
    }

    private List<DataFile> dataFiles(List<WrittenFiles> written) throws Exception {
        List<DataFile> files = new ArrayList<>();
        for (WrittenFiles w : written) {
            WriteResult result = serializer.deserialize(w.serializerVersion(), w.writeResult());
            assertThat(result.deleteFiles()).isEmpty();
            files.addAll(Arrays.asList(result.dataFiles()));
        }
        return files;
    }

    /** The pair ids in the data files of {@code written}, read straight from the Parquet files. */
    private List<String> idsInFiles(List<WrittenFiles> written) throws Exception {
        Table table = dataset.table();
        List<String> ids = new ArrayList<>();
        for (DataFile file : dataFiles(written)) {
            try (CloseableIterable<Record> rows =
                    Parquet.read(table.io().newInputFile(file.location()))
                            .project(table.schema())
                            .createReaderFunc(
                                    type -> GenericParquetReaders.buildReader(table.schema(), type))
                            .build()) {
                rows.forEach(r -> ids.add((String) r.getField("pair_id")));
            }
        }
        return ids;
    }

    private static List<String> ids(List<Pair> pairs) {
        return pairs.stream().map(Pair::pairId).toList();
    }

    private static List<Path> parquetFilesUnder(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (var files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".parquet")).toList();
        }
    }

    private static Record rowOf(List<Record> rows, String pairId) {
        return rows.stream()
                .filter(r -> pairId.equals(r.getField("pair_id")))
                .findFirst()
                .orElseThrow();
    }
}
