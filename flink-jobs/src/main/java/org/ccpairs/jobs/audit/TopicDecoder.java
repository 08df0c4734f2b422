package org.ccpairs.jobs.audit;

import java.io.IOException;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.ccpairs.connectors.registry.ConfluentAvroDeserializer;
import org.ccpairs.connectors.registry.DecodeException;
import org.ccpairs.connectors.registry.RegistryClient;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.metrics.DeadLetterCounters;
import org.ccpairs.jobs.metrics.Metrics;
import org.ccpairs.jobs.model.DeadLetterRecord;
import org.ccpairs.jobs.model.KafkaMessage;

/**
 * What the decoders of the job's input topics share (segments, takedowns, blocklist): read a
 * Confluent-framed Avro message into its record class, and send what is unusable to the dead-letter
 * output with its stage, reason, Kafka coordinates and bytes, counted by reason; the job goes on
 * with the next message. Only an unreachable registry throws, since that is not the message's fault
 * and Flink's restart strategy is the right retry. One per task, created in {@code open()}.
 *
 * @param <A> the generated record class
 */
public final class TopicDecoder<A extends SpecificRecord> implements AutoCloseable {
    private final String stage;
    private final RegistryClient registry;
    private final ConfluentAvroDeserializer<A> deserializer;
    private final DeadLetterCounters deadLetterCounters;
    private final Counter decoded;

    /**
     * @param readerSchema the record class's schema, which writer schemas are resolved against
     * @param decodedCounter the name of the counter of messages {@link #accepted}
     */
    public TopicDecoder(
            RegistrySettings registrySettings,
            Schema readerSchema,
            String stage,
            MetricGroup operatorGroup,
            String decodedCounter) {
        this.stage = stage;
        this.registry = registrySettings.connect();
        this.deserializer = new ConfluentAvroDeserializer<>(registry, readerSchema);
        this.deadLetterCounters = new DeadLetterCounters(operatorGroup, stage);
        this.decoded = Metrics.ccpairs(operatorGroup).counter(decodedCounter);
    }

    /**
     * The message's record, or null when it is no such record (then its dead letter went to {@code
     * deadLetters}).
     */
    public A decode(KafkaMessage message, Consumer<DeadLetterRecord> deadLetters) {
        try {
            return deserializer.deserialize(message.value());
        } catch (DecodeException e) {
            reject(message, e.reason().name(), e.getMessage(), e, deadLetters);
            return null;
        }
    }

    /** Dead-letters a message whose record is unusable, e.g. one that fails validation. */
    public void reject(
            KafkaMessage message,
            String reason,
            String detail,
            Throwable cause,
            Consumer<DeadLetterRecord> deadLetters) {
        deadLetterCounters.inc(reason);
        deadLetters.accept(
                DeadLetterRecord.forMessage(
                        stage, reason, detail, cause, message, System.currentTimeMillis()));
    }

    /** Counts a message that was decoded and passed on. */
    public void accepted() {
        decoded.inc();
    }

    @Override
    public void close() throws IOException {
        registry.close();
    }
}
