package org.ccpairs.jobs.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;
import org.ccpairs.jobs.version.VersionSummary;

/**
 * A real Hadoop catalog that fails one version commit on purpose, for the job to recover from. Set
 * as {@code dataset.catalog-type=custom} with {@code catalog-impl} this class; the job on a
 * MiniCluster runs in the test's JVM, so the test arms it through the static fields.
 *
 * <ul>
 *   <li>{@link Failure#AFTER_COMMIT}: the version is committed, then the commit fails as if its
 *       answer was lost ({@link CommitStateUnknownException}) — the job dies between the Iceberg
 *       commit and the version event.
 *   <li>{@link Failure#BEFORE_COMMIT}: the commit fails before anything is written — the job dies
 *       with the version's files only in its state.
 * </ul>
 */
public final class FailingCommitsCatalog extends HadoopCatalog {
    /** Where the armed failure strikes. */
    public enum Failure {
        AFTER_COMMIT,
        BEFORE_COMMIT
    }

    private static volatile Failure failure;
    private static volatile long failVersion;
    private static final AtomicInteger injected = new AtomicInteger();

    /** Fails the commit of version {@code version} once, as {@code how} says. */
    public static void arm(Failure how, long version) {
        failure = how;
        failVersion = version;
        injected.set(0);
    }

    /** How many failures were injected since {@link #arm}. */
    public static int injected() {
        return injected.get();
    }

    @Override
    protected TableOperations newTableOps(TableIdentifier identifier) {
        return new FailingOps(super.newTableOps(identifier));
    }

    private static final class FailingOps implements TableOperations {
        private final TableOperations ops;

        FailingOps(TableOperations ops) {
            this.ops = ops;
        }

        @Override
        public void commit(TableMetadata base, TableMetadata metadata) {
            boolean strike = strikes(base, metadata);
            if (strike && failure == Failure.BEFORE_COMMIT) {
                throw new IllegalStateException(
                        "injected: the catalog refused the commit of version " + failVersion);
            }
            ops.commit(base, metadata);
            if (strike) {
                throw new CommitStateUnknownException(
                        new IllegalStateException(
                                "injected: version "
                                        + failVersion
                                        + " was committed, the answer was lost"));
            }
        }

        /** Whether this commit adds the armed version, and the failure has not struck yet. */
        private static boolean strikes(TableMetadata base, TableMetadata metadata) {
            Snapshot added = metadata.currentSnapshot();
            if (failure == null
                    || added == null
                    || (base != null
                            && base.currentSnapshot() != null
                            && base.currentSnapshot().snapshotId() == added.snapshotId())) {
                return false;
            }
            String version = added.summary().get(VersionSummary.VERSION);
            return version != null
                    && Long.parseLong(version) == failVersion
                    && injected.compareAndSet(0, 1);
        }

        @Override
        public TableMetadata current() {
            return ops.current();
        }

        @Override
        public TableMetadata refresh() {
            return ops.refresh();
        }

        @Override
        public FileIO io() {
            return ops.io();
        }

        @Override
        public EncryptionManager encryption() {
            return ops.encryption();
        }

        @Override
        public String metadataFileLocation(String fileName) {
            return ops.metadataFileLocation(fileName);
        }

        @Override
        public LocationProvider locationProvider() {
            return ops.locationProvider();
        }

        @Override
        public TableOperations temp(TableMetadata uncommittedMetadata) {
            return ops.temp(uncommittedMetadata);
        }

        @Override
        public long newSnapshotId() {
            return ops.newSnapshotId();
        }

        @Override
        public boolean requireStrictCleanup() {
            return ops.requireStrictCleanup();
        }
    }
}
