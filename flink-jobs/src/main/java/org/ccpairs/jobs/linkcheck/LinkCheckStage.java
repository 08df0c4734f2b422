package org.ccpairs.jobs.linkcheck;

import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RejectionRecord;

/**
 * Wires the link check into a topology: pairs are keyed by the host of their image URL (so every
 * host's requests go through one checker), checked by {@link LinkCheckFunction} under {@code
 * AsyncDataStream.unorderedWait}, and routed by {@link LinkOutcomeRouter}. Unordered async I/O
 * emits results as they come but never moves a record across a watermark, so a segment is still
 * complete exactly when its watermark passes (docs/versions.md).
 */
public final class LinkCheckStage {
    private LinkCheckStage() {}

    /**
     * @return the pairs whose image answered OK; the rejections are on its side output {@code
     *     rejections}
     */
    public static SingleOutputStreamOperator<Pair> apply(
            DataStream<Pair> pairs,
            LinkCheckSettings settings,
            HostResolver.Factory resolvers,
            OutputTag<RejectionRecord> rejections,
            RejectionSampler sampler) {
        SingleOutputStreamOperator<Pair> checked =
                AsyncDataStream.unorderedWait(
                                pairs.keyBy(p -> LinkTarget.hostKey(p.imageUrl()), Types.STRING),
                                new LinkCheckFunction(settings, resolvers),
                                settings.checkTimeout().toMillis(),
                                TimeUnit.MILLISECONDS,
                                settings.capacity())
                        .name("check links")
                        .uid("link-check");
        return checked.process(
                        new LinkOutcomeRouter(rejections, sampler, settings.allowedFormats()))
                .name("route link-check outcomes")
                .uid("link-check-outcomes");
    }
}
