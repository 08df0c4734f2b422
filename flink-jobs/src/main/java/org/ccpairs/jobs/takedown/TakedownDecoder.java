package org.ccpairs.jobs.takedown;

import java.io.IOException;
import java.util.regex.Pattern;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ccpairs.avro.TakedownRequest;
import org.ccpairs.connectors.registry.ConfluentAvroDeserializer;
import org.ccpairs.connectors.registry.DecodeException;
import org.ccpairs.connectors.registry.RegistryClient;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.metrics.DeadLetterCounters;
import org.ccpairs.jobs.metrics.Metrics;
import org.ccpairs.jobs.model.DeadLetterRecord;
import org.ccpairs.jobs.model.KafkaMessage;
import org.ccpairs.jobs.model.Retraction;

/**
 * Decodes takedown requests (Confluent-framed Avro {@code TakedownRequest} from the takedowns
 * topic) into {@link Retraction}s for the version committer. A message that is not a usable request
 * goes to the dead-letter output with its reason, Kafka coordinates and bytes, and the job goes on:
 * {@code NOT_CONFLUENT_AVRO}, {@code UNKNOWN_SCHEMA_ID}, {@code INCOMPATIBLE_SCHEMA}, {@code
 * INVALID_TAKEDOWN} (no pair id, or a reason that is not an upper-case code). Only an unreachable
 * registry fails the task.
 */
public class TakedownDecoder extends ProcessFunction<KafkaMessage, Retraction> {
    public static final String STAGE = "takedown-decode";
    private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final RegistrySettings registrySettings;
    private final OutputTag<DeadLetterRecord> deadLetters;
    private transient RegistryClient registry;
    private transient ConfluentAvroDeserializer<TakedownRequest> deserializer;
    private transient DeadLetterCounters deadLetterCounters;
    private transient Counter decoded;

    public TakedownDecoder(
            RegistrySettings registrySettings, OutputTag<DeadLetterRecord> deadLetters) {
        this.registrySettings = registrySettings;
        this.deadLetters = deadLetters;
    }

    @Override
    public void open(OpenContext openContext) {
        registry = registrySettings.connect();
        deserializer = new ConfluentAvroDeserializer<>(registry, TakedownRequest.getClassSchema());
        deadLetterCounters = new DeadLetterCounters(getRuntimeContext().getMetricGroup(), STAGE);
        decoded =
                Metrics.ccpairs(getRuntimeContext().getMetricGroup()).counter("takedowns_decoded");
    }

    @Override
    public void processElement(KafkaMessage message, Context ctx, Collector<Retraction> out) {
        TakedownRequest request;
        try {
            request = deserializer.deserialize(message.value());
        } catch (DecodeException e) {
            reject(ctx, message, e.reason().name(), e.getMessage(), e);
            return;
        }
        String problem = problem(request);
        if (problem != null) {
            reject(ctx, message, "INVALID_TAKEDOWN", problem, null);
            return;
        }
        decoded.inc();
        out.collect(toRetraction(request));
    }

    /** What makes {@code request} unusable, or null. */
    static String problem(TakedownRequest request) {
        if (request.getPairId().isBlank()) {
            return "pair_id is empty";
        }
        if (!REASON.matcher(request.getReason()).matches()) {
            return "reason '" + request.getReason() + "' is not an upper-case code like TAKEDOWN";
        }
        if (request.getRequestedBy().isBlank()) {
            return "requested_by is empty: a takedown needs someone to answer for it";
        }
        return null;
    }

    static Retraction toRetraction(TakedownRequest request) {
        return new Retraction(
                request.getPairId().strip(),
                request.getReason(),
                request.getRequestedBy(),
                request.getDetail(),
                request.getRequestedAt().toEpochMilli());
    }

    private void reject(
            Context ctx, KafkaMessage message, String reason, String detail, Throwable cause) {
        deadLetterCounters.inc(reason);
        ctx.output(
                deadLetters,
                DeadLetterRecord.forMessage(
                        STAGE, reason, detail, cause, message, System.currentTimeMillis()));
    }

    @Override
    public void close() throws IOException {
        if (registry != null) {
            registry.close();
        }
    }
}
