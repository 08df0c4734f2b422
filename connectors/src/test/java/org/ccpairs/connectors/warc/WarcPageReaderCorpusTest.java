package org.ccpairs.connectors.warc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.ccpairs.connectors.testing.Corpus;
import org.junit.jupiter.api.Test;

/**
 * {@link WarcPageReader} on real files from {@code shared/corpus}, opened with {@link FileOpener}.
 */
class WarcPageReaderCorpusTest {
    private static final FileOpener OPENER = new FileOpener("ccpairs-test", 1, Duration.ZERO);

    /** The pages of a file, its bad records, its record count and the failure that ended it. */
    record Outcome(
            List<HtmlPage> pages,
            List<FileReadException> badRecords,
            long records,
            FileReadException failure) {}

    @Test
    void commonCrawlSingleRecordFile() throws IOException {
        Path file = Corpus.file("jwarc/cc.warc.gz");

        Outcome read = read(file);

        assertThat(read.failure()).isNull();
        assertThat(read.records()).isEqualTo(1);
        HtmlPage page = read.pages().get(0);
        assertThat(read.pages()).hasSize(1);
        assertThat(page.url()).isEqualTo("http://commoncrawl.org/");
        assertThat(page.recordId()).startsWith("<urn:uuid:").endsWith(">");
        assertThat(page.fetchTime()).isEqualTo(Instant.parse("2019-12-10T10:00:01Z"));
        assertThat(page.offset()).isZero();
        assertThat(page.file()).isEqualTo(file.toUri().toString());
        assertThat(page.truncated()).isFalse();
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).containsIgnoringCase("<html");
    }

    @Test
    void commonCrawlSegmentExtractHasSixteenPagesAtTheirGzipMembers() throws IOException {
        Path file = Corpus.file("chatnoir-resiliparse/warcfile.warc.gz");
        byte[] bytes = Files.readAllBytes(file);

        Outcome read = read(file);

        assertThat(read.failure()).isNull();
        assertThat(read.badRecords()).isEmpty();
        assertThat(read.records()).isEqualTo(50);
        assertThat(read.pages()).hasSize(16);
        assertThat(read.pages()).extracting(HtmlPage::offset).isSorted().doesNotHaveDuplicates();
        assertThat(read.pages()).extracting(HtmlPage::charset).contains("windows-1251", "gb2312");
        for (HtmlPage page : read.pages()) {
            int at = Math.toIntExact(page.offset());
            assertThat(bytes[at] & 0xff).as("gzip magic at %d", at).isEqualTo(0x1f);
            assertThat(bytes[at + 1] & 0xff).isEqualTo(0x8b);
            // provenance: reading from the offset alone finds the same page first
            HtmlPage again = firstPageFrom(bytes, at);
            assertThat(again.recordId()).isEqualTo(page.recordId());
            assertThat(again.url()).isEqualTo(page.url());
            assertThat(again.body()).isEqualTo(page.body());
        }
    }

    @Test
    void uncompressedFileEndingWithAStrayLineBreakEndsCleanly() throws IOException {
        Path file = Corpus.file("node-warc/books.toscrape.warc");
        byte[] bytes = Files.readAllBytes(file);
        // node-warc ends each record with one CRLF instead of two, so the last one is left over
        // for a record jwarc cannot parse
        assertThat(new String(bytes, bytes.length - 2, 2, StandardCharsets.ISO_8859_1))
                .isEqualTo("\r\n");

        Outcome read = read(file);

        assertThat(read.failure()).isNull();
        assertThat(read.records()).isEqualTo(60);
        assertThat(read.pages())
                .extracting(HtmlPage::url)
                .containsExactly("http://books.toscrape.com/");
    }

    @Test
    void clippedGzipFileGivesItsCutPageFlaggedThenACorruptFileAtTheBrokenRecord()
            throws IOException {
        Outcome read = read(Corpus.file("chatnoir-resiliparse/clipped.warc.gz"));

        // the response declares 88275 bytes; what the clipped gzip stream still inflates is kept
        assertThat(read.pages())
                .singleElement()
                .satisfies(
                        page -> {
                            assertThat(page.truncated()).isTrue();
                            assertThat(page.body().length).isBetween(1, 88275);
                            assertThat(new String(page.body(), StandardCharsets.UTF_8))
                                    .contains("<html");
                        });
        assertThat(read.failure()).isNotNull();
        assertThat(read.failure().reason()).isEqualTo(ReadFailure.CORRUPT_FILE);
        assertThat(read.failure().offset()).isZero();
        assertThat(read.failure()).hasMessageContaining("clipped.warc.gz at offset 0");
    }

    @Test
    void fileWithATruncatedLastMemberGivesWhatCameBeforeThenACorruptFile() throws IOException {
        Outcome read = read(Corpus.file("solrwayback/transfer_compression_none_truncated.warc.gz"));

        // warcinfo and request are read; the only HTML response is in the cut member
        assertThat(read.records()).isEqualTo(2);
        assertThat(read.pages()).isEmpty();
        assertThat(read.failure()).isNotNull();
        assertThat(read.failure().reason()).isEqualTo(ReadFailure.CORRUPT_FILE);
        assertThat(read.failure().offset()).as("where the cut gzip member starts").isEqualTo(881);
    }

    @Test
    void brokenDeflateStreamIsACorruptFile() throws IOException {
        Outcome read = read(Corpus.file("ia-web-commons/double-single-inflate-error.gz"));

        assertThat(read.pages()).isEmpty();
        assertThat(read.failure()).isNotNull();
        assertThat(read.failure().reason()).isEqualTo(ReadFailure.CORRUPT_FILE);
        assertThat(read.failure().offset()).isNotNegative();
    }

    @Test
    void fileWithoutHtmlHasNoPagesButItsRecordsAreCounted() throws IOException {
        Outcome read = read(Corpus.file("aut/example.docs.warc.gz"));

        assertThat(read.failure()).isNull();
        assertThat(read.pages()).isEmpty();
        assertThat(read.records()).isEqualTo(21);
    }

    @Test
    void realGzipContentEncodingIsInflated() throws IOException {
        Outcome read = read(Corpus.file("aut/issue-493.warc"));

        // 5 HTML responses, one of them a 301; the 4 pages all say Content-Encoding: gzip
        assertThat(read.failure()).isNull();
        assertThat(read.pages()).hasSize(4);
        for (HtmlPage page : read.pages()) {
            String body = new String(page.body(), StandardCharsets.ISO_8859_1);
            assertThat(body).as(page.url()).containsIgnoringCase("<html");
        }
    }

    @Test
    void gzipHeaderOverPlainHtmlAndUnparsableDatesAreKeptAsData() throws IOException {
        Outcome read = read(Corpus.file("chatnoir-resiliparse/clueweb-quirk.warc.gz"));

        assertThat(read.failure()).isNull();
        assertThat(read.badRecords()).isEmpty();
        assertThat(read.pages()).hasSize(29);
        assertThat(read.pages())
                .allSatisfy(
                        page -> {
                            assertThat(page.fetchTime()).as("invalid WARC-Date").isNull();
                            assertThat(page.charset()).isEqualTo("EUC-JP");
                            assertThat(new String(page.body(), StandardCharsets.ISO_8859_1))
                                    .containsIgnoringCase("<html");
                        });
    }

    @Test
    void crawlerTruncatedPagesAreFlagged() throws IOException {
        Outcome read =
                read(
                        Corpus.file(
                                "eugeneware-warc/CC-MAIN-20140820021334-00006-ip-10-180-136-8.ec2.internal.warc"));

        assertThat(read.failure()).isNull();
        assertThat(read.pages()).hasSize(3);
        assertThat(read.pages()).filteredOn(HtmlPage::truncated).hasSize(2);
    }

    @Test
    void everyCorpusFileEndsInPagesOrAFileReadException() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(Corpus.dir())) {
            files =
                    all.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().endsWith(".md"))
                            .sorted()
                            .toList();
        }
        assertThat(files).hasSizeGreaterThan(30);

        List<String> summary = new ArrayList<>();
        for (Path file : files) {
            Outcome read = read(file); // anything but a FileReadException fails the test here
            summary.add(
                    Corpus.dir().relativize(file)
                            + ": "
                            + read.pages().size()
                            + " pages"
                            + (read.failure() == null ? "" : ", then " + read.failure().reason()));
            for (HtmlPage page : read.pages()) {
                assertThat(page.offset()).isNotNegative();
                assertThat(page.body().length)
                        .isLessThanOrEqualTo(WarcPageReader.DEFAULT_MAX_BODY_BYTES);
            }
        }
        assertThat(summary).isNotEmpty();
    }

    private static Outcome read(Path file) throws IOException {
        String url = file.toUri().toString();
        List<HtmlPage> pages = new ArrayList<>();
        List<FileReadException> bad = new ArrayList<>();
        try (InputStream in = OPENER.open(url)) {
            WarcPageReader reader;
            try {
                reader = new WarcPageReader(in, url, WarcPageReader.DEFAULT_MAX_BODY_BYTES);
            } catch (FileReadException e) {
                return new Outcome(pages, bad, 0, e);
            }
            try (reader) {
                reader.onBadRecord(bad::add);
                Optional<HtmlPage> page;
                while ((page = reader.next()).isPresent()) {
                    pages.add(page.get());
                }
                return new Outcome(pages, bad, reader.records(), null);
            } catch (FileReadException e) {
                return new Outcome(pages, bad, reader.records(), e);
            }
        }
    }

    private static HtmlPage firstPageFrom(byte[] file, int offset) throws FileReadException {
        WarcPageReader reader =
                new WarcPageReader(
                        new java.io.ByteArrayInputStream(file, offset, file.length - offset),
                        "x",
                        WarcPageReader.DEFAULT_MAX_BODY_BYTES);
        return reader.next().orElseThrow();
    }
}
