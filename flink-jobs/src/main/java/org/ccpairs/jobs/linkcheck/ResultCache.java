package org.ccpairs.jobs.linkcheck;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ccpairs.jobs.model.LinkCheck;

/**
 * Recent results by URL, so that a logo on a million pages costs one request: at most {@code
 * maxEntries} (least recently used go first), each for {@code ttl} after its check. Transient
 * outcomes are never stored; asking again may well give another answer. Kept in memory and not in
 * checkpoints: losing it costs a request per URL, never a wrong answer. Not thread-safe; the
 * checker uses it on its loop thread.
 */
final class ResultCache {
    private final long ttlMillis;
    private final LinkedHashMap<String, LinkCheck> entries;

    ResultCache(Duration ttl, int maxEntries) {
        this.ttlMillis = ttl.toMillis();
        this.entries =
                new LinkedHashMap<>(1024, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, LinkCheck> eldest) {
                        return size() > maxEntries;
                    }
                };
    }

    /** The result for {@code url} checked less than the TTL before {@code nowMillis}, or null. */
    LinkCheck get(String url, long nowMillis) {
        LinkCheck hit = entries.get(url);
        if (hit != null && nowMillis - hit.checkedAtMillis() >= ttlMillis) {
            entries.remove(url);
            return null;
        }
        return hit;
    }

    void put(String url, LinkCheck result) {
        if (!result.status().isTransient() && ttlMillis > 0) {
            entries.put(url, result);
        }
    }

    int size() {
        return entries.size();
    }
}
