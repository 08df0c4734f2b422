package org.ccpairs.connectors.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ccpairs.connectors.registry.ConfluentAvroSerializer;
import org.ccpairs.connectors.registry.RegistryClient;
import org.ccpairs.connectors.registry.RegistrySettings;

/**
 * Writes records of one Avro type to one topic, in the Confluent wire format, with an idempotent
 * producer and {@code acks=all}; each {@link #write} waits for the broker's acknowledgement. For
 * the command line and other small producers; the job writes through Flink's Kafka sink.
 */
public final class AvroTopicWriter<T extends SpecificRecord> implements AutoCloseable {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaProducer<byte[], byte[]> producer;
    private final RegistryClient registry;
    private final ConfluentAvroSerializer<T> serializer;
    private final String topic;

    /**
     * @param clientProperties extra Kafka client properties (TLS, SASL); may be empty
     * @param clientId the producer's client id, as brokers and quotas see it
     */
    public AvroTopicWriter(
            String bootstrapServers,
            Map<String, String> clientProperties,
            RegistrySettings registry,
            String topic,
            org.apache.avro.Schema schema,
            String clientId) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, SEND_TIMEOUT.toMillis());
        this.producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.registry = registry.connect();
        this.serializer = new ConfluentAvroSerializer<>(this.registry, topic, schema);
        this.topic = topic;
    }

    /**
     * Writes {@code value} under {@code key} and waits until the broker has it.
     *
     * @throws IllegalStateException when the broker does not acknowledge within a minute or refuses
     *     it
     */
    public RecordMetadata write(String key, T value) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        topic, key.getBytes(StandardCharsets.UTF_8), serializer.serialize(value));
        try {
            return producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot publish "
                            + key
                            + " to "
                            + topic
                            + ": "
                            + (e.getCause() != null ? e.getCause() : e),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + key, e);
        }
    }

    @Override
    public void close() throws IOException {
        try (registry) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
