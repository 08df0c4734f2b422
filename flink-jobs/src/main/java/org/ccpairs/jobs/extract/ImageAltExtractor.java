package org.ccpairs.jobs.extract;

import org.ccpairs.connectors.warc.HtmlPage;

/**
 * Finds the images with an alt text on an HTML page. Two implementations read the page the same
 * way: {@link DomImageAltExtractor}, the reference, builds jsoup's HTML5 DOM; {@link
 * StreamingImageAltExtractor}, the one the pipeline runs, scans the bytes. Both share the charset
 * decision ({@link PageCharset}), the URL choice ({@link ImageSource}), the URL resolution ({@link
 * UrlResolver}), caption cleaning ({@link Captions}) and page signals ({@link PageSignalsBuilder});
 * docs/extraction.md lists where they may still differ.
 */
public interface ImageAltExtractor {
    /**
     * The image candidates and signals of {@code page}.
     *
     * @throws RuntimeException only on a bug; callers dead-letter the page
     */
    Extraction extract(HtmlPage page);
}
