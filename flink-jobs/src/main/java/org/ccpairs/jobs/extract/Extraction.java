package org.ccpairs.jobs.extract;

import java.util.List;

/**
 * What one page yielded.
 *
 * @param candidates images with a usable URL and a non-empty alt text, in page order
 * @param images every {@code <img>} element seen
 * @param withoutAlt images dropped for a missing or blank alt text
 * @param badUrl images dropped for a missing, unresolvable or non-http(s) URL
 */
public record Extraction(List<ImageCandidate> candidates, int images, int withoutAlt, int badUrl) {}
