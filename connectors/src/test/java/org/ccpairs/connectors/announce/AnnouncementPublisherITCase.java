package org.ccpairs.connectors.announce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ccpairs.avro.FileKind;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.registry.ConfluentAvroDeserializer;
import org.ccpairs.connectors.registry.ConfluentWireFormat;
import org.ccpairs.connectors.registry.RegistryClient;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.connectors.testing.RegistryRest;
import org.ccpairs.localstack.SharedStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Publishing to the real broker, reading the raw records back, decoding with the real registry. */
@ExtendWith(SharedStackExtension.class)
class AnnouncementPublisherITCase {
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2024-12-01T10:15:30.123Z"), ZoneOffset.UTC);
    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void publishedAnnouncementIsKeyedByCrawlAndSegmentAndDecodesToAnEqualAnnouncement()
            throws Exception {
        String topic = "announce-one";
        SharedStackExtension.kafka().createTopics(1, topic);
        SegmentAnnouncement announcement =
                Announcements.of(
                        "CC-MAIN-2024-51",
                        "1733066035855.10",
                        FileKind.WARC,
                        List.of(
                                "https://data.commoncrawl.org/a.warc.gz",
                                "https://data.commoncrawl.org/b.warc.gz"),
                        "ccpairs-test",
                        CLOCK);

        RecordMetadata metadata;
        try (AnnouncementPublisher publisher = publisher(topic)) {
            metadata = publisher.publish(announcement);
        }

        assertThat(metadata.topic()).isEqualTo(topic);
        assertThat(metadata.offset()).isZero();
        List<ConsumerRecord<byte[], byte[]>> records = consume(topic, 1, 1);
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        assertThat(new String(record.key(), StandardCharsets.UTF_8))
                .isEqualTo("CC-MAIN-2024-51/1733066035855.10");
        assertThat(record.value()[0]).isZero();
        assertThat(ConfluentWireFormat.schemaId(record.value()))
                .isEqualTo(
                        new RegistryRest(SharedStackExtension.registryUrl())
                                .latestId(topic + "-value"));
        try (RegistryClient registry =
                RegistrySettings.of(SharedStackExtension.registryUrl()).connect()) {
            SegmentAnnouncement decoded =
                    new ConfluentAvroDeserializer<SegmentAnnouncement>(
                                    registry, SegmentAnnouncement.getClassSchema())
                            .deserialize(record.value());
            assertThat(decoded).isEqualTo(announcement);
        }
    }

    @Test
    void announcementsOfOneSegmentLandInOnePartitionInOrder() throws Exception {
        String topic = "announce-many";
        SharedStackExtension.kafka().createTopics(3, topic);
        List<SegmentAnnouncement> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(
                    Announcements.of(
                            "CC-MAIN-2024-51",
                            "seg-a",
                            FileKind.WARC,
                            List.of("https://x/" + i),
                            null,
                            CLOCK));
        }
        sent.add(
                Announcements.of(
                        "CC-MAIN-2024-51",
                        "seg-b",
                        FileKind.WAT,
                        List.of("https://x/b"),
                        null,
                        CLOCK));

        List<RecordMetadata> metadata = new ArrayList<>();
        try (AnnouncementPublisher publisher = publisher(topic)) {
            for (SegmentAnnouncement announcement : sent) {
                metadata.add(publisher.publish(announcement));
            }
        }

        assertThat(metadata.subList(0, 3))
                .extracting(RecordMetadata::partition)
                .containsOnly(metadata.get(0).partition());
        assertThat(metadata.subList(0, 3))
                .extracting(RecordMetadata::offset)
                .containsExactly(0L, 1L, 2L);
        List<ConsumerRecord<byte[], byte[]>> records = consume(topic, 3, sent.size());
        try (RegistryClient registry =
                RegistrySettings.of(SharedStackExtension.registryUrl()).connect()) {
            ConfluentAvroDeserializer<SegmentAnnouncement> deserializer =
                    new ConfluentAvroDeserializer<>(registry, SegmentAnnouncement.getClassSchema());
            List<SegmentAnnouncement> segA = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (record.partition() == metadata.get(0).partition()
                        && new String(record.key(), StandardCharsets.UTF_8)
                                .equals("CC-MAIN-2024-51/seg-a")) {
                    segA.add(deserializer.deserialize(record.value()));
                }
            }
            assertThat(segA).containsExactlyElementsOf(sent.subList(0, 3));
        }
    }

    private static AnnouncementPublisher publisher(String topic) {
        return new AnnouncementPublisher(
                SharedStackExtension.kafka().bootstrapServers(),
                Map.of(),
                RegistrySettings.of(SharedStackExtension.registryUrl()),
                topic);
    }

    /** Polls every partition from the start until {@code expected} records came, or fails. */
    private static List<ConsumerRecord<byte[], byte[]>> consume(
            String topic, int partitions, int expected) {
        Map<String, Object> config =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SharedStackExtension.kafka().bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topic, p));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).as("records on %s within %s", topic, CONSUME_TIMEOUT).hasSize(expected);
        return records;
    }
}
