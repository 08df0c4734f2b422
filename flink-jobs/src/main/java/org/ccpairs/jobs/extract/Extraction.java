package org.ccpairs.jobs.extract;

import java.util.List;
import java.util.Map;

/**
 * What one page yielded.
 *
 * @param candidates images with a usable URL and a non-empty alt text, in page order
 * @param images every {@code <img>} element that counts (not inside a template, select, or the
 *     head's noscript)
 * @param withoutAlt images dropped for a missing or blank alt text
 * @param badUrl images dropped for a missing, unresolvable or non-http(s) URL
 * @param badUrls {@code badUrl} by reason; reasons with no image are absent
 * @param signals what the page says about robots, TDM, licence and language
 * @param charset the encoding the page was read with, e.g. {@code UTF-8}; null when unknown
 */
public record Extraction(
        List<ImageCandidate> candidates,
        int images,
        int withoutAlt,
        int badUrl,
        Map<BadUrl, Integer> badUrls,
        PageSignals signals,
        String charset) {

    /** An extraction with counts only (no reasons, signals or charset). */
    public Extraction(List<ImageCandidate> candidates, int images, int withoutAlt, int badUrl) {
        this(candidates, images, withoutAlt, badUrl, Map.of(), PageSignals.NONE, null);
    }
}
