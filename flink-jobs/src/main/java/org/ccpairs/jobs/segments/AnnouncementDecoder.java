package org.ccpairs.jobs.segments;

import org.apache.avro.Schema;
import org.apache.flink.util.OutputTag;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.audit.TopicDecodingFunction;
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
public class AnnouncementDecoder extends TopicDecodingFunction<SegmentAnnouncement, Announcement> {
    public static final String STAGE = "announcement-decode";

    public AnnouncementDecoder(
            RegistrySettings registrySettings, OutputTag<DeadLetterRecord> deadLetters) {
        super(
                registrySettings,
                deadLetters,
                STAGE,
                "announcements_decoded",
                "INVALID_ANNOUNCEMENT");
    }

    @Override
    protected Schema readerSchema() {
        return SegmentAnnouncement.getClassSchema();
    }

    @Override
    protected Invalid invalid(SegmentAnnouncement avro) {
        AnnouncementRules.Problem problem = AnnouncementRules.problem(avro);
        return problem == null ? null : new Invalid(problem.reason(), problem.detail());
    }

    @Override
    protected Announcement convert(SegmentAnnouncement avro, KafkaMessage message) {
        return new Announcement(
                avro.getCrawlId(),
                avro.getSegmentId(),
                avro.getFileKind().name(),
                avro.getFiles(),
                avro.getAnnouncedAt().toEpochMilli(),
                KafkaCoordinates.of(message));
    }
}
