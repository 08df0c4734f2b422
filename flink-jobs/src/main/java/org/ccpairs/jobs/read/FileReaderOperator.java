package org.ccpairs.jobs.read;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.ccpairs.connectors.warc.FileOpener;
import org.ccpairs.connectors.warc.FileReadException;
import org.ccpairs.connectors.warc.ReadFailure;
import org.ccpairs.jobs.extract.RecordPairs;
import org.ccpairs.jobs.extract.WarcPairReader;
import org.ccpairs.jobs.model.DeadLetterRecord;
import org.ccpairs.jobs.model.FileSplit;
import org.ccpairs.jobs.model.Pair;

/**
 * Reads the announced files, a few records at a time, and emits their pairs, so that checkpoints
 * pass while a gigabyte file is being read and a failure in the middle of it neither loses nor
 * repeats a pair.
 *
 * <p>Files queue up in arrival order. Reading happens in short turns on the task's mailbox thread
 * (the pattern of Flink's {@code ContinuousFileReaderOperator}): each turn reads records for at
 * most {@link #TURN} and gives the mailbox back, so barriers, timers and new files are handled in
 * between. The checkpointed state is the queue with each file's {@link ReadCursor}; after a restore
 * reading resumes just past the last record emitted before the checkpoint (see {@link
 * SplitReader}). Emitting blocks while downstream is backpressured, which slows reading and bounds
 * memory.
 *
 * <p>Watermarks count segments; this stage passes one on only when no file of a segment at or below
 * it is unfinished ({@link WatermarkHoldback}), so the dataset committer still learns exactly when
 * a segment is complete. A file whose connection breaks is retried from its cursor with exponential
 * backoff while other files go on; a file that cannot be opened, is corrupt, or keeps failing
 * becomes a dead letter with its reason and offset, and counts as finished.
 */
public class FileReaderOperator extends AbstractStreamOperator<Pair>
        implements OneInputStreamOperator<FileSplit, Pair>, BoundedOneInput {
    public static final String STAGE = "warc-read";
    public static final String EXTRACT_STAGE = "extract";

    /** How long one turn reads before it lets the mailbox handle barriers and new input. */
    static final Duration TURN = Duration.ofMillis(50);

    private final FilePairReaderFactory readers;
    private final OutputTag<DeadLetterRecord> deadLetters;
    private final String userAgent;
    private final int maxRetries;
    private final Duration firstBackoff;
    private final int maxRecordsPerTurn;

    private transient MailboxExecutor mailbox;
    private transient ListState<SplitProgress> splitsState;
    private transient ListState<Long> watermarkState;
    private transient FileQueue files;
    private transient SplitReader reader;
    private transient WatermarkHoldback holdback;
    private transient boolean turnScheduled;
    private transient FileOpener opener;

    private transient ReaderMetrics metrics;

    /**
     * @param maxRetries how often a file whose connection broke is reopened before it is
     *     dead-lettered
     * @param firstBackoff wait before the first retry; doubled for each further one
     */
    public FileReaderOperator(
            FilePairReaderFactory readers,
            OutputTag<DeadLetterRecord> deadLetters,
            String userAgent,
            int maxRetries,
            Duration firstBackoff) {
        this(readers, deadLetters, userAgent, maxRetries, firstBackoff, Integer.MAX_VALUE);
    }

    /** With a cap on the records of one turn, so that tests can stop in the middle of a file. */
    FileReaderOperator(
            FilePairReaderFactory readers,
            OutputTag<DeadLetterRecord> deadLetters,
            String userAgent,
            int maxRetries,
            Duration firstBackoff,
            int maxRecordsPerTurn) {
        this.readers = readers;
        this.deadLetters = deadLetters;
        this.userAgent = userAgent;
        this.maxRetries = maxRetries;
        this.firstBackoff = firstBackoff;
        this.maxRecordsPerTurn = maxRecordsPerTurn;
    }

    @Override
    public void setMailboxExecutor(MailboxExecutor mailboxExecutor) {
        super.setMailboxExecutor(mailboxExecutor);
        this.mailbox = mailboxExecutor;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        splitsState =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "splits", TypeInformation.of(SplitProgress.class)));
        // every subtask saw the same watermarks (one upstream, broadcast), so any copy will do
        watermarkState =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>("input-watermark", Types.LONG));
        files = new FileQueue();
        holdback = new WatermarkHoldback();
        for (SplitProgress p : splitsState.get()) {
            files.add(p);
            holdback.fileAdded(p.seq());
        }
        for (Long w : watermarkState.get()) {
            holdback.input(w);
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (mailbox == null) {
            throw new IllegalStateException("FileReaderOperator needs the task's mailbox executor");
        }
        // retries happen here, on timers, so that a failing host never blocks the task
        opener = new FileOpener(userAgent, 1, Duration.ZERO);
        metrics =
                new ReaderMetrics(
                        getMetricGroup(), files::pending, () -> files.current() == null ? 0 : 1);
        files.snapshot().forEach(restored -> metrics.backlog.fileAdded(restored.split().segment()));
        // after a restore, pass on at once what the restored watermark allows: upstream will not
        // send it again
        emitWatermarkIfAdvanced();
        scheduleTurn();
    }

    @Override
    public void processElement(StreamRecord<FileSplit> element) {
        SplitProgress split = SplitProgress.fresh(element.getValue());
        files.add(split);
        holdback.fileAdded(split.seq());
        metrics.backlog.fileAdded(split.split().segment());
        scheduleTurn();
    }

    @Override
    public void processWatermark(Watermark mark) {
        holdback.input(mark.getTimestamp());
        emitWatermarkIfAdvanced();
    }

    private void scheduleTurn() {
        if (!turnScheduled && files.hasWork()) {
            turnScheduled = true;
            mailbox.execute(this::turn, "read WARC records");
        }
    }

    /** Reads for at most {@link #TURN}, then gives the mailbox back. */
    private void turn() throws IOException {
        turnScheduled = false;
        long deadline = System.nanoTime() + TURN.toNanos();
        int steps = 0;
        while (steps++ < maxRecordsPerTurn && System.nanoTime() < deadline && readOne()) {
            // keep reading
        }
        scheduleTurn();
    }

    /** Reads one record, or opens or finishes a file; false when there is nothing to do. */
    private boolean readOne() throws IOException {
        if (files.current() == null) {
            SplitProgress next = files.startNext();
            if (next == null) {
                return false;
            }
            reader = new SplitReader(next.split(), next.cursor());
            try {
                reader.open(opener, readers, this::badRecord, this::pageFailure);
            } catch (FileReadException e) {
                failed(e);
            }
            return true;
        }
        SplitReader r = reader;
        long bytesBefore = r.bytesRead();
        long recordsBefore = r.recordsRead();
        try {
            var record = r.next();
            if (record.isEmpty()) {
                finished();
            } else {
                emit(record.get());
            }
        } catch (FileReadException e) {
            failed(e);
        } finally {
            metrics.bytesRead.inc(r.bytesRead() - bytesBefore);
            metrics.records.inc(r.recordsRead() - recordsBefore);
        }
        return true;
    }

    private void emit(RecordPairs record) {
        SplitProgress current = new SplitProgress(files.current().split(), reader.cursor(), 0);
        files.advance(current);
        metrics.record(record);
        long seq = current.seq();
        for (Pair pair : record.pairs()) {
            output.collect(new StreamRecord<>(pair, seq));
        }
    }

    private void finished() throws IOException {
        closeReader();
        metrics.filesRead.inc();
        done(files.stopCurrent());
    }

    private void failed(FileReadException e) throws IOException {
        closeReader();
        SplitProgress failedSplit = files.stopCurrent();
        if (e.reason() == ReadFailure.UNREACHABLE && failedSplit.failures() < maxRetries) {
            // the connection broke: try again from the cursor, later, while other files go on
            SplitProgress retry =
                    new SplitProgress(
                            failedSplit.split(), failedSplit.cursor(), failedSplit.failures() + 1);
            files.park(retry);
            metrics.retries.inc();
            long delay = firstBackoff.toMillis() << Math.min(failedSplit.failures(), 16);
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService()
                    .registerTimer(
                            now + delay,
                            t -> {
                                if (files.release(retry)) {
                                    scheduleTurn();
                                }
                            });
            return;
        }
        metrics.readFailures.inc(e.reason().name());
        output.collect(
                deadLetters,
                new StreamRecord<>(
                        ReadDeadLetters.file(e, failedSplit.split(), failedSplit.failures())));
        done(failedSplit);
    }

    private void done(SplitProgress split) {
        holdback.fileDone(split.seq());
        metrics.backlog.fileDone(split.split().segment());
        emitWatermarkIfAdvanced();
    }

    private void emitWatermarkIfAdvanced() {
        holdback.advance().ifPresent(w -> output.emitWatermark(new Watermark(w)));
    }

    private void badRecord(FileReadException e) {
        metrics.readFailures.inc(e.reason().name());
        output.collect(
                deadLetters,
                new StreamRecord<>(ReadDeadLetters.record(e, files.current().split())));
    }

    private void pageFailure(WarcPairReader.PageFailure f) {
        metrics.extractFailures.inc("EXTRACT_ERROR");
        output.collect(
                deadLetters, new StreamRecord<>(ReadDeadLetters.page(f, files.current().split())));
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        splitsState.update(files.snapshot());
        watermarkState.update(List.of(holdback.input()));
    }

    /** The input ended (bounded runs): read everything that is left before finishing. */
    @Override
    public void endInput() throws Exception {
        while (!files.isEmpty()) {
            if (!files.hasWork()) {
                mailbox.yield(); // let the retry timers fire
            } else {
                readOne();
            }
        }
    }

    private void closeReader() throws IOException {
        if (reader != null) {
            SplitReader r = reader;
            reader = null;
            // counted per opening: a file reopened after a failure counts the records it skips
            // again
            r.skipped().forEach(metrics.recordsSkipped::inc);
            r.close();
        }
    }

    @Override
    public void close() throws Exception {
        closeReader();
        super.close();
    }
}
