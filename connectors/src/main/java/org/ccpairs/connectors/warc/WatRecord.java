package org.ccpairs.connectors.warc;

import java.time.Instant;

/**
 * One WAT metadata record: the JSON that Common Crawl derived from one WARC record, with where it
 * is.
 *
 * @param file URL of the WAT file
 * @param offset byte offset of the record in the WAT file (of its gzip member when compressed)
 * @param recordId WARC-Record-ID of the metadata record; empty when it has none
 * @param targetUri WARC-Target-URI (the page URL for a response's metadata); null when absent
 * @param fetchTime WARC-Date; null when missing or unparsable
 * @param refersTo WARC-Refers-To: the WARC record the metadata describes; null when absent
 * @param json the JSON payload, at most the reader's cap
 * @param truncated whether the JSON was cut by the reader's cap or by a file that breaks off
 */
public record WatRecord(
        String file,
        long offset,
        String recordId,
        String targetUri,
        Instant fetchTime,
        String refersTo,
        byte[] json,
        boolean truncated) {}
