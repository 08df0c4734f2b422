package org.ccpairs.jobs.segments;

import java.io.IOException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.audit.TopicDecoder;
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
    private transient TopicDecoder<SegmentAnnouncement> decoder;

    public AnnouncementDecoder(
            RegistrySettings registrySettings, OutputTag<DeadLetterRecord> deadLetters) {
        this.registrySettings = registrySettings;
        this.deadLetters = deadLetters;
    }

    @Override
    public void open(OpenContext openContext) {
        decoder =
                new TopicDecoder<>(
                        registrySettings,
                        SegmentAnnouncement.getClassSchema(),
                        STAGE,
                        getRuntimeContext().getMetricGroup(),
                        "announcements_decoded");
    }

    @Override
    public void processElement(KafkaMessage message, Context ctx, Collector<Announcement> out) {
        SegmentAnnouncement avro = decoder.decode(message, dead -> ctx.output(deadLetters, dead));
        if (avro == null) {
            return;
        }
        AnnouncementRules.Problem problem = AnnouncementRules.problem(avro);
        if (problem != null) {
            decoder.reject(
                    message,
                    problem.reason(),
                    problem.detail(),
                    null,
                    dead -> ctx.output(deadLetters, dead));
            return;
        }
        decoder.accepted();
        out.collect(
                new Announcement(
                        avro.getCrawlId(),
                        avro.getSegmentId(),
                        avro.getFileKind().name(),
                        avro.getFiles(),
                        avro.getAnnouncedAt().toEpochMilli(),
                        KafkaCoordinates.of(message)));
    }

    @Override
    public void close() throws IOException {
        if (decoder != null) {
            decoder.close();
        }
    }
}
