package org.ccpairs.jobs.extract;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.ccpairs.connectors.warc.FileReadException;
import org.ccpairs.connectors.warc.HtmlPage;
import org.ccpairs.connectors.warc.HtmlSniffer;
import org.ccpairs.connectors.warc.SkipReason;
import org.ccpairs.connectors.warc.WatRecord;
import org.ccpairs.connectors.warc.WatRecordReader;
import org.ccpairs.jobs.model.Segment;

/**
 * The pairs of a WAT file: each metadata record that describes a successful HTML response gives the
 * pairs of its page ({@link WatExtractor}); metadata of requests, other metadata and non-HTML or
 * non-2xx responses are skipped and counted by the WARC type or reason they stand for. A record
 * whose JSON cannot be parsed is reported to the listener and yields no pairs; a record cut short
 * keeps what was read. Provenance is the WAT record; {@code response_record_id} names the WARC
 * response it describes.
 */
public final class WatPairReader implements FilePairReader {
    private final WatRecordReader records;
    private final PagePairs pagePairs = new PagePairs();
    private final Segment segment;
    private final Consumer<WarcPairReader.PageFailure> pageFailures;
    private final Map<String, Long> skipped = new TreeMap<>();

    /**
     * @param in the file's bytes from {@code baseOffset} on; closed by {@link #close()}
     * @param badRecords told about each record that could not be read and was skipped
     * @param pageFailures told about each record whose JSON could not be parsed
     * @throws FileReadException when the stream does not start like a WARC file
     */
    public WatPairReader(
            InputStream in,
            String file,
            long baseOffset,
            int maxRecordBytes,
            Segment segment,
            Consumer<FileReadException> badRecords,
            Consumer<WarcPairReader.PageFailure> pageFailures)
            throws FileReadException {
        this.records =
                new WatRecordReader(in, file, baseOffset, maxRecordBytes).onBadRecord(badRecords);
        this.segment = segment;
        this.pageFailures = pageFailures;
    }

    @Override
    public Optional<RecordPairs> next() throws FileReadException {
        while (true) {
            Optional<WatRecord> next = records.next();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            WatRecord record = next.get();
            WatMetadata wat = new WatMetadata();
            try {
                WatMetadata.read(record.json(), wat);
            } catch (IOException | RuntimeException e) {
                if (!record.truncated()) {
                    pageFailures.accept(
                            new WarcPairReader.PageFailure(
                                    asPage(record),
                                    new IllegalArgumentException(
                                            "unreadable WAT JSON: " + e.getMessage(), e)));
                    return Optional.of(
                            new RecordPairs(
                                    record.offset(), records.records(), List.of(), null, 0));
                }
                // a record cut by the cap or the end of the file: use what was read
            }
            SkipReason skip = skipReason(wat);
            if (skip != null) {
                skipped.merge(skip.name(), 1L, Long::sum);
                continue;
            }
            String pageUrl = wat.targetUri != null ? wat.targetUri : record.targetUri();
            PagePairs.Origin origin =
                    new PagePairs.Origin(
                            record.file(),
                            record.offset(),
                            record.recordId(),
                            pageUrl,
                            fetchTime(wat, record),
                            record.truncated() || wat.warcTruncated,
                            FilePairReaders.WAT,
                            wat.recordId != null ? wat.recordId : record.refersTo());
            try {
                PagePairs.Result result =
                        pagePairs.of(WatExtractor.extract(wat, pageUrl), origin, segment);
                return Optional.of(
                        new RecordPairs(
                                record.offset(),
                                records.records(),
                                result.pairs(),
                                result.extraction(),
                                result.unnormalizable()));
            } catch (RuntimeException e) {
                pageFailures.accept(new WarcPairReader.PageFailure(asPage(record), e));
                return Optional.of(
                        new RecordPairs(record.offset(), records.records(), List.of(), null, 0));
            }
        }
    }

    /** Why the record holds no page, or null when it describes an HTML page. */
    private static SkipReason skipReason(WatMetadata wat) {
        if (!"response".equals(wat.warcType)) {
            return switch (wat.warcType == null ? "" : wat.warcType) {
                case "request" -> SkipReason.REQUEST;
                case "warcinfo" -> SkipReason.WARCINFO;
                case "metadata" -> SkipReason.METADATA;
                case "revisit" -> SkipReason.REVISIT;
                default -> SkipReason.OTHER_TYPE;
            };
        }
        if (wat.status < 0) {
            return SkipReason.NOT_HTTP;
        }
        if (wat.status < 200 || wat.status >= 300) {
            return SkipReason.NOT_SUCCESS;
        }
        List<String> contentType = wat.headers.get("content-type");
        HtmlSniffer.Verdict verdict =
                HtmlSniffer.byHeaders(
                        contentType == null || contentType.isEmpty() ? null : contentType.get(0),
                        wat.identifiedPayloadType);
        if (verdict == HtmlSniffer.Verdict.NOT_HTML || !wat.html) {
            return SkipReason.NOT_HTML;
        }
        return null;
    }

    private static Instant fetchTime(WatMetadata wat, WatRecord record) {
        if (wat.date != null) {
            try {
                return Instant.parse(wat.date.trim());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return record.fetchTime();
    }

    private static HtmlPage asPage(WatRecord r) {
        return new HtmlPage(
                r.file(),
                r.offset(),
                r.recordId(),
                r.targetUri(),
                r.fetchTime(),
                null,
                new byte[0],
                r.truncated());
    }

    @Override
    public long records() {
        return records.records();
    }

    @Override
    public Map<String, Long> skipped() {
        Map<String, Long> out = new TreeMap<>(skipped);
        records.skipped().forEach((reason, n) -> out.merge(reason.name(), n, Long::sum));
        return out;
    }

    @Override
    public void close() throws IOException {
        records.close();
    }
}
