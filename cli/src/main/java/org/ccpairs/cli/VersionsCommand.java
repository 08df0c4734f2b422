package org.ccpairs.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.version.DatasetOptions;
import org.ccpairs.jobs.version.DatasetSettings;
import org.ccpairs.jobs.version.VersionSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ccpairs versions}: the dataset's versions with their pair counts. */
@Command(
        name = "versions",
        mixinStandardHelpOptions = true,
        description =
                "List the dataset's versions: number, commit time, segments completed, pairs added,"
                        + " total.")
final class VersionsCommand implements Callable<Integer> {
    @Option(
            names = "--warehouse",
            description = "Warehouse of a hadoop catalog. Default: .ccpairs/warehouse.")
    String warehouse;

    @Option(
            names = "--catalog-type",
            defaultValue = "hadoop",
            description = "Iceberg catalog type. Default: ${DEFAULT-VALUE}.")
    String catalogType;

    @Option(
            names = "--catalog-property",
            paramLabel = "KEY=VALUE",
            description = "Iceberg catalog property, repeatable.")
    java.util.Map<String, String> catalogProperties = new java.util.LinkedHashMap<>();

    @Option(
            names = "--table",
            defaultValue = "ccpairs.pairs",
            description = "Table. Default: ${DEFAULT-VALUE}.")
    String table;

    @Override
    public Integer call() {
        Configuration conf = new Configuration();
        conf.set(DatasetOptions.CATALOG_TYPE, catalogType);
        conf.set(
                DatasetOptions.WAREHOUSE,
                warehouse != null ? warehouse : LocalStackEndpoints.warehouse().toUri().toString());
        conf.set(DatasetOptions.CATALOG_PROPERTIES, catalogProperties);
        conf.set(DatasetOptions.TABLE, table);
        DatasetSettings settings = DatasetSettings.from(conf);
        Catalog catalog = settings.catalogLoader().loadCatalog();
        if (!catalog.tableExists(settings.tableIdentifier())) {
            throw new IllegalArgumentException(
                    "no dataset table "
                            + table
                            + " in "
                            + conf.get(DatasetOptions.WAREHOUSE)
                            + "; run './ccpairs demo' or point --warehouse at a ccpairs warehouse");
        }
        Table t = catalog.loadTable(settings.tableIdentifier());
        List<Snapshot> versions = VersionSummary.versionsOf(t, null, 0);
        System.out.printf(
                "%-8s %-24s %-40s %10s %10s%n",
                "VERSION", "COMMITTED", "SEGMENTS COMPLETED", "ADDED", "TOTAL");
        for (Snapshot s : versions) {
            DatasetVersionRecord v = VersionSummary.toRecord(t, table, s);
            List<String> segments = new ArrayList<>();
            for (Segment seg : v.segmentsComplete()) {
                segments.add(seg.crawlId() + "/" + seg.segmentId());
            }
            System.out.printf(
                    "v%-7d %-24s %-40s %10d %10d%n",
                    v.version(),
                    Instant.ofEpochMilli(v.committedAtMillis()).toString(),
                    String.join(",", segments),
                    v.pairsAdded(),
                    v.pairsTotal());
        }
        if (versions.isEmpty()) {
            System.out.println("(no versions yet)");
        }
        return 0;
    }
}
