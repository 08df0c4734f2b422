package org.ccpairs.jobs.safety;

import java.util.Arrays;

/**
 * A validated {@code BlocklistUpdate} inside the job, entries in their canonical encoded form
 * ({@link SafetyEntry}).
 *
 * @param listId the list changed
 * @param version the list's version after the update
 * @param added encoded entries added
 * @param removed encoded entries removed
 * @param publishedAtMillis when it was published
 */
public record SafetyListUpdate(
        String listId, long version, String[] added, String[] removed, long publishedAtMillis) {

    /**
     * No update: the one element of the stand-in input when the job reads no blocklist topic (Flink
     * cannot make an empty bounded input); ignored by every stage.
     */
    public static final SafetyListUpdate NONE =
            new SafetyListUpdate("", -1, new String[0], new String[0], 0);

    public boolean isNone() {
        return listId.isEmpty();
    }

    /** {@code listId@version}: the source of the retractions this update causes. */
    public String source() {
        return listId + "@" + version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SafetyListUpdate u
                && u.listId.equals(listId)
                && u.version == version
                && Arrays.equals(u.added, added)
                && Arrays.equals(u.removed, removed)
                && u.publishedAtMillis == publishedAtMillis;
    }

    @Override
    public int hashCode() {
        return listId.hashCode() * 31 + Long.hashCode(version);
    }

    @Override
    public String toString() {
        return "SafetyListUpdate[" + source() + ", +" + added.length + ", -" + removed.length + "]";
    }
}
