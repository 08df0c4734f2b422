package org.ccpairs.jobs.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.ccpairs.jobs.testing.FailingCommitsCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSettingsTest {
    @TempDir Path warehouse;

    @Test
    void aCustomCatalogIsLoadedFromItsClass() {
        Configuration conf = new Configuration();
        conf.set(DatasetOptions.CATALOG_TYPE, DatasetSettings.CUSTOM);
        conf.set(DatasetOptions.WAREHOUSE, warehouse.toUri().toString());
        conf.set(
                DatasetOptions.CATALOG_PROPERTIES,
                Map.of(CatalogProperties.CATALOG_IMPL, FailingCommitsCatalog.class.getName()));

        assertThat(DatasetSettings.from(conf).catalogLoader().loadCatalog())
                .isInstanceOf(FailingCommitsCatalog.class);
    }

    @Test
    void aCustomCatalogWithoutItsClassIsRefused() {
        Configuration conf = new Configuration();
        conf.set(DatasetOptions.CATALOG_TYPE, DatasetSettings.CUSTOM);

        assertThatThrownBy(() -> DatasetSettings.from(conf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("catalog-impl");
    }

    @Test
    void anUnknownCatalogTypeNamesTheKnownOnes() {
        Configuration conf = new Configuration();
        conf.set(DatasetOptions.CATALOG_TYPE, "delta");

        assertThatThrownBy(() -> DatasetSettings.from(conf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'delta'")
                .hasMessageContaining("rest")
                .hasMessageContaining("custom");
    }
}
