package org.ccpairs.connectors.announce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.registry.ConfluentAvroSerializer;
import org.ccpairs.connectors.registry.RegistryClient;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.connectors.registry.RegistryUnavailableException;

/**
 * The CLI's {@link AnnouncementSink}: each announcement goes to the segments topic in one Kafka
 * transaction with its {@link LedgerTopic} records, so a segment is announced if and only if it is
 * remembered. The transactional id is stable: creating a sink aborts (or completes) whatever a
 * previous producer with that id left open and fences it, so two announcers with one id never both
 * publish. Dead letters go to the dead-letter topic, keyed by the stage, in their own transaction.
 * Not thread-safe. After a {@link PublishException} the sink must be closed and a new one created.
 */
public final class TransactionalAnnouncementSink implements AnnouncementSink, AutoCloseable {
    /** Kafka topics the sink writes. */
    public record Topics(String segments, String deadLetters, String ledger) {}

    private final KafkaProducer<byte[], byte[]> producer;
    private final RegistryClient registry;
    private final ConfluentAvroSerializer<SegmentAnnouncement> announcements;
    private final ConfluentAvroSerializer<DeadLetter> deadLetters;
    private final Topics topics;

    /**
     * Creates the producer and initializes its transactions (fencing older producers of the id).
     *
     * @throws KafkaException when the cluster cannot be reached or refuses transactions
     */
    public TransactionalAnnouncementSink(
            String bootstrapServers,
            Map<String, String> clientProperties,
            RegistrySettings registrySettings,
            Topics topics,
            String transactionalId) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        this.producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions();
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        this.registry = registrySettings.connect();
        this.announcements =
                new ConfluentAvroSerializer<>(
                        registry, topics.segments(), SegmentAnnouncement.getClassSchema());
        this.deadLetters =
                new ConfluentAvroSerializer<>(
                        registry, topics.deadLetters(), DeadLetter.getClassSchema());
        this.topics = topics;
    }

    @Override
    public void announce(SegmentAnnouncement announcement, CrawlProgress after)
            throws PublishException {
        String key = Announcements.key(announcement);
        byte[] value = serialize(() -> announcements.serialize(announcement), key);
        inTransaction(
                key,
                () -> {
                    producer.send(
                            new ProducerRecord<>(
                                    topics.segments(),
                                    key.getBytes(StandardCharsets.UTF_8),
                                    value));
                    producer.send(
                            LedgerTopic.segmentRecord(
                                    topics.ledger(),
                                    after.key(),
                                    announcement.getSegmentId(),
                                    announcement.getAnnouncedAt()));
                    if (after.complete()) {
                        producer.send(LedgerTopic.crawlRecord(topics.ledger(), after));
                    }
                });
    }

    @Override
    public void deadLetter(DeadLetter letter) throws PublishException {
        String what = "dead letter " + letter.getReason();
        byte[] value = serialize(() -> deadLetters.serialize(letter), what);
        inTransaction(
                what,
                () ->
                        producer.send(
                                new ProducerRecord<>(
                                        topics.deadLetters(),
                                        letter.getStage().getBytes(StandardCharsets.UTF_8),
                                        value)));
    }

    private static byte[] serialize(java.util.function.Supplier<byte[]> encode, String what)
            throws PublishException {
        try {
            return encode.get();
        } catch (RegistryUnavailableException | IllegalStateException e) {
            throw new PublishException("cannot encode " + what + ": " + e.getMessage(), e, false);
        }
    }

    private void inTransaction(String what, Runnable sends) throws PublishException {
        try {
            producer.beginTransaction();
            sends.run();
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw new PublishException(
                    "another announcer took over this transactional id while publishing " + what,
                    e,
                    true);
        } catch (KafkaException e) {
            try {
                producer.abortTransaction();
            } catch (KafkaException abortFailed) {
                e.addSuppressed(abortFailed); // the next sink's initTransactions aborts it
            }
            throw new PublishException("cannot publish " + what + ": " + e, e, false);
        }
    }

    @Override
    public void close() throws IOException {
        try (registry) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
