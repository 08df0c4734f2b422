package org.ccpairs.jobs.safety;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.audit.StageRejections;
import org.ccpairs.jobs.filter.Decision;
import org.ccpairs.jobs.metrics.Metrics;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RejectionRecord;

/**
 * The safety-list stage: rejects pairs whose image URL (exact, MD5, SHA-256) or image or page host
 * is on a safety list in force, as {@code SAFETY_LIST} under stage {@code safety}. Lists come from
 * files and URLs at start ({@link StartupLists}) and from updates on the blocklist topic, which
 * arrive as broadcast input and take effect for every pair processed after them. The lists updated
 * from the topic live in broadcast state (every subtask holds the same copy, restored from its
 * own), start-up lists are read again at every start, so a changed file takes effect on restart.
 *
 * <p>Fails closed: when matching throws, the pair is rejected as {@code FILTER_ERROR}.
 */
public class SafetyListFunction extends BroadcastProcessFunction<Pair, SafetyListUpdate, Pair> {
    public static final String STAGE = "safety";
    public static final String SAFETY_LIST = "SAFETY_LIST";

    /** List id → {@link SafetyList#toState()}: the lists as the topic's updates left them. */
    public static final MapStateDescriptor<String, String[]> LISTS =
            new MapStateDescriptor<>(
                    "safety-lists", Types.STRING, BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO);

    private final StartupLists startup;
    private final OutputTag<RejectionRecord> rejectionsTag;
    private final RejectionSampler sampler;

    private transient Map<String, SafetyList> atStart;
    private transient SafetyLists matcher;
    private transient StageRejections rejections;
    private transient Counter updatesApplied;
    private transient Counter updatesIgnored;
    private transient long entries;

    public SafetyListFunction(
            StartupLists startup,
            OutputTag<RejectionRecord> rejectionsTag,
            RejectionSampler sampler) {
        this.startup = startup;
        this.rejectionsTag = rejectionsTag;
        this.sampler = sampler;
    }

    @Override
    public void open(OpenContext openContext) {
        atStart = startup.load();
        MetricGroup group = Metrics.ccpairs(getRuntimeContext().getMetricGroup());
        rejections = new StageRejections(getRuntimeContext().getMetricGroup(), STAGE, sampler);
        updatesApplied = group.counter("blocklist_updates_applied");
        updatesIgnored = group.counter("blocklist_updates_ignored");
        group.gauge("blocklist_entries", () -> entries);
    }

    @Override
    public void processElement(Pair pair, ReadOnlyContext ctx, Collector<Pair> out)
            throws Exception {
        SafetyLists.Match match;
        try {
            if (matcher == null) {
                matcher = build(ctx.getBroadcastState(LISTS).immutableEntries());
            }
            match = matcher.match(pair.imageUrl(), pair.pageUrl());
        } catch (RuntimeException e) {
            rejections.reject(
                    pair,
                    Decision.FILTER_ERROR,
                    "safety-lists failed: " + e.getClass().getName() + ": " + e.getMessage(),
                    r -> ctx.output(rejectionsTag, r));
            return;
        }
        if (match == null) {
            out.collect(pair);
        } else {
            rejections.reject(pair, SAFETY_LIST, match.detail(), r -> ctx.output(rejectionsTag, r));
        }
    }

    @Override
    public void processBroadcastElement(SafetyListUpdate update, Context ctx, Collector<Pair> out)
            throws Exception {
        if (update.isNone()) {
            return;
        }
        BroadcastState<String, String[]> state = ctx.getBroadcastState(LISTS);
        String[] stored = state.get(update.listId());
        SafetyList current =
                stored != null
                        ? SafetyList.fromState(update.listId(), stored)
                        : atStart.getOrDefault(update.listId(), SafetyList.empty(update.listId()));
        if (update.version() <= current.version()) {
            updatesIgnored.inc(); // a replay, or an update older than the list in force
            return;
        }
        state.put(update.listId(), current.apply(update).toState());
        updatesApplied.inc();
        matcher = null; // rebuilt with the next pair
    }

    private SafetyLists build(Iterable<Map.Entry<String, String[]>> stored) {
        Map<String, SafetyList> lists = new HashMap<>(atStart);
        for (Map.Entry<String, String[]> e : stored) {
            // an updated list replaces the version read at start
            lists.put(e.getKey(), SafetyList.fromState(e.getKey(), e.getValue()));
        }
        SafetyLists built = new SafetyLists(new ArrayList<>(lists.values()));
        entries = built.size();
        return built;
    }
}
