package org.ccpairs.jobs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ccpairs.connectors.warc.FileOpener;
import org.ccpairs.connectors.warc.FileReadException;
import org.ccpairs.connectors.warc.WarcPageReader;
import org.ccpairs.jobs.extract.RecordPairs;
import org.ccpairs.jobs.model.FileSplit;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.testing.Corpus;
import org.ccpairs.jobs.testing.RangeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Resuming a file from any cursor yields exactly the records after it: by seeking where a record or
 * gzip member starts, by reading from the start and skipping where it does not.
 */
class SplitReaderTest {
    private static final Segment SEGMENT = new Segment(1, "CC-TEST", "s", "WARC", 1);
    private static final FilePairReaderFactory WARC =
            FilePairReaderFactory.warc(WarcPageReader.DEFAULT_MAX_BODY_BYTES);
    private final FileOpener opener = new FileOpener("ccpairs-test", 1, Duration.ZERO);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "chatnoir-resiliparse/warcfile.warc.gz", // one gzip member per record, like Common
                // Crawl
                "node-warc/books.toscrape.warc", // uncompressed
                "aut/example.warc.gz", // WARC/0.17, 822 records
                "warcio/example-bad-non-chunked.warc.gz", // all records in one gzip member: no
                // member to seek to
                "chatnoir-resiliparse/clueweb-quirk.warc.gz" // WARC/0.18, invalid dates, EUC-JP
            })
    void resumingAfterAnyRecordYieldsExactlyTheRest(String file) throws Exception {
        String url = Corpus.file(file).toUri().toString();
        List<RecordPairs> all = readFrom(url, ReadCursor.START);
        assertThat(all).isNotEmpty();

        int step = Math.max(1, all.size() / 12); // a dozen cursors per file keep the test fast
        for (int k = 0; k < all.size(); k += step) {
            RecordPairs last = all.get(k);
            List<RecordPairs> rest =
                    readFrom(url, new ReadCursor(last.offset(), last.recordIndex()));
            assertThat(describe(rest))
                    .as("resuming after record %d of %s", k, file)
                    .isEqualTo(describe(all.subList(k + 1, all.size())));
        }
    }

    @Test
    void theCursorMovesPastEveryRecordReturned() throws Exception {
        String url = Corpus.file("chatnoir-resiliparse/warcfile.warc.gz").toUri().toString();
        try (SplitReader reader = open(url, ReadCursor.START)) {
            assertThat(reader.cursor()).isEqualTo(ReadCursor.START);
            RecordPairs first = reader.next().orElseThrow();
            assertThat(reader.cursor())
                    .isEqualTo(new ReadCursor(first.offset(), first.recordIndex()));
            RecordPairs second = reader.next().orElseThrow();
            assertThat(second.offset()).isGreaterThan(first.offset());
            assertThat(second.recordIndex()).isGreaterThan(first.recordIndex());
            assertThat(reader.bytesRead()).isPositive();
        }
    }

    @Test
    void overHttpTheResumeIsARangeRequest() throws Exception {
        Path file = Corpus.file("chatnoir-resiliparse/warcfile.warc.gz");
        List<RecordPairs> all = readFrom(file.toUri().toString(), ReadCursor.START);
        RecordPairs middle = all.get(all.size() / 2);
        try (RangeServer server = new RangeServer(file)) {
            List<RecordPairs> rest =
                    readFrom(server.url(), new ReadCursor(middle.offset(), middle.recordIndex()));

            assertThat(describe(rest))
                    .isEqualTo(describe(all.subList(all.size() / 2 + 1, all.size())));
            assertThat(server.rangesRequested()).containsExactly("bytes=" + middle.offset() + "-");
        }
    }

    @Test
    void aServerThatIgnoresRangesIsSkippedForward() throws Exception {
        Path file = Corpus.file("chatnoir-resiliparse/warcfile.warc.gz");
        List<RecordPairs> all = readFrom(file.toUri().toString(), ReadCursor.START);
        RecordPairs middle = all.get(all.size() / 2);
        try (RangeServer server = new RangeServer(file).ignoreRanges()) {
            List<RecordPairs> rest =
                    readFrom(server.url(), new ReadCursor(middle.offset(), middle.recordIndex()));

            assertThat(describe(rest))
                    .isEqualTo(describe(all.subList(all.size() / 2 + 1, all.size())));
        }
    }

    private List<RecordPairs> readFrom(String url, ReadCursor cursor) throws Exception {
        List<RecordPairs> records = new ArrayList<>();
        try (SplitReader reader = open(url, cursor)) {
            Optional<RecordPairs> r;
            while ((r = reader.next()).isPresent()) {
                records.add(r.get());
            }
        }
        return records;
    }

    private SplitReader open(String url, ReadCursor cursor) throws FileReadException {
        SplitReader reader = new SplitReader(new FileSplit(SEGMENT, url, 0), cursor);
        reader.open(opener, WARC, e -> {}, f -> {});
        return reader;
    }

    /** Offset, index and pair ids of each record: what must not change when reading resumes. */
    private static List<String> describe(List<RecordPairs> records) {
        return records.stream()
                .map(
                        r ->
                                r.offset()
                                        + "#"
                                        + r.recordIndex()
                                        + ":"
                                        + r.pairs().stream().map(Pair::pairId).toList())
                .toList();
    }
}
