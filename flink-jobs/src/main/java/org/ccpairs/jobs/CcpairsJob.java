package org.ccpairs.jobs;

import java.time.Duration;
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
import org.apache.flink.util.OutputTag;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.dedup.DedupFunction;
import org.ccpairs.jobs.extract.WarcExtractFunction;
import org.ccpairs.jobs.model.Announcement;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.DeadLetterRecord;
import org.ccpairs.jobs.model.FileSplit;
import org.ccpairs.jobs.model.KafkaMessage;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.segments.AnnouncementDecoder;
import org.ccpairs.jobs.segments.SegmentSequencer;
import org.ccpairs.jobs.version.DatasetSettings;
import org.ccpairs.jobs.version.DatasetWriter;
import org.ccpairs.jobs.version.VersionCommitter;
import org.ccpairs.jobs.version.WrittenFiles;

/**
 * The ccpairs topology, with its source and sinks injected so that tests can swap them:
 *
 * <pre>
 * announcements ─► decode ─► sequence ─► read WARC + extract ─► dedup ─┬─► pairs sink (exactly once)
 *   (Kafka)          │           │                │                     └─► dataset writer ─► version committer ─► versions sink
 *                    │           └── segments ────┼──────────────────────────────────────────────┘
 *                    └── dead letters ◄───────────┘─► dead-letter sink
 * </pre>
 *
 * <p>{@link CcpairsJobs} wires the real Kafka source and sinks from a configuration. Every operator
 * has a stable uid so that savepoints survive changes to the topology.
 */
public final class CcpairsJob {
    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("dead-letters") {};

    private final Source<KafkaMessage, ?, ?> announcements;
    private final Sink<Pair> pairsSink;
    private final Sink<DatasetVersionRecord> versionsSink;
    private final Sink<DeadLetterRecord> deadLetterSink;
    private final DatasetSettings dataset;
    private final RegistrySettings registry;
    private final Configuration conf;

    /**
     * @param announcements Kafka records of the segments topic, as bytes
     * @param registry decodes the announcements
     * @param dataset the dataset table, which must exist
     * @param conf stage settings ({@link JobOptions})
     */
    public CcpairsJob(
            Source<KafkaMessage, ?, ?> announcements,
            Sink<Pair> pairsSink,
            Sink<DatasetVersionRecord> versionsSink,
            Sink<DeadLetterRecord> deadLetterSink,
            DatasetSettings dataset,
            RegistrySettings registry,
            Configuration conf) {
        this.announcements = Objects.requireNonNull(announcements);
        this.pairsSink = Objects.requireNonNull(pairsSink);
        this.versionsSink = Objects.requireNonNull(versionsSink);
        this.deadLetterSink = Objects.requireNonNull(deadLetterSink);
        this.dataset = Objects.requireNonNull(dataset);
        this.registry = Objects.requireNonNull(registry);
        this.conf = Objects.requireNonNull(conf);
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
        Duration dedupTtl = conf.get(JobOptions.DEDUP_TTL);
        int maxPageBytes =
                (int)
                        Math.min(
                                Integer.MAX_VALUE - 16,
                                conf.get(JobOptions.MAX_PAGE_SIZE).getBytes());

        DataStream<KafkaMessage> messages =
                env.fromSource(
                                announcements,
                                WatermarkStrategy.noWatermarks(),
                                "segment announcements")
                        .uid("announcements-source")
                        .setParallelism(1);

        SingleOutputStreamOperator<Announcement> decoded =
                messages.process(new AnnouncementDecoder(registry, DEAD_LETTERS))
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
                        .process(
                                new WarcExtractFunction(
                                        DEAD_LETTERS,
                                        conf.get(JobOptions.HTTP_USER_AGENT),
                                        maxPageBytes))
                        .name("read WARC and extract")
                        .uid("warc-extract");

        SingleOutputStreamOperator<Pair> unique =
                extracted
                        .keyBy(Pair::dedupKey, Types.LONG)
                        .process(new DedupFunction(dedupTtl))
                        .name("dedup")
                        .uid("dedup");

        unique.sinkTo(pairsSink).name("pairs sink").uid("pairs-sink");

        SingleOutputStreamOperator<WrittenFiles> written =
                unique.transform(
                                "write dataset files",
                                TypeInformation.of(WrittenFiles.class),
                                new DatasetWriter(dataset.tableLoader(), dataset.targetFileSize()))
                        .uid("dataset-writer");

        written.connect(segments)
                .transform(
                        "commit versions",
                        TypeInformation.of(DatasetVersionRecord.class),
                        new VersionCommitter(dataset.tableLoader(), dataset.table()))
                .uid("version-committer")
                .setParallelism(1)
                .setMaxParallelism(1)
                .sinkTo(versionsSink)
                .name("versions sink")
                .uid("versions-sink")
                .setParallelism(1);

        decoded.getSideOutput(DEAD_LETTERS)
                .union(extracted.getSideOutput(DEAD_LETTERS))
                .sinkTo(deadLetterSink)
                .name("dead-letter sink")
                .uid("dead-letter-sink");
    }
}
