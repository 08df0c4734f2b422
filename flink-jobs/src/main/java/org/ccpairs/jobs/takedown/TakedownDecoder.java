package org.ccpairs.jobs.takedown;

import java.io.IOException;
import java.util.regex.Pattern;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ccpairs.avro.TakedownRequest;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.audit.TopicDecoder;
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
    private transient TopicDecoder<TakedownRequest> decoder;

    public TakedownDecoder(
            RegistrySettings registrySettings, OutputTag<DeadLetterRecord> deadLetters) {
        this.registrySettings = registrySettings;
        this.deadLetters = deadLetters;
    }

    @Override
    public void open(OpenContext openContext) {
        decoder =
                new TopicDecoder<>(
                        registrySettings,
                        TakedownRequest.getClassSchema(),
                        STAGE,
                        getRuntimeContext().getMetricGroup(),
                        "takedowns_decoded");
    }

    @Override
    public void processElement(KafkaMessage message, Context ctx, Collector<Retraction> out) {
        TakedownRequest request = decoder.decode(message, dead -> ctx.output(deadLetters, dead));
        if (request == null) {
            return;
        }
        String problem = problem(request);
        if (problem != null) {
            decoder.reject(
                    message,
                    "INVALID_TAKEDOWN",
                    problem,
                    null,
                    dead -> ctx.output(deadLetters, dead));
            return;
        }
        decoder.accepted();
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

    @Override
    public void close() throws IOException {
        if (decoder != null) {
            decoder.close();
        }
    }
}
