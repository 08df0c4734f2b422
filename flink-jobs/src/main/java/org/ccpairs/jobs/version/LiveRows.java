package org.ccpairs.jobs.version;

import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericDeleteFilter;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;

/**
 * The rows of one data file of the dataset that are still live in a snapshot: read from its Parquet
 * file, projected to a few columns (plus what the deletes need), with the table's position and
 * equality deletes and the scan's residual filter applied. Callers that must know which file a row
 * is in, or skip files by sequence number, plan the scan themselves and read task by task;
 * Iceberg's {@code IcebergGenerics} reads a whole snapshot and tells neither.
 */
public final class LiveRows {
    private LiveRows() {}

    /**
     * @param requested the columns wanted (a projection of the table's schema, metadata columns
     *     such as {@code _pos} allowed)
     * @throws IllegalStateException when the file is not Parquet, the only format ccpairs writes
     */
    public static CloseableIterable<Record> of(Table table, FileScanTask task, Schema requested) {
        if (task.file().format() != FileFormat.PARQUET) {
            throw new IllegalStateException(
                    "data file "
                            + task.file().location()
                            + " is "
                            + task.file().format()
                            + "; ccpairs writes and reads Parquet only");
        }
        GenericDeleteFilter deletes =
                new GenericDeleteFilter(table.io(), task, table.schema(), requested);
        Schema read = deletes.requiredSchema();
        return deletes.filter(
                Parquet.read(table.io().newInputFile(task.file().location()))
                        .project(read)
                        .split(task.start(), task.length())
                        .filter(task.residual())
                        .createReaderFunc(
                                fileSchema -> GenericParquetReaders.buildReader(read, fileSchema))
                        .build());
    }
}
