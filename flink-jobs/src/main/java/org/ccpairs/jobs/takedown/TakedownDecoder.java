package org.ccpairs.jobs.takedown;

import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.flink.util.OutputTag;
import org.ccpairs.avro.TakedownRequest;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.audit.TopicDecodingFunction;
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
public class TakedownDecoder extends TopicDecodingFunction<TakedownRequest, Retraction> {
    public static final String STAGE = "takedown-decode";
    public static final String INVALID = "INVALID_TAKEDOWN";
    private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public TakedownDecoder(
            RegistrySettings registrySettings, OutputTag<DeadLetterRecord> deadLetters) {
        super(registrySettings, deadLetters, STAGE, "takedowns_decoded", INVALID);
    }

    @Override
    protected Schema readerSchema() {
        return TakedownRequest.getClassSchema();
    }

    @Override
    protected Invalid invalid(TakedownRequest request) {
        String problem = problem(request);
        return problem == null ? null : new Invalid(INVALID, problem);
    }

    @Override
    protected Retraction convert(TakedownRequest request, KafkaMessage message) {
        return toRetraction(request);
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
}
