package org.ccpairs.jobs.extract;

/**
 * An image found on a page, with its caption.
 *
 * @param imageUrl absolute http(s) URL, resolved against the page and its {@code <base href>}
 * @param caption alt text with whitespace collapsed; never empty
 * @param width declared width when a positive integer, else null
 * @param height declared height when a positive integer, else null
 */
public record ImageCandidate(String imageUrl, String caption, Integer width, Integer height) {}
