package org.ccpairs.jobs.safety;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;
import org.apache.iceberg.flink.TableLoader;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.linkcheck.LinkCheckOptions;
import org.ccpairs.jobs.model.DeadLetterRecord;
import org.ccpairs.jobs.model.KafkaMessage;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RejectionRecord;
import org.ccpairs.jobs.model.Retraction;
import org.ccpairs.jobs.segments.NoEventTime;

/** Adds the safety stages to a topology (docs/filters.md). */
public final class SafetyStages {
    private SafetyStages() {}

    /**
     * What the safety-list stage adds.
     *
     * @param pairs the pairs no list matches
     * @param rejections the stage's rejections (a sample goes to the audit topic)
     * @param retractions published pairs that lists match, for the version committer; null without
     *     a live updates source and without start-up lists
     * @param deadLetters malformed updates; null without a live updates source
     * @param updates the list updates, for {@link #imageHashes}; a stand-in stream without a live
     *     updates source
     */
    public record Lists(
            DataStream<Pair> pairs,
            DataStream<RejectionRecord> rejections,
            DataStream<Retraction> retractions,
            DataStream<DeadLetterRecord> deadLetters,
            DataStream<SafetyListUpdate> updates) {}

    /**
     * The safety-list stage on {@code pairs}: list files, plus live updates from {@code updates}
     * when it is not null, broadcast to the stage and turned into retractions of published pairs.
     */
    public static Lists lists(
            StreamExecutionEnvironment env,
            DataStream<Pair> pairs,
            Source<KafkaMessage, ?, ?> updatesSource,
            RegistrySettings registry,
            TableLoader table,
            Configuration conf,
            OutputTag<DeadLetterRecord> deadLetterTag,
            OutputTag<RejectionRecord> rejectionTag,
            RejectionSampler sampler) {
        StartupLists startup = StartupLists.from(conf);
        DataStream<SafetyListUpdate> updates;
        DataStream<Retraction> retractions = null;
        DataStream<DeadLetterRecord> deadLetters = null;
        if (updatesSource != null) {
            SingleOutputStreamOperator<SafetyListUpdate> decoded =
                    env.fromSource(
                                    updatesSource,
                                    NoEventTime.<KafkaMessage>strategy(),
                                    "blocklist updates")
                            .uid("blocklist-source")
                            .setParallelism(1)
                            .process(new BlocklistDecoder(registry, deadLetterTag))
                            .returns(TypeInformation.of(SafetyListUpdate.class))
                            .name("decode blocklist updates")
                            .uid("blocklist-decoder")
                            .setParallelism(1);
            deadLetters = decoded.getSideOutput(deadLetterTag);
            updates = decoded;
            retractions = retractions(updates, table, startup, conf);
        } else if (!startup.isEmpty()) {
            // start-up lists without live updates: an input that never yields an update and
            // never ends, so that the matcher keeps running and applies the start-up lists to
            // published pairs (its watermark is the end of time: segments never wait on it)
            updates =
                    env.fromSource(
                                    new NoUpdatesSource(),
                                    NoEventTime.<SafetyListUpdate>strategy(),
                                    "no blocklist updates (start-up lists only)")
                            .uid("blocklist-start-up-only")
                            .setParallelism(1);
            retractions = retractions(updates, table, startup, conf);
        } else {
            // no lists at all: an input that ends at once (its end is the final watermark)
            updates =
                    env.fromData(
                                    List.of(SafetyListUpdate.NONE),
                                    TypeInformation.of(SafetyListUpdate.class))
                            .name("no blocklist updates")
                            .uid("blocklist-none")
                            .setParallelism(1);
        }
        SingleOutputStreamOperator<Pair> listed =
                pairs.connect(updates.broadcast(SafetyListFunction.LISTS))
                        .process(
                                new SafetyListFunction(
                                        startup,
                                        SafetyListFunction.Scope.URLS,
                                        false,
                                        rejectionTag,
                                        sampler))
                        .name("safety lists")
                        .uid("safety-lists");
        return new Lists(
                listed, listed.getSideOutput(rejectionTag), retractions, deadLetters, updates);
    }

    /** Published pairs that the lists in force match ({@link RetroactiveMatcher}). */
    private static DataStream<Retraction> retractions(
            DataStream<SafetyListUpdate> updates,
            TableLoader table,
            StartupLists startup,
            Configuration conf) {
        return updates.transform(
                        "retract published pairs on list updates",
                        TypeInformation.of(Retraction.class),
                        new RetroactiveMatcher(
                                table, startup, conf.get(SafetyOptions.LISTS_RECHECK_INTERVAL)))
                .uid("blocklist-retractions")
                .setParallelism(1);
    }

    /**
     * The image-hash stage on {@code pairs} (after the link check, which hashed the images): the
     * same lists as {@code lists}, matched against the digests of each image's bytes. Its
     * rejections are on the returned operator's {@code rejections} side output.
     */
    public static SingleOutputStreamOperator<Pair> imageHashes(
            DataStream<Pair> pairs,
            Lists lists,
            Configuration conf,
            OutputTag<RejectionRecord> rejectionTag,
            RejectionSampler sampler) {
        boolean hashed =
                conf.get(LinkCheckOptions.ENABLED) && conf.get(LinkCheckOptions.CONTENT_HASH);
        return pairs.connect(lists.updates().broadcast(SafetyListFunction.LISTS))
                .process(
                        new SafetyListFunction(
                                StartupLists.from(conf),
                                SafetyListFunction.Scope.IMAGE_BYTES,
                                hashed,
                                rejectionTag,
                                sampler))
                .name("image hash lists")
                .uid("image-hash-lists");
    }

    /**
     * The image-safety stage on {@code pairs} (after the link check): asks {@code scorer}
     * asynchronously, then rejects unscored pairs and pairs at or above the threshold. Its
     * rejections are on the returned operator's {@code rejections} side output.
     */
    public static SingleOutputStreamOperator<Pair> images(
            DataStream<Pair> pairs,
            ImageSafetyScorer scorer,
            Configuration conf,
            OutputTag<RejectionRecord> rejectionTag,
            RejectionSampler sampler) {
        return AsyncDataStream.unorderedWait(
                        pairs,
                        new ImageSafetyFunction(scorer),
                        conf.get(SafetyOptions.IMAGE_TIMEOUT).toMillis(),
                        TimeUnit.MILLISECONDS,
                        conf.get(SafetyOptions.IMAGE_CAPACITY))
                .name("score image safety")
                .uid("image-safety")
                .process(
                        new ImageSafetyRouter(
                                conf.get(SafetyOptions.IMAGE_THRESHOLD), rejectionTag, sampler))
                .name("route image safety")
                .uid("image-safety-router");
    }
}
