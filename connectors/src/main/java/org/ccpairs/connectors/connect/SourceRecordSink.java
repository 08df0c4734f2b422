package org.ccpairs.connectors.connect;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.announce.AnnouncementSink;
import org.ccpairs.connectors.announce.Announcements;
import org.ccpairs.connectors.announce.CrawlProgress;
import org.ccpairs.connectors.announce.PublishException;
import org.ccpairs.connectors.registry.ConfluentAvroSerializer;
import org.ccpairs.connectors.registry.RegistryUnavailableException;

/**
 * The connector's {@link AnnouncementSink}: collects source records for the task to return from
 * {@code poll()}. Values are already Confluent-framed Avro (hence the worker's {@code
 * ByteArrayConverter}), keys plain strings ({@code StringConverter}). An announcement's source
 * offset is its crawl's progress, so Connect stores what was announced with the record (in one
 * transaction when the worker runs with {@code exactly.once.source.support=enabled}). Dead letters
 * carry no offset. Not thread-safe.
 */
final class SourceRecordSink implements AnnouncementSink {
    private final ConfluentAvroSerializer<SegmentAnnouncement> announcements;
    private final ConfluentAvroSerializer<DeadLetter> deadLetters;
    private final String segmentsTopic;
    private final String deadLetterTopic;
    private final List<SourceRecord> records = new ArrayList<>();

    SourceRecordSink(
            ConfluentAvroSerializer<SegmentAnnouncement> announcements,
            ConfluentAvroSerializer<DeadLetter> deadLetters,
            String segmentsTopic,
            String deadLetterTopic) {
        this.announcements = announcements;
        this.deadLetters = deadLetters;
        this.segmentsTopic = segmentsTopic;
        this.deadLetterTopic = deadLetterTopic;
    }

    @Override
    public void announce(SegmentAnnouncement announcement, CrawlProgress after)
            throws PublishException {
        byte[] value = encode(() -> announcements.serialize(announcement));
        records.add(
                new SourceRecord(
                        ConnectOffsets.partition(after.key()),
                        ConnectOffsets.offset(after),
                        segmentsTopic,
                        null,
                        Schema.STRING_SCHEMA,
                        Announcements.key(announcement),
                        Schema.BYTES_SCHEMA,
                        value));
    }

    @Override
    public void deadLetter(DeadLetter letter) throws PublishException {
        byte[] value = encode(() -> deadLetters.serialize(letter));
        records.add(
                new SourceRecord(
                        null,
                        null,
                        deadLetterTopic,
                        null,
                        Schema.STRING_SCHEMA,
                        letter.getStage(),
                        Schema.BYTES_SCHEMA,
                        value));
    }

    /** The records collected since the last call. */
    List<SourceRecord> drain() {
        List<SourceRecord> out = List.copyOf(records);
        records.clear();
        return out;
    }

    private static byte[] encode(java.util.function.Supplier<byte[]> serialize)
            throws PublishException {
        try {
            return serialize.get();
        } catch (RegistryUnavailableException | IllegalStateException e) {
            throw new PublishException("cannot encode: " + e.getMessage(), e, false);
        }
    }
}
