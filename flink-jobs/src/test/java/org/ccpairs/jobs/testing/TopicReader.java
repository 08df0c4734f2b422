package org.ccpairs.jobs.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
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
 * Reads a topic from the beginning with {@code read_committed}, decoding every record through the
 * real registry, as a consumer of ccpairs would.
 */
public final class TopicReader<T extends SpecificRecord> implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RegistryClient registry;
    private final ConfluentAvroDeserializer<T> deserializer;
    private final List<T> records = new ArrayList<>();

    public TopicReader(String bootstrapServers, String registryUrl, String topic, Schema schema) {
        consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "test-" + UUID.randomUUID(),
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

    /** Everything read so far, in arrival order. */
    public List<T> records() {
        return records;
    }

    /** Polls until {@code done} holds for what was read, or fails after {@code timeout}. */
    public List<T> readUntil(Predicate<List<T>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(records)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out after "
                                + timeout
                                + "; read "
                                + records.size()
                                + " records: "
                                + records);
            }
            poll(Duration.ofMillis(200));
        }
        return records;
    }

    /** Reads whatever arrives within {@code quiet}. */
    public List<T> drain(Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return records;
    }

    private void poll(Duration timeout) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            try {
                records.add(deserializer.deserialize(r.value()));
            } catch (DecodeException e) {
                throw new AssertionError(
                        "undecodable record on " + r.topic() + "@" + r.offset(), e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        consumer.close();
        registry.close();
    }
}
