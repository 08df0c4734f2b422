package org.ccpairs.jobs.filter;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RejectionRecord;

/** Adds the filter stages to a topology (docs/filters.md). */
public final class FilterStages {
    private FilterStages() {}

    /**
     * The prefilter stage on {@code extracted}: before dedup, since it is cheap and does no I/O.
     * Its rejections are on the returned operator's {@code rejections} side output.
     *
     * @throws IllegalArgumentException naming the option when a setting is invalid
     */
    public static SingleOutputStreamOperator<Pair> prefilter(
            DataStream<Pair> extracted,
            Configuration conf,
            OutputTag<RejectionRecord> rejections,
            RejectionSampler sampler) {
        return extracted
                .process(new PrefilterFunction(PrefilterSettings.from(conf), rejections, sampler))
                .name("prefilter")
                .uid("prefilter");
    }

    /**
     * The boilerplate counter on {@code distinct}: after dedup, so that it counts distinct pairs.
     * Its rejections are on the returned operator's {@code rejections} side output.
     */
    public static SingleOutputStreamOperator<Pair> boilerplate(
            DataStream<Pair> distinct,
            Configuration conf,
            OutputTag<RejectionRecord> rejections,
            RejectionSampler sampler) {
        return distinct.keyBy(BoilerplateFunction.KEY, Types.LONG)
                .process(
                        new BoilerplateFunction(
                                conf.get(FilterOptions.BOILERPLATE_MAX_COUNT),
                                conf.get(FilterOptions.BOILERPLATE_TTL),
                                rejections,
                                sampler))
                .name("boilerplate captions")
                .uid("boilerplate");
    }
}
