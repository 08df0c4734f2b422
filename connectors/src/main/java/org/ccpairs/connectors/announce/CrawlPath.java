package org.ccpairs.connectors.announce;

import org.ccpairs.avro.FileKind;

/**
 * One file of a path list, e.g. {@code
 * crawl-data/CC-MAIN-2024-51/segments/1733066035855.10/warc/CC-MAIN-...-00000.warc.gz}.
 *
 * @param path relative to the base URL, as listed
 */
public record CrawlPath(String crawlId, String segmentId, FileKind kind, String path) {}
