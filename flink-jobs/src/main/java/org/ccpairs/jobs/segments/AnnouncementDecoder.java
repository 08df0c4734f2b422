package org.ccpairs.jobs.segments;

import java.io.IOException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.registry.ConfluentAvroDeserializer;
import org.ccpairs.connectors.registry.DecodeException;
import org.ccpairs.connectors.registry.RegistryClient;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.metrics.DeadLetterCounters;
import org.ccpairs.jobs.metrics.Metrics;
import org.ccpairs.jobs.model.Announcement;
import org.ccpairs.jobs.model.DeadLetterRecord;
import org.ccpairs.jobs.model.KafkaCoordinates;
import org.ccpairs.jobs.model.KafkaMessage;

/**
 * Decodes segment announcements (Confluent-framed Avro) and validates them. Anything that is not a
 * usable announcement goes to the dead-letter output with its reason, its Kafka coordinates and its
 * bytes; the job goes on with the next one. Only an unreachable registry fails the task, since that
 * is not the message's fault and Flink's restart strategy is the right retry.
 */
public class AnnouncementDecoder extends ProcessFunction<KafkaMessage, Announcement> {
    public static final String STAGE = "announcement-decode";

    private final RegistrySettings registrySettings;
    private final OutputTag<DeadLetterRecord> deadLetters;
    private transient RegistryClient registry;
    private transient ConfluentAvroDeserializer<SegmentAnnouncement> deserializer;
    private transient DeadLetterCounters deadLetterCounters;
    private transient Counter decoded;

    public AnnouncementDecoder(
            RegistrySettings registrySettings, OutputTag<DeadLetterRecord> deadLetters) {
        this.registrySettings = registrySettings;
        this.deadLetters = deadLetters;
    }

    @Override
    public void open(OpenContext openContext) {
        registry = registrySettings.connect();
        deserializer =
                new ConfluentAvroDeserializer<>(registry, SegmentAnnouncement.getClassSchema());
        deadLetterCounters = new DeadLetterCounters(getRuntimeContext().getMetricGroup(), STAGE);
        decoded =
                Metrics.ccpairs(getRuntimeContext().getMetricGroup())
                        .counter("announcements_decoded");
    }

    @Override
    public void processElement(KafkaMessage message, Context ctx, Collector<Announcement> out) {
        SegmentAnnouncement avro;
        try {
            avro = deserializer.deserialize(message.value());
        } catch (DecodeException e) {
            reject(ctx, message, e.reason().name(), e.getMessage(), e);
            return;
        }
        AnnouncementRules.Problem problem = AnnouncementRules.problem(avro);
        if (problem != null) {
            reject(ctx, message, problem.reason(), problem.detail(), null);
            return;
        }
        decoded.inc();
        out.collect(
                new Announcement(
                        avro.getCrawlId(),
                        avro.getSegmentId(),
                        avro.getFileKind().name(),
                        avro.getFiles(),
                        avro.getAnnouncedAt().toEpochMilli(),
                        KafkaCoordinates.of(message)));
    }

    private void reject(
            Context ctx, KafkaMessage message, String reason, String detail, Throwable cause) {
        deadLetterCounters.inc(reason);
        ctx.output(
                deadLetters,
                DeadLetterRecord.forMessage(
                        STAGE, reason, detail, cause, message, System.currentTimeMillis()));
    }

    @Override
    public void close() throws IOException {
        if (registry != null) {
            registry.close();
        }
    }
}
