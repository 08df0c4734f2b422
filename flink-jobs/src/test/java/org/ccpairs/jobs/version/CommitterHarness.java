package org.ccpairs.jobs.version;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.RetractedPair;
import org.ccpairs.jobs.model.Retraction;
import org.ccpairs.jobs.model.Segment;

/**
 * The {@link VersionCommitter} under Flink's operator test harness, with the steps the job takes:
 * segments and retractions on the control input, written files on the data input, watermarks on
 * both, checkpoints that complete.
 */
final class CommitterHarness
        extends TwoInputStreamOperatorTestHarness<
                WrittenFiles, Either<Segment, Retraction>, DatasetVersionRecord> {

    CommitterHarness(VersionCommitter committer) throws Exception {
        super(committer);
    }

    CommitterHarness(
            VersionCommitter committer, int maxParallelism, int parallelism, int subtaskIndex)
            throws Exception {
        super(committer, maxParallelism, parallelism, subtaskIndex);
    }

    void startSegments(Segment... segments) throws Exception {
        for (Segment s : segments) {
            processElement2(Either.Left(s), s.seq());
        }
    }

    void send(List<WrittenFiles> files) throws Exception {
        for (WrittenFiles f : files) {
            processElement1(f, f.segmentSeq());
        }
    }

    /** Watermark {@code seq} on both inputs, as the sequencer's watermark arrives in the job. */
    void watermark(long seq) throws Exception {
        processWatermark1(new Watermark(seq));
        processWatermark2(new Watermark(seq));
    }

    /** Takes checkpoint {@code id} and completes it: the committer commits what it holds. */
    void checkpoint(long id) throws Exception {
        snapshot(id, id);
        notifyOfCompletedCheckpoint(id);
    }

    /** Every version committed so far. */
    List<DatasetVersionRecord> versions() {
        return extractOutputValues();
    }

    /** Every pair the committer reported as removed so far. */
    List<RetractedPair> retracted() {
        List<RetractedPair> out = new ArrayList<>();
        var side = getSideOutput(VersionCommitter.RETRACTED);
        if (side != null) {
            for (StreamRecord<RetractedPair> r : side) {
                out.add(r.getValue());
            }
        }
        return out;
    }
}
