package org.ccpairs.jobs.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;
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
}
