package org.ccpairs.connectors.announce;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ccpairs.connectors.registry.ConfluentAvroDeserializer;
import org.ccpairs.connectors.registry.RegistryClient;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.localstack.SharedStackExtension;

/**
 * Everything committed on a topic right now, decoded: reads {@code read_committed} up to the end
 * offsets taken at the start, so "no duplicates" is checked without waiting for anything.
 */
public final class CommittedRecords {
    /** A record's key and decoded value. */
    public record Keyed<T>(String key, T value) {}

    private CommittedRecords() {}

    public static <T extends SpecificRecord> List<Keyed<T>> read(String topic, Schema schema)
            throws Exception {
        Map<String, Object> config =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SharedStackExtension.kafka().bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed");
        List<Keyed<T>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(
                                config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                RegistryClient registry =
                        RegistrySettings.of(SharedStackExtension.registryUrl()).connect()) {
            ConfluentAvroDeserializer<T> decoder =
                    new ConfluentAvroDeserializer<>(registry, schema);
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to " + end);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    out.add(
                            new Keyed<>(
                                    new String(r.key(), StandardCharsets.UTF_8),
                                    decoder.deserialize(r.value())));
                }
            }
        }
        return out;
    }
}
