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
import org.apache.flink.metrics.SimpleCounter;
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
 * A safety-list stage. Runs twice in the job, with the same lists: before the link check ({@link
 * Scope#URLS}) it rejects pairs whose image URL (exact, MD5, SHA-256) or image or page host is on a
 * safety list in force, so that no request goes to a listed image; after it ({@link
 * Scope#IMAGE_BYTES}) it rejects pairs whose image's digests (from the link check, {@code
 * linkcheck.content-hash}) are on a list. Both as {@code SAFETY_LIST} under stage {@code safety}.
 * Lists come from files and URLs at start ({@link StartupLists}) and from updates on the blocklist
 * topic, which arrive as broadcast input and take effect for every pair processed after them. The
 * lists updated from the topic live in broadcast state (every subtask holds the same copy, restored
 * from its own), start-up lists are read again at every start, so a changed file takes effect on
 * restart.
 *
 * <p>Fails closed: when matching throws, the pair is rejected as {@code FILTER_ERROR}; after the
 * link check, a pair without digests while image-content entries are in force is rejected as {@code
 * IMAGE_NOT_HASHED}, and a start-up list with such entries fails the start unless the link check
 * hashes images.
 */
public class SafetyListFunction extends BroadcastProcessFunction<Pair, SafetyListUpdate, Pair> {
    public static final String STAGE = "safety";
    public static final String SAFETY_LIST = "SAFETY_LIST";
    public static final String NOT_HASHED = "IMAGE_NOT_HASHED";

    /** What a stage matches. */
    public enum Scope {
        /** Image URL and image and page hosts; before the link check. */
        URLS,
        /** Digests of the image's bytes; after the link check, which computed them. */
        IMAGE_BYTES
    }

    /** List id → {@link SafetyList#toState()}: the lists as the topic's updates left them. */
    public static final MapStateDescriptor<String, String[]> LISTS =
            new MapStateDescriptor<>(
                    "safety-lists", Types.STRING, BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO);

    private final StartupLists startup;
    private final Scope scope;
    private final boolean imagesHashed;
    private final OutputTag<RejectionRecord> rejectionsTag;
    private final RejectionSampler sampler;

    private transient Map<String, SafetyList> atStart;
    private transient SafetyLists matcher;
    private transient StageRejections rejections;
    private transient Counter updatesApplied;
    private transient Counter updatesIgnored;
    private transient long entries;

    /**
     * @param imagesHashed whether the link check hashes images; only read for {@link
     *     Scope#IMAGE_BYTES}
     */
    public SafetyListFunction(
            StartupLists startup,
            Scope scope,
            boolean imagesHashed,
            OutputTag<RejectionRecord> rejectionsTag,
            RejectionSampler sampler) {
        this.startup = startup;
        this.scope = scope;
        this.imagesHashed = imagesHashed;
        this.rejectionsTag = rejectionsTag;
        this.sampler = sampler;
    }

    @Override
    public void open(OpenContext openContext) {
        atStart = startup.load();
        if (scope == Scope.IMAGE_BYTES) {
            SafetyVerdict.requireHashing(atStart.values(), imagesHashed);
        }
        MetricGroup group = Metrics.ccpairs(getRuntimeContext().getMetricGroup());
        rejections = new StageRejections(getRuntimeContext().getMetricGroup(), STAGE, sampler);
        if (scope == Scope.URLS) {
            updatesApplied = group.counter("blocklist_updates_applied");
            updatesIgnored = group.counter("blocklist_updates_ignored");
            group.gauge("blocklist_entries", () -> entries);
        } else {
            // both stages see every update: count them once, at the first
            updatesApplied = new SimpleCounter();
            updatesIgnored = new SimpleCounter();
        }
    }

    @Override
    public void processElement(Pair pair, ReadOnlyContext ctx, Collector<Pair> out)
            throws Exception {
        SafetyVerdict verdict;
        try {
            if (matcher == null) {
                matcher = build(ctx.getBroadcastState(LISTS).immutableEntries());
            }
            verdict = SafetyVerdict.of(matcher, scope, pair);
        } catch (RuntimeException e) {
            // the lists in broadcast state could not be read back: fail closed
            verdict =
                    new SafetyVerdict(
                            Decision.FILTER_ERROR,
                            "safety-lists failed: "
                                    + e.getClass().getName()
                                    + ": "
                                    + e.getMessage());
        }
        if (verdict.passes()) {
            out.collect(pair);
        } else {
            rejections.reject(
                    pair, verdict.reason(), verdict.detail(), r -> ctx.output(rejectionsTag, r));
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
