package org.ccpairs.connectors.warc;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One HTML page captured in a WARC file, with where it came from.
 *
 * @param file URL of the WARC file
 * @param offset byte offset of the page's record in the file (of its gzip member when compressed)
 * @param recordId WARC-Record-ID, e.g. {@code <urn:uuid:...>}
 * @param url the page URL (WARC-Target-URI)
 * @param fetchTime WARC-Date; null when missing or unparsable
 * @param charset charset named by the HTTP Content-Type header; null when none or not a known
 *     charset
 * @param body the HTTP payload, content-decoded, at most the reader's cap
 * @param truncated whether the payload was cut: by the crawler (WARC-Truncated), by the reader's
 *     cap, or by the end of a file that breaks off inside the record
 * @param headers the HTTP response headers, names in lower case, values in order; empty when
 *     unknown, never null
 */
public record HtmlPage(
        String file,
        long offset,
        String recordId,
        String url,
        Instant fetchTime,
        String charset,
        byte[] body,
        boolean truncated,
        Map<String, List<String>> headers) {

    public HtmlPage {
        headers = headers == null ? Map.of() : headers;
    }

    /** A page without HTTP headers. */
    public HtmlPage(
            String file,
            long offset,
            String recordId,
            String url,
            Instant fetchTime,
            String charset,
            byte[] body,
            boolean truncated) {
        this(file, offset, recordId, url, fetchTime, charset, body, truncated, Map.of());
    }
}
