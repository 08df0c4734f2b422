package org.ccpairs.connectors.announce;

import org.ccpairs.avro.FileKind;

/**
 * The index client: where Common Crawl lists its crawls and each crawl's files, fetched through a
 * polite {@link Fetcher}. Not thread-safe.
 */
public final class CommonCrawlIndex implements AutoCloseable {
    private final String baseUrl;
    private final String crawlListUrl;
    private final Fetcher fetcher;

    /**
     * @param baseUrl ending in '/'
     */
    public CommonCrawlIndex(String baseUrl, String crawlListUrl, Fetcher fetcher) {
        this.baseUrl = baseUrl;
        this.crawlListUrl = crawlListUrl;
        this.fetcher = fetcher;
    }

    public static CommonCrawlIndex of(AnnouncerSettings settings) {
        return new CommonCrawlIndex(
                settings.baseUrl(), settings.crawlListUrl(), Fetcher.of(settings));
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String crawlListUrl() {
        return crawlListUrl;
    }

    /** {@code <base>crawl-data/<crawl>/warc.paths.gz} (or {@code wat.paths.gz}). */
    public String pathListUrl(String crawlId, FileKind kind) {
        return baseUrl + "crawl-data/" + crawlId + "/" + PathListParser.fileName(kind);
    }

    /** The crawl list. */
    public CrawlListParser.CrawlList crawls()
            throws FetchException, MalformedListException, InterruptedException {
        return CrawlListParser.parse(fetcher.fetch(crawlListUrl));
    }

    /** The raw body of a crawl's path list (usually gzip). */
    public byte[] pathList(String crawlId, FileKind kind)
            throws FetchException, InterruptedException {
        return fetcher.fetch(pathListUrl(crawlId, kind));
    }

    /** HTTP requests sent so far. */
    public long requests() {
        return fetcher.requests();
    }

    @Override
    public void close() {
        fetcher.close();
    }
}
