package org.ccpairs.jobs.audit;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.model.DeadLetterRecord;
import org.ccpairs.jobs.model.KafkaMessage;

/**
 * The Flink side of a {@link TopicDecoder}: decodes each message of an input topic, validates the
 * record with the subclass's rules and passes on what it makes of it; a message that is no such
 * record, or fails the rules, goes to the dead-letter output with its reason. The rules and the
 * conversion are the subclass's, plain methods it tests without Flink. A conversion may refuse a
 * record by throwing {@link IllegalArgumentException}; any other exception from the rules or the
 * conversion dead-letters the message too (with the exception as its cause), so that no message can
 * fail the job again and again.
 *
 * @param <A> the record class of the topic
 * @param <T> what the job goes on with
 */
public abstract class TopicDecodingFunction<A extends SpecificRecord, T>
        extends ProcessFunction<KafkaMessage, T> {
    /** Why a decoded record cannot be used: a dead-letter reason code and a detail. */
    public record Invalid(String reason, String detail) {}

    private final RegistrySettings registrySettings;
    private final OutputTag<DeadLetterRecord> deadLetters;
    private final String stage;
    private final String decodedCounter;
    private final String invalidReason;
    private transient TopicDecoder<A> decoder;

    protected TopicDecodingFunction(
            RegistrySettings registrySettings,
            OutputTag<DeadLetterRecord> deadLetters,
            String stage,
            String decodedCounter,
            String invalidReason) {
        this.registrySettings = registrySettings;
        this.deadLetters = deadLetters;
        this.stage = stage;
        this.decodedCounter = decodedCounter;
        this.invalidReason = invalidReason;
    }

    /** The record class's schema, which writer schemas are resolved against. */
    protected abstract Schema readerSchema();

    /** Why {@code record} is unusable, or null when it is fine. */
    protected abstract Invalid invalid(A record);

    /**
     * What the job goes on with, for a valid record.
     *
     * @throws IllegalArgumentException when the record is unusable after all (dead-lettered with
     *     the constructor's {@code invalidReason} and the exception's message)
     */
    protected abstract T convert(A record, KafkaMessage message);

    @Override
    public void open(OpenContext openContext) {
        decoder =
                new TopicDecoder<>(
                        registrySettings,
                        readerSchema(),
                        stage,
                        getRuntimeContext().getMetricGroup(),
                        decodedCounter);
    }

    @Override
    public void processElement(KafkaMessage message, Context ctx, Collector<T> out) {
        A record = decoder.decode(message, dead -> ctx.output(deadLetters, dead));
        if (record == null) {
            return;
        }
        T value;
        try {
            Invalid invalid = invalid(record);
            if (invalid != null) {
                decoder.reject(
                        message,
                        invalid.reason(),
                        invalid.detail(),
                        null,
                        dead -> ctx.output(deadLetters, dead));
                return;
            }
            value = convert(record, message);
        } catch (RuntimeException e) {
            boolean refused = e instanceof IllegalArgumentException;
            decoder.reject(
                    message,
                    invalidReason,
                    refused ? e.getMessage() : "the record cannot be used: " + e,
                    refused ? null : e,
                    dead -> ctx.output(deadLetters, dead));
            return;
        }
        decoder.accepted();
        out.collect(value);
    }

    @Override
    public void close() throws IOException {
        if (decoder != null) {
            decoder.close();
        }
    }
}
