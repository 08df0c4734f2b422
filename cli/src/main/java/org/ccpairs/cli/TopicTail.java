package org.ccpairs.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
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
 * Follows a topic from its beginning with {@code read_committed} and decodes each record through
 * the registry, as any consumer of ccpairs' topics does. Records that do not decode are counted,
 * not thrown.
 */
final class TopicTail<T extends SpecificRecord> implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RegistryClient registry;
    private final ConfluentAvroDeserializer<T> deserializer;
    private final List<T> records = new ArrayList<>();
    private long undecodable;

    TopicTail(String bootstrapServers, String registryUrl, String topic, Schema schema) {
        consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "ccpairs-cli-" + UUID.randomUUID(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest",
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed",
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        registry = RegistrySettings.of(registryUrl).connect();
        deserializer = new ConfluentAvroDeserializer<>(registry, schema);
    }

    /** Reads what arrives within {@code timeout}; returns everything read so far. */
    List<T> poll(Duration timeout) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            try {
                records.add(deserializer.deserialize(r.value()));
            } catch (DecodeException e) {
                undecodable++;
            }
        }
        return records;
    }

    List<T> records() {
        return records;
    }

    long undecodable() {
        return undecodable;
    }

    @Override
    public void close() throws IOException {
        consumer.close();
        registry.close();
    }
}
