package org.ccpairs.jobs.safety;

import java.util.Collection;
import org.ccpairs.jobs.filter.Decision;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.safety.SafetyListFunction.Scope;

/**
 * What a safety-list stage decides for one pair, given the lists in force: the logic of {@link
 * SafetyListFunction} without Flink. Fails closed.
 *
 * @param reason {@code SAFETY_LIST}, {@code IMAGE_NOT_HASHED} or {@code FILTER_ERROR}; null when
 *     the pair passes
 * @param detail one line for the rejection; null when the pair passes
 */
record SafetyVerdict(String reason, String detail) {
    static final SafetyVerdict PASS = new SafetyVerdict(null, null);

    boolean passes() {
        return reason == null;
    }

    /**
     * The verdict on {@code pair} in {@code scope}: before the link check its image URL and image
     * and page hosts are matched; after it the digests of its image's bytes, and a pair without
     * digests is rejected ({@code IMAGE_NOT_HASHED}) while image entries are in force. A matcher
     * that throws rejects the pair ({@code FILTER_ERROR}).
     */
    static SafetyVerdict of(SafetyLists lists, Scope scope, Pair pair) {
        SafetyLists.Match match;
        try {
            if (scope == Scope.URLS) {
                match = lists.match(pair.imageUrl(), pair.pageUrl());
            } else if (!lists.hasImageEntries()) {
                match = null;
            } else {
                LinkCheck link = pair.linkCheck();
                if (link == null || link.imageSha256() == null) {
                    return new SafetyVerdict(
                            SafetyListFunction.NOT_HASHED,
                            "image hash lists are in force but the link check read no bytes of"
                                    + " this image (linkcheck.content-hash is off)");
                }
                match = lists.matchImage(link.imageSha256(), link.imageMd5());
            }
        } catch (RuntimeException e) {
            return new SafetyVerdict(
                    Decision.FILTER_ERROR,
                    "safety-lists failed: " + e.getClass().getName() + ": " + e.getMessage());
        }
        return match == null
                ? PASS
                : new SafetyVerdict(SafetyListFunction.SAFETY_LIST, match.detail());
    }

    /**
     * Refuses start-up lists with image-content entries for the stage after the link check when the
     * link check does not hash images: such entries could never match (fail closed at start).
     *
     * @throws IllegalArgumentException naming the list and the setting to change
     */
    static void requireHashing(Collection<SafetyList> atStart, boolean imagesHashed) {
        if (imagesHashed) {
            return;
        }
        for (SafetyList l : atStart) {
            if (l.hasImageEntries()) {
                throw new IllegalArgumentException(
                        "safety list '"
                                + l.id()
                                + "' holds IMAGE_SHA256 or IMAGE_MD5 entries, which match the"
                                + " image's bytes: set 'linkcheck.content-hash: true' (and keep"
                                + " 'linkcheck.enabled') so that the link check reads them");
            }
        }
    }
}
