package org.ccpairs.jobs.read;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
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
import org.ccpairs.jobs.metrics.DeadLetterCounters;
import org.ccpairs.jobs.metrics.Metrics;
import org.ccpairs.jobs.metrics.ReasonCounters;
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
    private transient Deque<SplitProgress> queue;
    private transient List<SplitProgress> waiting;
    private transient SplitProgress current;
    private transient SplitReader reader;
    private transient WatermarkHoldback holdback;
    private transient boolean turnScheduled;
    private transient FileOpener opener;

    private transient DeadLetterCounters readFailures;
    private transient DeadLetterCounters extractFailures;
    private transient Counter filesRead;
    private transient Counter bytesRead;
    private transient Counter records;
    private transient Counter pages;
    private transient Counter images;
    private transient Counter imagesWithoutAlt;
    private transient Counter imagesBadUrl;
    private transient Counter pairsExtracted;
    private transient Counter retries;
    private transient ReasonCounters imagesDropped;
    private transient ReasonCounters recordsSkipped;

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
        queue = new ArrayDeque<>();
        waiting = new ArrayList<>();
        holdback = new WatermarkHoldback();
        for (SplitProgress p : splitsState.get()) {
            queue.add(p);
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
        MetricGroup group = getMetricGroup();
        readFailures = new DeadLetterCounters(group, STAGE);
        extractFailures = new DeadLetterCounters(group, EXTRACT_STAGE);
        MetricGroup ccpairs = Metrics.ccpairs(group);
        filesRead = ccpairs.counter("files_read");
        bytesRead = ccpairs.counter("bytes_read");
        records = ccpairs.counter("warc_records_read");
        pages = ccpairs.counter("html_pages_read");
        images = ccpairs.counter("images_seen");
        imagesWithoutAlt = ccpairs.counter("images_without_alt");
        imagesBadUrl = ccpairs.counter("images_bad_url");
        pairsExtracted = ccpairs.counter("pairs_extracted");
        retries = ccpairs.counter("read_retries");
        imagesDropped = new ReasonCounters(ccpairs, "images_dropped");
        recordsSkipped = new ReasonCounters(ccpairs, "records_skipped");
        ccpairs.gauge("files_pending", () -> queue.size() + waiting.size());
        ccpairs.gauge("files_in_progress", () -> current == null ? 0 : 1);
        // after a restore, pass on at once what the restored watermark allows: upstream will not
        // send it again
        emitWatermarkIfAdvanced();
        scheduleTurn();
    }

    @Override
    public void processElement(StreamRecord<FileSplit> element) {
        SplitProgress split = SplitProgress.fresh(element.getValue());
        queue.add(split);
        holdback.fileAdded(split.seq());
        scheduleTurn();
    }

    @Override
    public void processWatermark(Watermark mark) {
        holdback.input(mark.getTimestamp());
        emitWatermarkIfAdvanced();
    }

    private void scheduleTurn() {
        if (!turnScheduled && (current != null || !queue.isEmpty())) {
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
        if (current == null) {
            current = queue.poll();
            if (current == null) {
                return false;
            }
            reader = new SplitReader(current.split(), current.cursor());
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
            bytesRead.inc(r.bytesRead() - bytesBefore);
            records.inc(r.recordsRead() - recordsBefore);
        }
        return true;
    }

    private void emit(RecordPairs record) {
        current = new SplitProgress(current.split(), reader.cursor(), 0);
        pages.inc();
        if (record.extraction() != null) {
            images.inc(record.extraction().images());
            imagesWithoutAlt.inc(record.extraction().withoutAlt());
            imagesBadUrl.inc(record.extraction().badUrl() + record.unnormalizable());
            record.extraction()
                    .badUrls()
                    .forEach((reason, n) -> imagesDropped.inc(reason.name(), n));
            imagesDropped.inc("UNNORMALIZABLE", record.unnormalizable());
        }
        long seq = current.seq();
        for (Pair pair : record.pairs()) {
            output.collect(new StreamRecord<>(pair, seq));
        }
        pairsExtracted.inc(record.pairs().size());
    }

    private void finished() throws IOException {
        closeReader();
        filesRead.inc();
        done(current);
    }

    private void failed(FileReadException e) throws IOException {
        closeReader();
        SplitProgress failedSplit = current;
        current = null;
        if (e.reason() == ReadFailure.UNREACHABLE && failedSplit.failures() < maxRetries) {
            // the connection broke: try again from the cursor, later, while other files go on
            SplitProgress retry =
                    new SplitProgress(
                            failedSplit.split(), failedSplit.cursor(), failedSplit.failures() + 1);
            waiting.add(retry);
            retries.inc();
            long delay = firstBackoff.toMillis() << Math.min(failedSplit.failures(), 16);
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService()
                    .registerTimer(
                            now + delay,
                            t -> {
                                if (waiting.remove(retry)) {
                                    queue.addFirst(retry);
                                    scheduleTurn();
                                }
                            });
            return;
        }
        readFailures.inc(e.reason().name());
        Long offset = e.offset() >= 0 ? e.offset() : null;
        output.collect(
                deadLetters,
                new StreamRecord<>(
                        DeadLetterRecord.forFile(
                                STAGE,
                                e.reason().name(),
                                e.getMessage()
                                        + (failedSplit.failures() > 0
                                                ? " (after " + failedSplit.failures() + " retries)"
                                                : ""),
                                e.getCause(),
                                failedSplit.split(),
                                offset,
                                null,
                                System.currentTimeMillis())));
        done(failedSplit);
    }

    private void done(SplitProgress split) {
        current = null;
        holdback.fileDone(split.seq());
        emitWatermarkIfAdvanced();
    }

    private void emitWatermarkIfAdvanced() {
        holdback.advance().ifPresent(w -> output.emitWatermark(new Watermark(w)));
    }

    private void badRecord(FileReadException e) {
        readFailures.inc(e.reason().name());
        output.collect(
                deadLetters,
                new StreamRecord<>(
                        DeadLetterRecord.forFile(
                                STAGE,
                                e.reason().name(),
                                e.getMessage(),
                                e.getCause(),
                                current.split(),
                                e.offset() >= 0 ? e.offset() : null,
                                null,
                                System.currentTimeMillis())));
    }

    private void pageFailure(WarcPairReader.PageFailure f) {
        extractFailures.inc("EXTRACT_ERROR");
        output.collect(
                deadLetters,
                new StreamRecord<>(
                        DeadLetterRecord.forFile(
                                EXTRACT_STAGE,
                                "EXTRACT_ERROR",
                                "cannot extract from " + f.page().url() + ": " + f.cause(),
                                f.cause(),
                                current.split(),
                                f.page().offset(),
                                f.page().recordId(),
                                System.currentTimeMillis())));
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<SplitProgress> splits = new ArrayList<>();
        if (current != null) {
            splits.add(current);
        }
        splits.addAll(queue);
        for (SplitProgress w : waiting) {
            splits.add(new SplitProgress(w.split(), w.cursor(), 0)); // a restore retries at once
        }
        splitsState.update(splits);
        watermarkState.update(List.of(holdback.input()));
    }

    /** The input ended (bounded runs): read everything that is left before finishing. */
    @Override
    public void endInput() throws Exception {
        while (current != null || !queue.isEmpty() || !waiting.isEmpty()) {
            if (current == null && queue.isEmpty()) {
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
            r.skipped().forEach(recordsSkipped::inc);
            r.close();
        }
    }

    @Override
    public void close() throws Exception {
        closeReader();
        super.close();
    }
}
