package org.ccpairs.jobs.filter;

import java.time.Duration;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.audit.StageRejections;
import org.ccpairs.jobs.dedup.KeyedTtl;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RejectionRecord;

/**
 * Drops boilerplate captions: keyed by a 64-bit hash of the lower-cased caption ({@link #KEY}), it
 * counts the distinct pairs (it runs after dedup) with that caption; the first {@code maxCount}
 * pass, every later one is rejected as {@code BOILERPLATE_CAPTION} (COYO-700M dropped captions that
 * occurred more than 10 times). Counting after dedup means a page crawled again, or an image shown
 * on every page of a site, does not push its caption towards the limit; different images sharing
 * one caption ("Click to enlarge", "Product image") do.
 *
 * <p>State per key: one int, saturating at {@code maxCount + 1}, bounded by a TTL refreshed on
 * every sighting (a caption unseen for longer starts counting again). About 30 bytes per distinct
 * caption on RocksDB, like the dedup state (docs/filters.md).
 */
public class BoilerplateFunction extends KeyedProcessFunction<Long, Pair, Pair> {
    public static final String STAGE = "boilerplate";
    public static final String BOILERPLATE = "BOILERPLATE_CAPTION";

    /** The caption key: FNV-1a over the lower-cased caption's UTF-16 units, finalized. */
    public static final KeySelector<Pair, Long> KEY = p -> captionKey(p.caption());

    private final int maxCount;
    private final Duration ttl;
    private final OutputTag<RejectionRecord> rejectionsTag;
    private final RejectionSampler sampler;
    private transient ValueState<Integer> count;
    private transient StageRejections rejections;

    public BoilerplateFunction(
            int maxCount,
            Duration ttl,
            OutputTag<RejectionRecord> rejectionsTag,
            RejectionSampler sampler) {
        if (maxCount < 1) {
            throw new IllegalArgumentException(
                    "'filter.boilerplate.max-count' must be >= 1 when the counter is on, got "
                            + maxCount);
        }
        this.maxCount = maxCount;
        this.ttl = ttl;
        this.rejectionsTag = rejectionsTag;
        this.sampler = sampler;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Integer> descriptor =
                new ValueStateDescriptor<>("caption-count", Types.INT);
        descriptor.enableTimeToLive(KeyedTtl.refreshedOnAccess(ttl));
        count = getRuntimeContext().getState(descriptor);
        rejections = new StageRejections(getRuntimeContext().getMetricGroup(), STAGE, sampler);
    }

    @Override
    public void processElement(Pair pair, Context ctx, Collector<Pair> out) throws Exception {
        Integer seen = count.value();
        int now = seen == null ? 1 : Math.min(seen + 1, maxCount + 1);
        count.update(now);
        if (now <= maxCount) {
            out.collect(pair);
        } else {
            rejections.reject(
                    pair,
                    BOILERPLATE,
                    "caption on more than " + maxCount + " pairs",
                    r -> ctx.output(rejectionsTag, r));
        }
    }

    static long captionKey(String caption) {
        String c = caption.toLowerCase(Locale.ROOT);
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < c.length(); i++) {
            h ^= c.charAt(i);
            h *= 0x100000001b3L;
        }
        // SplitMix64's finalizer spreads FNV's weak low bits over the key groups
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
