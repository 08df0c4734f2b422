package org.ccpairs.connectors.announce;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ccpairs.avro.FileKind;

/**
 * What one poll did.
 *
 * @param crawlsListed crawls in the crawl list; 0 when it could not be read
 * @param crawlsSelected crawls the filters took
 * @param pending crawl kinds selected but not completely announced after the poll
 * @param announced the segments announced, in order
 * @param deadLetters reasons of the dead letters published
 * @param errors poll errors, each "REASON: detail"; empty when the poll succeeded
 * @param ledgerInDoubt whether a publish failed, so the driver must reload its ledger
 * @param fenced whether another announcer took over this one's transactional id
 */
public record PollReport(
        Instant startedAt,
        Duration took,
        int crawlsListed,
        int crawlsSelected,
        int pending,
        List<Announced> announced,
        List<String> deadLetters,
        List<String> errors,
        boolean ledgerInDoubt,
        boolean fenced) {

    /** One announced segment. */
    public record Announced(String crawlId, String segmentId, FileKind kind, int files) {
        @Override
        public String toString() {
            return crawlId + "/" + segmentId + " (" + kind + ", " + files + " files)";
        }
    }

    public boolean succeeded() {
        return errors.isEmpty();
    }

    /** One line for a log or terminal. */
    public String summary() {
        return String.format(
                "%d crawls listed, %d selected, %d segments announced, %d dead letters, %d crawl"
                        + " kinds pending, %d errors%s (%d ms)",
                crawlsListed,
                crawlsSelected,
                announced.size(),
                deadLetters.size(),
                pending,
                errors.size(),
                errors.isEmpty() ? "" : ": " + String.join("; ", errors),
                took.toMillis());
    }
}
