package org.ccpairs.jobs.dedup;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ccpairs.jobs.metrics.Metrics;
import org.ccpairs.jobs.model.Pair;

/**
 * Lets the first pair with a given identity through and drops every later one, across segments,
 * crawls and restarts. Keyed by {@link Pair#dedupKey()} (64 bits of the pair id: the normalized
 * image URL and the caption).
 *
 * <p>State per key is one long: the sequence number of the segment that first produced the pair
 * (what a later retraction needs to find where the pair was published). It is bounded by a
 * time-to-live that every sighting refreshes, so a pair unseen for longer than the TTL is forgotten
 * and, if it comes back, is published again; choose the TTL longer than the interval between crawls
 * that should not repeat pairs.
 */
public class DedupFunction extends KeyedProcessFunction<Long, Pair, Pair> {
    private final Duration ttl;
    private transient ValueState<Long> firstSeenSegment;
    private transient Counter duplicates;
    private transient Counter unique;

    public DedupFunction(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Long> descriptor =
                new ValueStateDescriptor<>("first-seen-segment", Types.LONG);
        descriptor.enableTimeToLive(KeyedTtl.refreshedOnAccess(ttl));
        firstSeenSegment = getRuntimeContext().getState(descriptor);
        duplicates =
                Metrics.ccpairs(getRuntimeContext().getMetricGroup()).counter("duplicates_dropped");
        unique = Metrics.ccpairs(getRuntimeContext().getMetricGroup()).counter("pairs_unique");
    }

    @Override
    public void processElement(Pair pair, Context ctx, Collector<Pair> out) throws Exception {
        if (firstSeenSegment.value() != null) {
            duplicates.inc();
            return;
        }
        firstSeenSegment.update(pair.segmentSeq());
        unique.inc();
        out.collect(pair);
    }
}
