package org.ccpairs.connectors.connect;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.announce.AnnouncerMetrics;
import org.ccpairs.connectors.announce.AnnouncerSettings;
import org.ccpairs.connectors.announce.CommonCrawlIndex;
import org.ccpairs.connectors.announce.SegmentAnnouncer;
import org.ccpairs.connectors.kafka.KafkaOptions;
import org.ccpairs.connectors.registry.ConfluentAvroSerializer;
import org.ccpairs.connectors.registry.RegistryClient;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's one task: a thin adapter that runs a {@link SegmentAnnouncer} poll every {@code
 * announcer.poll-interval} and returns what it announced as source records. Between polls {@link
 * #poll()} waits at most a second and returns null, so that the worker can stop the task promptly.
 */
public final class SegmentAnnouncerTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentAnnouncerTask.class);
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final CountDownLatch stopped = new CountDownLatch(1);
    private AnnouncerSettings settings;
    private RegistryClient registry;
    private CommonCrawlIndex index;
    private SourceRecordSink sink;
    private SegmentAnnouncer announcer;
    private ConnectMetrics metrics;
    private long nextPollNanos;

    @Override
    public void start(Map<String, String> props) {
        Configuration conf = ConnectSettings.configuration(props);
        try {
            settings = AnnouncerSettings.from(conf);
            registry = RegistrySettings.from(conf).connect();
        } catch (IllegalArgumentException e) {
            throw new ConnectException(e.getMessage(), e);
        }
        sink =
                new SourceRecordSink(
                        new ConfluentAvroSerializer<>(
                                registry,
                                conf.get(KafkaOptions.SEGMENTS_TOPIC),
                                SegmentAnnouncement.getClassSchema()),
                        new ConfluentAvroSerializer<>(
                                registry,
                                conf.get(KafkaOptions.DLQ_TOPIC),
                                DeadLetter.getClassSchema()),
                        conf.get(KafkaOptions.SEGMENTS_TOPIC),
                        conf.get(KafkaOptions.DLQ_TOPIC));
        index = CommonCrawlIndex.of(settings);
        AnnouncerMetrics counters = new AnnouncerMetrics();
        announcer =
                new SegmentAnnouncer(
                        settings,
                        index,
                        new OffsetLedger(context.offsetStorageReader()),
                        sink,
                        counters,
                        "connect:" + props.getOrDefault("name", "ccpairs-announcer"),
                        Clock.systemUTC());
        metrics = ConnectMetrics.register(context.pluginMetrics(), counters);
        nextPollNanos = System.nanoTime();
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        long wait = nextPollNanos - System.nanoTime();
        if (wait > 0) {
            stopped.await(Math.min(wait, MAX_IDLE_NANOS), TimeUnit.NANOSECONDS);
            return null;
        }
        nextPollNanos = System.nanoTime() + settings.pollInterval().toNanos();
        announcer.poll();
        metrics.refresh();
        List<SourceRecord> records = sink.drain();
        return records.isEmpty() ? null : records;
    }

    @Override
    public void stop() {
        stopped.countDown();
        if (index != null) {
            index.close();
        }
        if (registry != null) {
            try {
                registry.close();
            } catch (IOException e) {
                LOG.warn("closing the registry client: {}", e.toString());
            }
        }
    }

    @Override
    public String version() {
        return SegmentAnnouncerConnector.VERSION;
    }
}
