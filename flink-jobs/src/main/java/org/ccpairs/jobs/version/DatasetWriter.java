package org.ccpairs.jobs.version;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.RowDataTaskWriterFactory;
import org.apache.iceberg.flink.sink.WriteResultSerializer;
import org.apache.iceberg.io.TaskWriter;
import org.apache.iceberg.io.WriteResult;
import org.ccpairs.jobs.metrics.Metrics;
import org.ccpairs.jobs.model.Pair;

/**
 * Writes pairs into Parquet data files of the dataset table, one set of files per segment, and
 * hands the closed files to the {@link VersionCommitter} just before each checkpoint barrier.
 * Nothing becomes visible in the table here; files of a failed attempt are orphans that table
 * maintenance removes.
 *
 * <p>Keeping segments in separate files lets the committer publish exactly the segments that are
 * complete and hold back the others. Few segments are open at once per writer (usually one or two),
 * so the fan-out is small.
 */
public class DatasetWriter extends AbstractStreamOperator<WrittenFiles>
        implements OneInputStreamOperator<Pair, WrittenFiles> {
    private final TableLoader tableLoader;
    private final long targetFileSize;

    private transient RowDataTaskWriterFactory factory;
    private transient Map<Long, TaskWriter<RowData>> writers;
    private transient WriteResultSerializer serializer;
    private transient Counter rowsWritten;

    public DatasetWriter(TableLoader tableLoader, long targetFileSize) {
        this.tableLoader = tableLoader;
        this.targetFileSize = targetFileSize;
    }

    @Override
    public void open() throws Exception {
        super.open();
        tableLoader.open();
        Table table = tableLoader.loadTable();
        RowType rowType = FlinkSchemaUtil.convert(table.schema());
        factory =
                new RowDataTaskWriterFactory(
                        table, rowType, targetFileSize, FileFormat.PARQUET, Map.of(), null, false);
        factory.initialize(
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                getRuntimeContext().getTaskInfo().getAttemptNumber());
        writers = new HashMap<>();
        serializer = new WriteResultSerializer();
        rowsWritten = Metrics.ccpairs(getMetricGroup()).counter("dataset_rows_written");
    }

    @Override
    public void processElement(StreamRecord<Pair> element) throws Exception {
        Pair pair = element.getValue();
        writers.computeIfAbsent(pair.segmentSeq(), seq -> factory.create())
                .write(DatasetTable.toRow(pair));
        rowsWritten.inc();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        for (Map.Entry<Long, TaskWriter<RowData>> e : writers.entrySet()) {
            WriteResult result = e.getValue().complete();
            if (result.dataFiles().length > 0) {
                output.collect(
                        new StreamRecord<>(
                                new WrittenFiles(
                                        checkpointId,
                                        e.getKey(),
                                        subtask,
                                        serializer.getVersion(),
                                        serializer.serialize(result))));
            }
        }
        writers.clear();
    }

    @Override
    public void close() throws Exception {
        IOException failure = null;
        if (writers != null) {
            for (TaskWriter<RowData> writer : writers.values()) {
                try {
                    writer.abort(); // uncommitted files of an attempt that did not reach a
                    // checkpoint
                } catch (IOException e) {
                    failure = e;
                }
            }
        }
        tableLoader.close();
        super.close();
        if (failure != null) {
            throw failure;
        }
    }
}
