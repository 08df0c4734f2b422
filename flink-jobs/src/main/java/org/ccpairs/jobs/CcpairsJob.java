package org.ccpairs.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.flink.util.OutputTag;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.dedup.DedupFunction;
import org.ccpairs.jobs.filter.FilterOptions;
import org.ccpairs.jobs.filter.FilterStages;
import org.ccpairs.jobs.linkcheck.HostResolver;
import org.ccpairs.jobs.linkcheck.LinkCheckOptions;
import org.ccpairs.jobs.linkcheck.LinkCheckSettings;
import org.ccpairs.jobs.linkcheck.LinkCheckStage;
import org.ccpairs.jobs.linkcheck.SystemHostResolver;
import org.ccpairs.jobs.model.Announcement;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.DeadLetterRecord;
import org.ccpairs.jobs.model.FileSplit;
import org.ccpairs.jobs.model.KafkaMessage;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RejectionRecord;
import org.ccpairs.jobs.model.RetractedPair;
import org.ccpairs.jobs.model.Retraction;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.read.FilePairReaderFactory;
import org.ccpairs.jobs.read.FileReaderOperator;
import org.ccpairs.jobs.read.ReadOptions;
import org.ccpairs.jobs.safety.HttpImageSafetyScorer;
import org.ccpairs.jobs.safety.ImageSafetyScorer;
import org.ccpairs.jobs.safety.SafetyOptions;
import org.ccpairs.jobs.safety.SafetyStages;
import org.ccpairs.jobs.segments.AnnouncementDecoder;
import org.ccpairs.jobs.segments.NoEventTime;
import org.ccpairs.jobs.segments.SegmentSequencer;
import org.ccpairs.jobs.takedown.TakedownDecoder;
import org.ccpairs.jobs.version.DatasetOptions;
import org.ccpairs.jobs.version.DatasetSettings;
import org.ccpairs.jobs.version.DatasetWriter;
import org.ccpairs.jobs.version.VersionCommitter;
import org.ccpairs.jobs.version.WrittenFiles;

/**
 * The ccpairs topology, with its source, sinks and file readers injected so that tests can swap
 * them:
 *
 * <pre>
 * announcements ─► decode ─► sequence ─► read files + extract ─► prefilter ─► dedup ─► boilerplate ─► safety lists ─► check links ─► image hash lists ─┬─► pairs sink (exactly once)
 *   (Kafka)          │           │                │                          │         └─► dataset writer ─► version committer ─► versions sink
 *                    │           └── segments ────┼──────────────────────────┼─────────────────────────────────┘
 *                    └── dead letters ◄───────────┘─► dead-letter sink       └─► rejections sink (a sample)
 * </pre>
 *
 * <p>Safety-list updates (optional source) are broadcast to both safety-list stages (URLs before
 * the link check, image hashes after it) and, through the retroactive matcher, become retractions
 * on the committer's control input.
 *
 * <p>{@link CcpairsJobs#from} builds it with the real Kafka source and sinks for a configuration.
 * Every operator has a stable uid so that savepoints survive changes to the topology.
 */
public final class CcpairsJob {
    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("dead-letters") {};
    public static final OutputTag<RejectionRecord> REJECTIONS = new OutputTag<>("rejections") {};

    private final Builder parts;

    private CcpairsJob(Builder parts) {
        this.parts = parts;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds the topology to {@code env}.
     *
     * @throws IllegalStateException when checkpointing is off: versions and the exactly-once sinks
     *     commit on checkpoints, so without them nothing would ever be published
     */
    public void addTo(StreamExecutionEnvironment env) {
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            throw new IllegalStateException(
                    "checkpointing is off, so no pair would ever be published: set"
                            + " 'execution.checkpointing.interval' (e.g. 30s)");
        }
        Configuration conf = parts.conf;
        DataStream<KafkaMessage> messages =
                env.fromSource(
                                parts.announcements,
                                WatermarkStrategy.noWatermarks(),
                                "segment announcements")
                        .uid("announcements-source")
                        .setParallelism(1);

        SingleOutputStreamOperator<Announcement> decoded =
                messages.process(new AnnouncementDecoder(parts.registry, DEAD_LETTERS))
                        .name("decode announcements")
                        .uid("announcement-decoder")
                        .setParallelism(1);

        SingleOutputStreamOperator<FileSplit> splits =
                decoded.transform(
                                "sequence segments",
                                TypeInformation.of(FileSplit.class),
                                new SegmentSequencer())
                        .uid("segment-sequencer")
                        .setParallelism(1)
                        .setMaxParallelism(1);
        DataStream<Segment> segments = splits.getSideOutput(SegmentSequencer.SEGMENTS);

        SingleOutputStreamOperator<Pair> extracted =
                splits.rebalance()
                        .transform(
                                "read files and extract",
                                TypeInformation.of(Pair.class),
                                new FileReaderOperator(
                                        parts.fileReaders,
                                        DEAD_LETTERS,
                                        conf.get(JobOptions.HTTP_USER_AGENT),
                                        conf.get(ReadOptions.MAX_RETRIES),
                                        conf.get(ReadOptions.RETRY_BACKOFF)))
                        .uid("file-reader");

        RejectionSampler sampler =
                new RejectionSampler(conf.get(JobOptions.REJECTIONS_SAMPLE_RATE));
        List<DataStream<RejectionRecord>> rejected = new ArrayList<>();

        // ── prefilter (docs/filters.md): opt-outs, URL and caption rules, language and caption
        // safety score; cheap and without I/O, so before dedup
        DataStream<Pair> candidates = extracted;
        if (conf.get(FilterOptions.ENABLED)) {
            SingleOutputStreamOperator<Pair> prefiltered =
                    FilterStages.prefilter(extracted, conf, REJECTIONS, sampler);
            rejected.add(prefiltered.getSideOutput(REJECTIONS));
            candidates = prefiltered;
        }

        SingleOutputStreamOperator<Pair> unique =
                candidates
                        .keyBy(conf.get(JobOptions.DEDUP_SCOPE).keySelector(), Types.LONG)
                        .process(new DedupFunction(conf.get(JobOptions.DEDUP_TTL)))
                        .name("dedup")
                        .uid("dedup");

        // ── boilerplate captions (counted over distinct pairs, hence after dedup) and safety
        // lists (files + live updates; matching published pairs are retracted via the committer)
        DataStream<Pair> distinct = unique;
        if (conf.get(FilterOptions.ENABLED) && conf.get(FilterOptions.BOILERPLATE_MAX_COUNT) > 0) {
            SingleOutputStreamOperator<Pair> counted =
                    FilterStages.boilerplate(unique, conf, REJECTIONS, sampler);
            rejected.add(counted.getSideOutput(REJECTIONS));
            distinct = counted;
        }
        DataStream<Pair> safe = distinct;
        SafetyStages.Lists lists = null;
        if (conf.get(SafetyOptions.LISTS_ENABLED)) {
            lists =
                    SafetyStages.lists(
                            env,
                            distinct,
                            parts.blocklistUpdates,
                            parts.registry,
                            parts.dataset.tableLoader(),
                            conf,
                            DEAD_LETTERS,
                            REJECTIONS,
                            sampler);
            rejected.add(lists.rejections());
            safe = lists.pairs();
        }

        // ── link check (docs/linkcheck.md): keyed by image host, async HTTP with per-host
        // politeness, SSRF guard and opt-outs; only pairs whose image answers OK go on to the two
        // outputs, the rest are counted and a sample audited on the rejections topic. Unordered
        // async I/O never moves a pair across a watermark, so segment completion stays exact.
        DataStream<Pair> checked = safe;
        if (conf.get(LinkCheckOptions.ENABLED)) {
            SingleOutputStreamOperator<Pair> linkChecked =
                    LinkCheckStage.apply(
                            safe,
                            LinkCheckSettings.from(conf),
                            parts.linkCheckResolver,
                            REJECTIONS,
                            sampler);
            rejected.add(linkChecked.getSideOutput(REJECTIONS));
            checked = linkChecked;
        }
        // ── end of link check

        // ── image hash lists: the safety lists' IMAGE_* entries against the digests the link
        // check computed (linkcheck.content-hash); the same lists and updates as the stage above
        if (lists != null) {
            SingleOutputStreamOperator<Pair> unlisted =
                    SafetyStages.imageHashes(checked, lists, conf, REJECTIONS, sampler);
            rejected.add(unlisted.getSideOutput(REJECTIONS));
            checked = unlisted;
        }

        // ── image safety (off by default): an external scorer, asked asynchronously
        if (conf.get(SafetyOptions.IMAGE_SCORER_ENABLED)) {
            SingleOutputStreamOperator<Pair> scored =
                    SafetyStages.images(
                            checked, parts.imageSafetyScorer, conf, REJECTIONS, sampler);
            rejected.add(scored.getSideOutput(REJECTIONS));
            checked = scored;
        }

        if (!rejected.isEmpty()) {
            DataStream<RejectionRecord> all = rejected.get(0);
            for (DataStream<RejectionRecord> more : rejected.subList(1, rejected.size())) {
                all = all.union(more);
            }
            all.sinkTo(parts.rejectionsSink).name("rejections sink").uid("rejections-sink");
        }

        checked.sinkTo(parts.pairsSink).name("pairs sink").uid("pairs-sink");

        SingleOutputStreamOperator<WrittenFiles> written =
                checked.transform(
                                "write dataset files",
                                TypeInformation.of(WrittenFiles.class),
                                new DatasetWriter(
                                        parts.dataset.tableLoader(),
                                        parts.dataset.targetFileSize()))
                        .uid("dataset-writer");

        DataStream<Either<Segment, Retraction>> control =
                segments.map(Either::<Segment, Retraction>Left)
                        .returns(VersionCommitter.CONTROL_TYPE)
                        .name("segments to the committer")
                        .uid("committer-segments")
                        .setParallelism(1);
        // ── safety-list retractions (safety/RetroactiveMatcher) join the committer's control
        // input; their stream carries the final watermark, so segment completion never waits on it
        if (lists != null && lists.retractions() != null) {
            control =
                    control.union(
                            lists.retractions()
                                    .map(Either::<Segment, Retraction>Right)
                                    .returns(VersionCommitter.CONTROL_TYPE)
                                    .name("safety-list retractions to the committer")
                                    .uid("committer-safety-retractions")
                                    .setParallelism(1));
        }
        // ── end of safety-list retractions

        // ── takedowns (docs/versions.md#retractions): requests to remove published pairs, applied
        // as deletes in the next version. Their source's watermark is the end of time, so that it
        // never holds back the committer's event time, which is the segment sequence.
        SingleOutputStreamOperator<Retraction> takedowns = null;
        if (parts.takedowns != null) {
            takedowns =
                    env.fromSource(
                                    parts.takedowns,
                                    NoEventTime.<KafkaMessage>strategy(),
                                    "takedown requests")
                            .uid("takedowns-source")
                            .setParallelism(1)
                            .process(new TakedownDecoder(parts.registry, DEAD_LETTERS))
                            .name("decode takedowns")
                            .uid("takedown-decoder")
                            .setParallelism(1);
            control =
                    control.union(
                            takedowns
                                    .map(Either::<Segment, Retraction>Right)
                                    .returns(VersionCommitter.CONTROL_TYPE)
                                    .name("takedowns to the committer")
                                    .uid("committer-takedowns")
                                    .setParallelism(1));
        }

        SingleOutputStreamOperator<DatasetVersionRecord> versions =
                written.connect(control)
                        .transform(
                                "commit versions",
                                TypeInformation.of(DatasetVersionRecord.class),
                                new VersionCommitter(
                                        parts.dataset.tableLoader(),
                                        parts.dataset.table(),
                                        conf.get(DatasetOptions.VERSION_MAX_INTERVAL)))
                        .uid("version-committer")
                        .setParallelism(1)
                        .setMaxParallelism(1);
        versions.sinkTo(parts.versionsSink)
                .name("versions sink")
                .uid("versions-sink")
                .setParallelism(1);
        if (parts.retractionsSink != null) {
            versions.getSideOutput(VersionCommitter.RETRACTED)
                    .sinkTo(parts.retractionsSink)
                    .name("retractions sink")
                    .uid("retractions-sink")
                    .setParallelism(1);
        }

        DataStream<DeadLetterRecord> deadLetters =
                decoded.getSideOutput(DEAD_LETTERS).union(extracted.getSideOutput(DEAD_LETTERS));
        if (takedowns != null) {
            deadLetters = deadLetters.union(takedowns.getSideOutput(DEAD_LETTERS));
        }
        if (lists != null && lists.deadLetters() != null) {
            deadLetters = deadLetters.union(lists.deadLetters());
        }
        deadLetters.sinkTo(parts.deadLetterSink).name("dead-letter sink").uid("dead-letter-sink");
    }

    /** The parts of the job; every one is required unless it says otherwise. */
    public static final class Builder {
        private Source<KafkaMessage, ?, ?> announcements;
        private Sink<Pair> pairsSink;
        private Sink<DatasetVersionRecord> versionsSink;
        private Sink<DeadLetterRecord> deadLetterSink;
        private DatasetSettings dataset;
        private RegistrySettings registry;
        private Configuration conf = new Configuration();
        private FilePairReaderFactory fileReaders;
        private Sink<RejectionRecord> rejectionsSink;
        private Source<KafkaMessage, ?, ?> takedowns;
        private Sink<RetractedPair> retractionsSink;
        private HostResolver.Factory linkCheckResolver;
        private Source<KafkaMessage, ?, ?> blocklistUpdates;
        private ImageSafetyScorer imageSafetyScorer;

        private Builder() {}

        /**
         * The external image-safety scorer; default when {@code safety.image.enabled}: the HTTP
         * scorer at {@code safety.image.endpoint}.
         */
        public Builder imageSafetyScorer(ImageSafetyScorer scorer) {
            this.imageSafetyScorer = scorer;
            return this;
        }

        /**
         * Kafka records of the blocklist topic, as bytes (docs/filters.md); optional: without it
         * only the list files apply.
         */
        public Builder blocklistUpdates(Source<KafkaMessage, ?, ?> source) {
            this.blocklistUpdates = source;
            return this;
        }

        /** Kafka records of the segments topic, as bytes. */
        public Builder announcements(Source<KafkaMessage, ?, ?> source) {
            this.announcements = source;
            return this;
        }

        public Builder pairsSink(Sink<Pair> sink) {
            this.pairsSink = sink;
            return this;
        }

        public Builder versionsSink(Sink<DatasetVersionRecord> sink) {
            this.versionsSink = sink;
            return this;
        }

        public Builder deadLetterSink(Sink<DeadLetterRecord> sink) {
            this.deadLetterSink = sink;
            return this;
        }

        /** The dataset table, which must exist. */
        public Builder dataset(DatasetSettings settings) {
            this.dataset = settings;
            return this;
        }

        /** Decodes the announcements. */
        public Builder registry(RegistrySettings settings) {
            this.registry = settings;
            return this;
        }

        /** Stage settings ({@link JobOptions}, {@link ReadOptions}); defaults when not given. */
        public Builder configuration(Configuration configuration) {
            this.conf = configuration;
            return this;
        }

        /**
         * How files are read; default: by the announced kind, with {@link
         * JobOptions#MAX_PAGE_SIZE}.
         */
        public Builder fileReaders(FilePairReaderFactory factory) {
            this.fileReaders = factory;
            return this;
        }

        /**
         * Takedown requests ({@code TakedownRequest} messages); optional: without it the job takes
         * no takedowns.
         */
        public Builder takedowns(Source<KafkaMessage, ?, ?> source) {
            this.takedowns = source;
            return this;
        }

        /** Where each pair a version removed is reported; optional. */
        public Builder retractionsSink(Sink<RetractedPair> sink) {
            this.retractionsSink = sink;
            return this;
        }

        /**
         * A sample of the pairs filter stages dropped; required while link checking or the filters
         * are on.
         */
        public Builder rejectionsSink(Sink<RejectionRecord> sink) {
            this.rejectionsSink = sink;
            return this;
        }

        /**
         * How the link checker resolves image hosts; default: the system resolver on {@code
         * linkcheck.dns.threads} threads. Tests inject fixed answers here.
         */
        public Builder linkCheckResolver(HostResolver.Factory resolver) {
            this.linkCheckResolver = resolver;
            return this;
        }

        /**
         * @throws NullPointerException naming the first required part that is missing
         * @throws IllegalArgumentException when the image-safety scorer is on but neither given nor
         *     configured by an endpoint
         */
        public CcpairsJob build() {
            if (conf.get(SafetyOptions.IMAGE_SCORER_ENABLED) && imageSafetyScorer == null) {
                imageSafetyScorer =
                        HttpImageSafetyScorer.from(conf, conf.get(JobOptions.HTTP_USER_AGENT));
                if (imageSafetyScorer == null) {
                    throw new IllegalArgumentException(
                            "'safety.image.enabled' is on but the job has no ImageSafetyScorer:"
                                    + " set 'safety.image.endpoint' to the scorer's URL, give one"
                                    + " to CcpairsJob.Builder#imageSafetyScorer, or turn it off");
                }
            }
            Objects.requireNonNull(announcements, "announcements");
            Objects.requireNonNull(pairsSink, "pairsSink");
            Objects.requireNonNull(versionsSink, "versionsSink");
            Objects.requireNonNull(deadLetterSink, "deadLetterSink");
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(conf, "configuration");
            if (conf.get(LinkCheckOptions.ENABLED) || conf.get(FilterOptions.ENABLED)) {
                Objects.requireNonNull(
                        rejectionsSink, "rejectionsSink (link checking or filters are on)");
            }
            if (conf.get(LinkCheckOptions.ENABLED)) {
                if (linkCheckResolver == null) {
                    linkCheckResolver =
                            SystemHostResolver.factory(conf.get(LinkCheckOptions.DNS_THREADS));
                }
            }
            if (fileReaders == null) {
                int maxPageBytes =
                        (int)
                                Math.min(
                                        Integer.MAX_VALUE - 16,
                                        conf.get(JobOptions.MAX_PAGE_SIZE).getBytes());
                fileReaders = FilePairReaderFactory.byKind(maxPageBytes);
            }
            return new CcpairsJob(this);
        }
    }
}
