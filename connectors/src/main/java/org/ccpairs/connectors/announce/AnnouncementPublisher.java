package org.ccpairs.connectors.announce;

import java.io.IOException;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.kafka.AvroTopicWriter;
import org.ccpairs.connectors.registry.RegistrySettings;

/**
 * Publishes segment announcements to the segments topic, Avro in the Confluent wire format, keyed
 * by {@code <crawl_id>/<segment_id>}, with an idempotent producer and {@code acks=all}. Each call
 * waits for the broker's acknowledgement.
 */
public final class AnnouncementPublisher implements AutoCloseable {
    private final AvroTopicWriter<SegmentAnnouncement> writer;

    /**
     * @param clientProperties extra Kafka client properties (TLS, SASL); may be empty
     */
    public AnnouncementPublisher(
            String bootstrapServers,
            Map<String, String> clientProperties,
            RegistrySettings registry,
            String topic) {
        this.writer =
                new AvroTopicWriter<>(
                        bootstrapServers,
                        clientProperties,
                        registry,
                        topic,
                        SegmentAnnouncement.getClassSchema(),
                        "ccpairs-announcer");
    }

    /**
     * Publishes one announcement and waits until the broker has it.
     *
     * @throws IllegalStateException when the broker does not acknowledge within a minute or refuses
     *     it
     */
    public RecordMetadata publish(SegmentAnnouncement announcement) {
        return writer.write(Announcements.key(announcement), announcement);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
