package org.ccpairs.jobs.model;

/**
 * A request to take a published pair out of the dataset: an operator's takedown, or a filter that
 * learned later that the pair must go (a safety-list update, an opt-out, a link that died). The
 * next dataset version deletes the pair's rows and counts them under {@code reason}.
 *
 * @param pairId the pair to remove
 * @param reason why, upper case: {@code TAKEDOWN}, {@code OPT_OUT}, {@code SAFETY_LIST}, {@code
 *     DEAD_LINK}, ...; version metadata counts removals by it
 * @param source who asked: a requester, a list id and version, a filter's name
 * @param detail free text for the audit trail; may be empty
 * @param requestedAtMillis when it was requested, epoch milliseconds
 */
public record Retraction(
        String pairId, String reason, String source, String detail, long requestedAtMillis) {}
