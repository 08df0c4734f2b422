package org.ccpairs.jobs.version;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.deletes.PositionDelete;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.util.StructLikeWrapper;

/**
 * Writes Iceberg position-delete files for rows found by {@link RetractionLookup}: one file per
 * partition, rows sorted by data file and position as the format requires. Position deletes (not
 * equality deletes) because every engine that reads Iceberg v2 applies them, PyIceberg included.
 */
final class RetractionDeletes {
    private RetractionDeletes() {}

    /** Writes the delete files for {@code hits}; none when there are no hits. */
    static List<DeleteFile> write(Table table, List<RetractionLookup.Hit> hits) throws IOException {
        Map<Object, List<RetractionLookup.Hit>> byPartition = new LinkedHashMap<>();
        for (RetractionLookup.Hit hit : hits) {
            PartitionSpec spec = table.specs().get(hit.file().specId());
            Object key =
                    List.of(
                            hit.file().specId(),
                            StructLikeWrapper.forType(spec.partitionType())
                                    .set(hit.file().partition()));
            byPartition.computeIfAbsent(key, k -> new ArrayList<>()).add(hit);
        }
        List<DeleteFile> files = new ArrayList<>();
        for (List<RetractionLookup.Hit> group : byPartition.values()) {
            files.add(writeOne(table, group));
        }
        return files;
    }

    private static DeleteFile writeOne(Table table, List<RetractionLookup.Hit> hits)
            throws IOException {
        PartitionSpec spec = table.specs().get(hits.get(0).file().specId());
        StructLike partition = hits.get(0).file().partition();
        String name =
                FileFormat.PARQUET.addExtension("retractions-" + UUID.randomUUID().toString());
        EncryptedOutputFile out =
                table.encryption()
                        .encrypt(
                                table.io()
                                        .newOutputFile(
                                                table.locationProvider()
                                                        .newDataLocation(spec, partition, name)));
        PositionDeleteWriter<Object> writer =
                Parquet.writeDeletes(out)
                        .setAll(table.properties())
                        .metricsConfig(MetricsConfig.forPositionDelete(table))
                        .withSpec(spec)
                        .withPartition(partition)
                        .overwrite()
                        .buildPositionWriter();
        List<RetractionLookup.Hit> sorted = new ArrayList<>(hits);
        sorted.sort(
                Comparator.comparing((RetractionLookup.Hit h) -> h.file().location())
                        .thenComparingLong(RetractionLookup.Hit::position));
        PositionDelete<Object> delete = PositionDelete.create();
        try (writer) {
            for (RetractionLookup.Hit hit : sorted) {
                writer.write(delete.set(hit.file().location(), hit.position(), null));
            }
        }
        return writer.toDeleteFile();
    }
}
