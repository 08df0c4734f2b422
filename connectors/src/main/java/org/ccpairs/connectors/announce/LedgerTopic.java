package org.ccpairs.connectors.announce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ccpairs.avro.FileKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLI announcer's memory: a compacted topic with one record per announced segment (key {@code
 * <crawl>/<kind>/<segment>}) and one per completely announced crawl (key {@code <crawl>/<kind>},
 * value with {@code complete: true}), written in the same transaction as the announcements (see
 * {@link TransactionalAnnouncementSink}). Values are small JSON objects; the topic is internal
 * state, like Kafka Connect's offsets topic, not a contract. A tombstone for a segment key makes
 * the announcer announce that segment again. Reads {@code read_committed}. Not thread-safe.
 */
public final class LedgerTopic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerTopic.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private List<TopicPartition> partitions;
    private long records;

    public LedgerTopic(
            String bootstrapServers, Map<String, String> clientProperties, String topic) {
        this.topic = topic;
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "ccpairs-announcer-ledger-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The topic's partitions; a topic just created may take a moment to appear in metadata. */
    private List<TopicPartition> partitions() {
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (true) {
            List<PartitionInfo> found = consumer.partitionsFor(topic, READ_TIMEOUT);
            if (found != null && !found.isEmpty()) {
                return found.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the announcer ledger topic " + topic + " has no partitions");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while looking up " + topic, e);
            }
        }
    }

    /**
     * Reads what was added since the last call (everything, the first time) into {@code ledger}.
     *
     * @throws IllegalStateException when the topic cannot be read to its end within a minute
     */
    public void catchUp(MemoryLedger ledger) {
        if (partitions == null) {
            partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "cannot read the announcer ledger " + topic + " to its end " + end);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                apply(r, ledger);
                records++;
            }
        }
    }

    /** Ledger records read so far. */
    public long records() {
        return records;
    }

    private void apply(ConsumerRecord<byte[], byte[]> r, MemoryLedger ledger) {
        String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
        String[] parts = key.split("/");
        try {
            CrawlKey crawl = new CrawlKey(parts[0], FileKind.valueOf(parts[1]));
            if (parts.length == 3) {
                if (r.value() == null) {
                    ledger.removeSegment(crawl, parts[2]);
                } else {
                    ledger.addSegment(crawl, parts[2]);
                }
            } else if (parts.length == 2) {
                JsonNode value = r.value() == null ? null : JSON.readTree(r.value());
                ledger.setListing(
                        crawl,
                        value == null ? 0 : value.path("segments_listed").asInt(),
                        value != null && value.path("complete").asBoolean());
            } else {
                throw new IllegalArgumentException("key has " + parts.length + " parts");
            }
        } catch (IOException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            LOG.warn(
                    "skipping unreadable ledger record {} at offset {}: {}",
                    key,
                    r.offset(),
                    e.toString());
        }
    }

    /** The record that remembers one announced segment. */
    static ProducerRecord<byte[], byte[]> segmentRecord(
            String topic, CrawlKey crawl, String segmentId, Instant announcedAt) {
        ObjectNode value = JSON.createObjectNode();
        value.put("crawl_id", crawl.crawlId());
        value.put("file_kind", crawl.kind().name());
        value.put("segment_id", segmentId);
        value.put("announced_at", announcedAt.toString());
        return record(topic, crawl + "/" + segmentId, value);
    }

    /** The record that remembers a crawl's listing: how many segments, all announced or not. */
    static ProducerRecord<byte[], byte[]> crawlRecord(String topic, CrawlProgress progress) {
        ObjectNode value = JSON.createObjectNode();
        value.put("crawl_id", progress.key().crawlId());
        value.put("file_kind", progress.key().kind().name());
        value.put("segments_listed", progress.segmentsListed());
        value.put("complete", progress.complete());
        return record(topic, progress.key().toString(), value);
    }

    private static ProducerRecord<byte[], byte[]> record(
            String topic, String key, ObjectNode value) {
        try {
            return new ProducerRecord<>(
                    topic, key.getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new KafkaException("cannot encode ledger record " + key, e);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
