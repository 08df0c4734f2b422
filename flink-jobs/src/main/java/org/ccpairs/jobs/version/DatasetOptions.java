package org.ccpairs.jobs.version;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/** Where the dataset table lives. */
public final class DatasetOptions {
    public static final ConfigOption<String> CATALOG_TYPE =
            ConfigOptions.key("dataset.catalog-type")
                    .stringType()
                    .defaultValue("hadoop")
                    .withDescription(
                            "Iceberg catalog type: 'hadoop' (a warehouse folder or object-store"
                                + " path, no catalog service), 'rest', 'jdbc', 'hive', 'glue',"
                                + " 'nessie', or 'custom' with the class in the catalog property"
                                + " 'catalog-impl'.");

    public static final ConfigOption<String> WAREHOUSE =
            ConfigOptions.key("dataset.warehouse")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Warehouse location, e.g. file:///data/warehouse or"
                                    + " s3://bucket/warehouse. Required for the 'hadoop' catalog.");

    public static final ConfigOption<Map<String, String>> CATALOG_PROPERTIES =
            ConfigOptions.key("dataset.catalog-properties")
                    .mapType()
                    .defaultValue(Map.of())
                    .withDescription(
                            "Extra Iceberg catalog properties, e.g."
                                + " 'uri:https://catalog:8181,credential:...' for a REST catalog or"
                                + " 'io-impl:org.apache.iceberg.aws.s3.S3FileIO'.");

    public static final ConfigOption<String> TABLE =
            ConfigOptions.key("dataset.table")
                    .stringType()
                    .defaultValue("ccpairs.pairs")
                    .withDescription("The dataset table as namespace.name; created when missing.");

    public static final ConfigOption<MemorySize> TARGET_FILE_SIZE =
            ConfigOptions.key("dataset.target-file-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("128mb"))
                    .withDescription("Data files roll over at about this size.");

    public static final ConfigOption<Duration> VERSION_MAX_INTERVAL =
            ConfigOptions.key("dataset.version-max-interval")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription(
                            "Cut a version at the first checkpoint after this long without one,"
                                + " even if no segment completed, so that a slow segment does not"
                                + " hold back pairs already read: such a version lists the segments"
                                + " it holds only in part as segments_partial. 0 (the default) cuts"
                                + " versions only when segments complete.");

    private DatasetOptions() {}
}
