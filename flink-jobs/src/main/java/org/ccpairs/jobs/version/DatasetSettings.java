package org.ccpairs.jobs.version;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;

/**
 * How to reach the dataset table: an Iceberg catalog and a table identifier. Serializable, so
 * operators carry it and load the table in {@code open()}.
 */
public record DatasetSettings(
        String catalogType,
        String warehouse,
        Map<String, String> catalogProperties,
        String table,
        long targetFileSize)
        implements Serializable {

    private static final Map<String, String> IMPLEMENTATIONS =
            Map.of(
                    CatalogUtil.ICEBERG_CATALOG_TYPE_HADOOP, CatalogUtil.ICEBERG_CATALOG_HADOOP,
                    CatalogUtil.ICEBERG_CATALOG_TYPE_REST, CatalogUtil.ICEBERG_CATALOG_REST,
                    CatalogUtil.ICEBERG_CATALOG_TYPE_JDBC, CatalogUtil.ICEBERG_CATALOG_JDBC,
                    CatalogUtil.ICEBERG_CATALOG_TYPE_HIVE, CatalogUtil.ICEBERG_CATALOG_HIVE,
                    CatalogUtil.ICEBERG_CATALOG_TYPE_GLUE, CatalogUtil.ICEBERG_CATALOG_GLUE,
                    CatalogUtil.ICEBERG_CATALOG_TYPE_NESSIE, CatalogUtil.ICEBERG_CATALOG_NESSIE);

    /** The catalog type whose class is the catalog property {@code catalog-impl}. */
    public static final String CUSTOM = "custom";

    public DatasetSettings {
        catalogProperties = Map.copyOf(catalogProperties);
    }

    /** A Hadoop catalog on a local or object-store warehouse, with default table and file size. */
    public static DatasetSettings hadoop(String warehouse) {
        return new DatasetSettings(
                "hadoop",
                warehouse,
                Map.of(),
                DatasetOptions.TABLE.defaultValue(),
                DatasetOptions.TARGET_FILE_SIZE.defaultValue().getBytes());
    }

    /**
     * Reads the {@code dataset.*} options.
     *
     * @throws IllegalArgumentException for an unknown catalog type, a missing warehouse of a hadoop
     *     catalog, or a table name that is not {@code namespace.name}
     */
    public static DatasetSettings from(Configuration conf) {
        String type = conf.get(DatasetOptions.CATALOG_TYPE);
        String warehouse = conf.get(DatasetOptions.WAREHOUSE);
        String table = conf.get(DatasetOptions.TABLE);
        if (!IMPLEMENTATIONS.containsKey(type) && !type.equals(CUSTOM)) {
            throw new IllegalArgumentException(
                    "'"
                            + DatasetOptions.CATALOG_TYPE.key()
                            + "' is '"
                            + type
                            + "'; use one of "
                            + IMPLEMENTATIONS.keySet()
                            + " or "
                            + CUSTOM);
        }
        if (type.equals(CUSTOM)
                && !conf.get(DatasetOptions.CATALOG_PROPERTIES)
                        .containsKey(CatalogProperties.CATALOG_IMPL)) {
            throw new IllegalArgumentException(
                    "a custom catalog needs its class: '"
                            + DatasetOptions.CATALOG_PROPERTIES.key()
                            + "' must have "
                            + CatalogProperties.CATALOG_IMPL
                            + ":<class name>");
        }
        if (type.equals("hadoop") && (warehouse == null || warehouse.isBlank())) {
            throw new IllegalArgumentException(
                    "'"
                            + DatasetOptions.WAREHOUSE.key()
                            + "' is not set: give the warehouse folder of the dataset, e.g."
                            + " --warehouse file:///data/warehouse");
        }
        if (!table.contains(".") || table.startsWith(".") || table.endsWith(".")) {
            throw new IllegalArgumentException(
                    "'"
                            + DatasetOptions.TABLE.key()
                            + "' must be namespace.name, got '"
                            + table
                            + "'");
        }
        return new DatasetSettings(
                type,
                warehouse,
                conf.get(DatasetOptions.CATALOG_PROPERTIES),
                table,
                conf.get(DatasetOptions.TARGET_FILE_SIZE).getBytes());
    }

    public TableIdentifier tableIdentifier() {
        return TableIdentifier.parse(table);
    }

    public CatalogLoader catalogLoader() {
        Map<String, String> props = new HashMap<>(catalogProperties);
        if (warehouse != null) {
            props.putIfAbsent(CatalogProperties.WAREHOUSE_LOCATION, warehouse);
        }
        return CatalogLoader.custom(
                "ccpairs",
                props,
                new org.apache.hadoop.conf.Configuration(),
                catalogType.equals(CUSTOM)
                        ? catalogProperties.get(CatalogProperties.CATALOG_IMPL)
                        : IMPLEMENTATIONS.get(catalogType));
    }

    public TableLoader tableLoader() {
        return TableLoader.fromCatalog(catalogLoader(), tableIdentifier());
    }
}
