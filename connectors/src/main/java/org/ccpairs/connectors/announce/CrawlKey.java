package org.ccpairs.connectors.announce;

import org.ccpairs.avro.FileKind;

/** One kind of files of one crawl: the unit whose progress the announcer remembers. */
public record CrawlKey(String crawlId, FileKind kind) {
    @Override
    public String toString() {
        return crawlId + "/" + kind;
    }
}
