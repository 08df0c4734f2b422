package org.ccpairs.connectors.kafka;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ccpairs.connectors.registry.ConfluentAvroDeserializer;
import org.ccpairs.connectors.registry.DecodeException;
import org.ccpairs.connectors.registry.RegistryClient;
import org.ccpairs.connectors.registry.RegistrySettings;

/**
 * Reads one ccpairs topic from its beginning, the way its consumers should: {@code read_committed}
 * (so records of rolled-back attempts stay invisible) and decoded through the registry. Records
 * that do not decode are counted, never thrown. Uses a fresh consumer group and commits nothing.
 * Not thread-safe.
 */
public final class AvroTopicReader<T extends SpecificRecord> implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RegistryClient registry;
    private final ConfluentAvroDeserializer<T> deserializer;
    private final List<T> records = new ArrayList<>();
    private long undecodable;

    /**
     * @param clientProperties extra Kafka client properties (TLS, SASL); may be empty
     * @param schema the generated class's schema, e.g. {@code ImageTextPair.getClassSchema()}
     */
    public AvroTopicReader(
            String bootstrapServers,
            Map<String, String> clientProperties,
            RegistrySettings registrySettings,
            String topic,
            Schema schema) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "ccpairs-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        registry = registrySettings.connect();
        deserializer = new ConfluentAvroDeserializer<>(registry, schema);
    }

    /** Reads what arrives within {@code timeout}; returns everything read so far, in order. */
    public List<T> poll(Duration timeout) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            try {
                records.add(deserializer.deserialize(r.value()));
            } catch (DecodeException e) {
                undecodable++;
            }
        }
        return records;
    }

    /** Everything read so far, in order. */
    public List<T> records() {
        return records;
    }

    /** Records that could not be decoded as {@code T}. */
    public long undecodable() {
        return undecodable;
    }

    @Override
    public void close() throws IOException {
        consumer.close();
        registry.close();
    }
}
