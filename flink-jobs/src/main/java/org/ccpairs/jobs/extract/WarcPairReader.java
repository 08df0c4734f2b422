package org.ccpairs.jobs.extract;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.ccpairs.connectors.warc.FileReadException;
import org.ccpairs.connectors.warc.HtmlPage;
import org.ccpairs.connectors.warc.WarcPageReader;
import org.ccpairs.jobs.model.Segment;

/**
 * The pairs of a WARC file's HTML responses: {@link WarcPageReader} finds the pages, {@link
 * PagePairs} their pairs. A page the extractor fails on is reported to the listener and yields no
 * pairs; reading goes on.
 */
public final class WarcPairReader implements FilePairReader {
    private final WarcPageReader pages;
    private final PagePairs pagePairs;
    private final Segment segment;
    private final Consumer<PageFailure> pageFailures;

    /** A page the extractor could not read. */
    public record PageFailure(HtmlPage page, RuntimeException cause) {}

    /**
     * @param in the file's bytes from {@code baseOffset} on; closed by {@link #close()}
     * @param badRecords told about each record that could not be parsed and was skipped
     * @param pageFailures told about each page the extractor failed on
     * @throws FileReadException when the stream does not start like a WARC file
     */
    public WarcPairReader(
            InputStream in,
            String file,
            long baseOffset,
            int maxPageBytes,
            Segment segment,
            Consumer<FileReadException> badRecords,
            Consumer<PageFailure> pageFailures)
            throws FileReadException {
        this(
                in,
                file,
                baseOffset,
                maxPageBytes,
                segment,
                badRecords,
                pageFailures,
                new PagePairs());
    }

    /**
     * A reader with another page extractor (the DOM reference, for comparisons and benchmarks).
     *
     * @throws FileReadException when the stream does not start like a WARC file
     */
    public WarcPairReader(
            InputStream in,
            String file,
            long baseOffset,
            int maxPageBytes,
            Segment segment,
            Consumer<FileReadException> badRecords,
            Consumer<PageFailure> pageFailures,
            PagePairs pagePairs)
            throws FileReadException {
        this.pages = new WarcPageReader(in, file, baseOffset, maxPageBytes).onBadRecord(badRecords);
        this.segment = segment;
        this.pageFailures = pageFailures;
        this.pagePairs = pagePairs;
    }

    @Override
    public Optional<RecordPairs> next() throws FileReadException {
        Optional<HtmlPage> page = pages.next();
        if (page.isEmpty()) {
            return Optional.empty();
        }
        HtmlPage p = page.get();
        try {
            PagePairs.Result result = pagePairs.of(p, segment);
            return Optional.of(
                    new RecordPairs(
                            p.offset(),
                            pages.records(),
                            result.pairs(),
                            result.extraction(),
                            result.unnormalizable()));
        } catch (RuntimeException e) {
            // a parser bug on one page must not stop the file, let alone the job
            pageFailures.accept(new PageFailure(p, e));
            return Optional.of(new RecordPairs(p.offset(), pages.records(), List.of(), null, 0));
        }
    }

    @Override
    public long records() {
        return pages.records();
    }

    @Override
    public Map<String, Long> skipped() {
        Map<String, Long> out = new TreeMap<>();
        pages.skipped().forEach((reason, n) -> out.put(reason.name(), n));
        return out;
    }

    @Override
    public void close() throws IOException {
        pages.close();
    }
}
