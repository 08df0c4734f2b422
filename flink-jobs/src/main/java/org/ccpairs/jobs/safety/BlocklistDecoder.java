package org.ccpairs.jobs.safety;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.flink.util.OutputTag;
import org.ccpairs.avro.BlocklistEntry;
import org.ccpairs.avro.BlocklistUpdate;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.audit.TopicDecodingFunction;
import org.ccpairs.jobs.dedup.PairIdentity;
import org.ccpairs.jobs.model.DeadLetterRecord;
import org.ccpairs.jobs.model.KafkaMessage;

/**
 * Decodes and validates safety-list updates from the blocklist topic. A message that is not a
 * {@code BlocklistUpdate}, or holds one bad entry, goes to the dead-letter output whole (reason
 * {@code INVALID_BLOCKLIST_UPDATE} or the decoder's), so the list in force stays as it was; only an
 * unreachable registry fails the task.
 *
 * <p>Watermarks: updates have no event time, and the stages they feed (the safety-list stage, the
 * version committer through retractions) must not wait for them: the topic's source holds its
 * watermark at the end of time ({@link org.ccpairs.jobs.segments.NoEventTime}, as the takedown
 * source does), and this function passes it on.
 */
public class BlocklistDecoder extends TopicDecodingFunction<BlocklistUpdate, SafetyListUpdate> {
    public static final String STAGE = "blocklist-decode";
    public static final String INVALID = "INVALID_BLOCKLIST_UPDATE";

    private transient PairIdentity identity;

    public BlocklistDecoder(
            RegistrySettings registrySettings, OutputTag<DeadLetterRecord> deadLetters) {
        super(registrySettings, deadLetters, STAGE, "blocklist_updates_decoded", INVALID);
    }

    @Override
    protected Schema readerSchema() {
        return BlocklistUpdate.getClassSchema();
    }

    /** Every check needs the entries in canonical form: {@link #convert} makes them, or refuses. */
    @Override
    protected Invalid invalid(BlocklistUpdate update) {
        return null;
    }

    @Override
    protected SafetyListUpdate convert(BlocklistUpdate update, KafkaMessage message) {
        if (identity == null) {
            identity = new PairIdentity();
        }
        return validated(update, identity);
    }

    /**
     * The update with its entries in canonical form.
     *
     * @throws IllegalArgumentException naming the first problem: an empty list id, a negative
     *     version, a bad entry
     */
    public static SafetyListUpdate validated(BlocklistUpdate u, PairIdentity identity) {
        if (u.getListId() == null || u.getListId().isBlank()) {
            throw new IllegalArgumentException("list_id is empty");
        }
        if (u.getVersion() < 0) {
            throw new IllegalArgumentException("version " + u.getVersion() + " is negative");
        }
        return new SafetyListUpdate(
                u.getListId(),
                u.getVersion(),
                canonical(u.getAdded(), "added", identity),
                canonical(u.getRemoved(), "removed", identity),
                u.getPublishedAt().toEpochMilli());
    }

    private static String[] canonical(
            List<BlocklistEntry> entries, String field, PairIdentity identity) {
        String[] out = new String[entries.size()];
        for (int i = 0; i < out.length; i++) {
            BlocklistEntry e = entries.get(i);
            try {
                out[i] = SafetyEntry.canonical(e.getKind().name(), e.getValue(), identity);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(field + "[" + i + "]: " + ex.getMessage(), ex);
            }
        }
        return out;
    }
}
