package org.ccpairs.connectors.announce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.registry.ConfluentAvroSerializer;
import org.ccpairs.connectors.registry.RegistryClient;
import org.ccpairs.connectors.registry.RegistrySettings;

/**
 * Publishes segment announcements to the segments topic, Avro in the Confluent wire format, keyed
 * by {@code <crawl_id>/<segment_id>}, with an idempotent producer and {@code acks=all}. Each call
 * waits for the broker's acknowledgement.
 */
public final class AnnouncementPublisher implements AutoCloseable {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaProducer<byte[], byte[]> producer;
    private final RegistryClient registry;
    private final ConfluentAvroSerializer<SegmentAnnouncement> serializer;
    private final String topic;

    /**
     * @param clientProperties extra Kafka client properties (TLS, SASL); may be empty
     */
    public AnnouncementPublisher(
            String bootstrapServers,
            Map<String, String> clientProperties,
            RegistrySettings registry,
            String topic) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ccpairs-announcer");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, SEND_TIMEOUT.toMillis());
        this.producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.registry = registry.connect();
        this.serializer =
                new ConfluentAvroSerializer<>(
                        this.registry, topic, SegmentAnnouncement.getClassSchema());
        this.topic = topic;
    }

    /**
     * Publishes one announcement and waits until the broker has it.
     *
     * @throws IllegalStateException when the broker does not acknowledge within a minute or refuses
     *     it
     */
    public RecordMetadata publish(SegmentAnnouncement announcement) {
        byte[] key = Announcements.key(announcement).getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, key, serializer.serialize(announcement));
        try {
            return producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot publish "
                            + Announcements.key(announcement)
                            + " to "
                            + topic
                            + ": "
                            + (e.getCause() != null ? e.getCause() : e),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while publishing " + Announcements.key(announcement), e);
        }
    }

    @Override
    public void close() throws IOException {
        try (registry) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
