package org.ccpairs.jobs.version;

import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.ccpairs.jobs.model.DatasetVersionRecord;

/** The versions of a dataset table, for readers: list them, find one by name. */
public final class DatasetVersions {
    private final Table table;
    private final String tableName;

    private DatasetVersions(Table table, String tableName) {
        this.table = table;
        this.tableName = tableName;
    }

    /**
     * The dataset table of {@code settings}.
     *
     * @throws IllegalArgumentException when the catalog has no such table
     */
    public static DatasetVersions open(DatasetSettings settings) {
        Catalog catalog = settings.catalogLoader().loadCatalog();
        if (!catalog.tableExists(settings.tableIdentifier())) {
            throw new IllegalArgumentException(
                    "no dataset table "
                            + settings.table()
                            + " in "
                            + (settings.warehouse() != null
                                    ? settings.warehouse()
                                    : "the " + settings.catalogType() + " catalog")
                            + "; run './ccpairs demo' or point --warehouse at a ccpairs warehouse");
        }
        return new DatasetVersions(catalog.loadTable(settings.tableIdentifier()), settings.table());
    }

    public Table table() {
        return table;
    }

    /** The table's identifier in its catalog, e.g. {@code ccpairs.pairs}. */
    public String tableName() {
        return tableName;
    }

    /** Every version, oldest first; empty for a table without versions. */
    public List<DatasetVersionRecord> list() {
        return VersionSummary.versionsOf(table, null, 0).stream()
                .map(s -> VersionSummary.toRecord(table, tableName, s))
                .toList();
    }

    /**
     * The version named {@code name}: {@code v3} or {@code 3}.
     *
     * @throws IllegalArgumentException when the table has no such version, saying which exist
     */
    public DatasetVersionRecord get(String name) {
        return VersionSummary.toRecord(table, tableName, snapshot(name));
    }

    /** The snapshot of version {@code name}; see {@link #get}. */
    public Snapshot snapshot(String name) {
        String tag = name.startsWith("v") ? name : "v" + name;
        SnapshotRef ref = table.refs().get(tag);
        if (ref == null || !ref.isTag() || table.snapshot(ref.snapshotId()) == null) {
            List<DatasetVersionRecord> versions = list();
            throw new IllegalArgumentException(
                    "no version '"
                            + name
                            + "' in "
                            + tableName
                            + (versions.isEmpty()
                                    ? ": the table has no versions yet"
                                    : ": it has v"
                                            + versions.get(0).version()
                                            + " to v"
                                            + versions.get(versions.size() - 1).version()));
        }
        return table.snapshot(ref.snapshotId());
    }
}
