package org.ccpairs.jobs.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.sink.WriteResultSerializer;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.model.LinkStatus;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.testing.DatasetFixture;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTableTest {
    @TempDir Path warehouse;

    @Test
    void aTableOfTheFirstSchemaGetsTheNewOptionalColumnsInOrder() {
        Catalog catalog =
                DatasetSettings.hadoop(warehouse.toUri().toString()).catalogLoader().loadCatalog();
        TableIdentifier id = TableIdentifier.of("ccpairs", "pairs");
        ((SupportsNamespaces) catalog).createNamespace(Namespace.of("ccpairs"));
        List<NestedField> v1 = DatasetTable.SCHEMA.columns().subList(0, 12);
        Schema first = new Schema(v1);
        catalog.createTable(
                id, first, PartitionSpec.builderFor(first).identity("crawl_id").build());

        Table table = DatasetTable.ensure(catalog, id);

        assertThat(table.schema().columns())
                .extracting(NestedField::name)
                .containsExactlyElementsOf(
                        DatasetTable.SCHEMA.columns().stream().map(NestedField::name).toList());
        assertThat(table.schema().findField("robots").isOptional()).isTrue();
        assertThat(table.schema().findField("caption_truncated").type())
                .isEqualTo(Types.BooleanType.get());
        assertThat(table.properties())
                .as("retraction lookups prune by pair id in old tables too")
                .containsEntry(DatasetTable.PAIR_ID_BLOOM_FILTER, "true");
        // a second call changes nothing
        long snapshotSchemas = table.schemas().size();
        assertThat(DatasetTable.ensure(catalog, id).schemas()).hasSize((int) snapshotSchemas);
    }

    @Test
    void theLinkCheckOfAPairLandsInItsLinkColumns() throws Exception {
        DatasetFixture dataset = new DatasetFixture(warehouse);
        long checkedAt = 1_767_225_600_123L;
        Pair checked =
                TestPairs.pair(1, "https://img.example.org/a.png", "A")
                        .withLinkCheck(
                                new LinkCheck(
                                        LinkStatus.OK,
                                        200,
                                        "https://cdn.example.org/a.png",
                                        "image/png",
                                        4096L,
                                        "png",
                                        640,
                                        480,
                                        checkedAt,
                                        "not stored"));
        Pair unchecked = TestPairs.pair(1, "https://img.example.org/b.png", "B");
        List<WrittenFiles> written = dataset.write(1, List.of(checked, unchecked));
        Table table = dataset.table();
        AppendFiles append = table.newAppend();
        WriteResultSerializer serializer = new WriteResultSerializer();
        for (WrittenFiles w : written) {
            Arrays.stream(
                            serializer
                                    .deserialize(w.serializerVersion(), w.writeResult())
                                    .dataFiles())
                    .forEach(append::appendFile);
        }
        append.commit();
        table.refresh();

        List<Record> rows = dataset.rowsAt(table.currentSnapshot().snapshotId());

        Record row =
                rows.stream()
                        .filter(r -> r.getField("pair_id").equals(checked.pairId()))
                        .findFirst()
                        .orElseThrow();
        assertThat(row.getField("link_status")).isEqualTo("OK");
        assertThat(row.getField("link_http_status")).isEqualTo(200);
        assertThat(row.getField("link_final_url")).isEqualTo("https://cdn.example.org/a.png");
        assertThat(row.getField("link_content_type")).isEqualTo("image/png");
        assertThat(row.getField("link_content_length")).isEqualTo(4096L);
        assertThat(row.getField("link_image_format")).isEqualTo("png");
        assertThat(row.getField("link_image_width")).isEqualTo(640);
        assertThat(row.getField("link_image_height")).isEqualTo(480);
        assertThat(row.getField("link_checked_at"))
                .isEqualTo(
                        OffsetDateTime.ofInstant(Instant.ofEpochMilli(checkedAt), ZoneOffset.UTC));
        Record bare =
                rows.stream()
                        .filter(r -> r.getField("pair_id").equals(unchecked.pairId()))
                        .findFirst()
                        .orElseThrow();
        assertThat(bare.getField("link_status")).isNull();
        assertThat(bare.getField("link_checked_at")).isNull();
    }
}
