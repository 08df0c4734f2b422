package org.ccpairs.connectors.warc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpairs.connectors.warc.WarcFixtures.FETCHED;
import static org.ccpairs.connectors.warc.WarcFixtures.gzip;
import static org.ccpairs.connectors.warc.WarcFixtures.html;
import static org.ccpairs.connectors.warc.WarcFixtures.htmlOfSize;
import static org.ccpairs.connectors.warc.WarcFixtures.http;
import static org.ccpairs.connectors.warc.WarcFixtures.readAll;
import static org.ccpairs.connectors.warc.WarcFixtures.response;
import static org.ccpairs.connectors.warc.WarcFixtures.utf8;
import static org.ccpairs.connectors.warc.WarcFixtures.write;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.ccpairs.connectors.warc.WarcFixtures.Read;
import org.ccpairs.connectors.warc.WarcFixtures.Written;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTruncationReason;

/** {@link WarcPageReader} on WARC records built in memory, one behaviour at a time. */
class WarcPageReaderTest {
    private static final int MAX = WarcPageReader.DEFAULT_MAX_BODY_BYTES;

    @ParameterizedTest
    @EnumSource(
            value = WarcCompression.class,
            names = {"NONE", "GZIP"})
    void pageCarriesItsProvenanceAndTheOffsetWhereItsRecordStarts(WarcCompression compression) {
        WarcResponse first = response("https://example.org/a", html("<p>a</p>"));
        WarcResponse second = response("https://example.org/b", html("<p>b</p>"));
        Written warc = write(compression, first, second);

        Read read = readAll(warc.bytes(), MAX);

        assertThat(read.failure()).isNull();
        assertThat(read.pages()).hasSize(2);
        HtmlPage a = read.pages().get(0);
        assertThat(a.file()).isEqualTo("mem.warc");
        assertThat(a.offset()).isZero();
        assertThat(a.recordId()).isEqualTo("<" + first.id() + ">").startsWith("<urn:uuid:");
        assertThat(a.url()).isEqualTo("https://example.org/a");
        assertThat(a.fetchTime()).isEqualTo(FETCHED);
        assertThat(a.charset()).isEqualTo("utf-8");
        assertThat(a.body()).isEqualTo(utf8("<p>a</p>"));
        assertThat(a.truncated()).isFalse();
        assertThat(read.pages().get(1).offset()).isEqualTo(warc.offsets().get(1)).isPositive();
        assertThat(read.pages().get(1).recordId()).isEqualTo("<" + second.id() + ">");
    }

    /** The fast WARC-Date path decides exactly as {@code Instant.parse}, or leaves it to it. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "2014-08-20T07:12:53Z",
                "1996-01-01T00:00:00Z",
                "2024-02-29T23:59:59Z",
                "2023-02-29T10:00:00Z",
                "2023-04-31T10:00:00Z",
                "2023-13-01T10:00:00Z",
                "2023-00-10T10:00:00Z",
                "2023-01-00T10:00:00Z",
                "2023-01-01T24:00:00Z",
                "2023-01-01T23:60:00Z",
                "2023-01-01T23:59:60Z",
                "2023-01-01T10:00:00z",
                "2023-01-01 10:00:00Z",
                "2023-01-01T10:00:00.123Z",
                "2023-01-01T10:00:00+02:00",
                "2023-01-01T10:00Z",
                "0000-01-01T00:00:00Z",
                "+2023-01-01T10:00:00Z",
                "2023-1a-01T10:00:00Z",
                "2023-01-01T10:0-:00Z",
                "20230101T100000Z",
                ""
            })
    void warcDatesParseAsInstantParseDoes(String date) {
        Instant expected;
        try {
            expected = Instant.parse(date);
        } catch (RuntimeException e) {
            expected = null;
        }
        assertThat(WarcPageReader.dateOf(date)).as(date).isEqualTo(expected);
        Instant fast = WarcPageReader.plainUtcSeconds(date);
        if (fast != null) {
            assertThat(fast).as(date).isEqualTo(expected);
        }
    }

    @Test
    void onlySuccessfulHtmlResponsesArePagesButEveryRecordIsCounted() throws Exception {
        URI url = URI.create("https://example.org/");
        Written warc =
                write(
                        WarcCompression.GZIP,
                        new WarcRequest.Builder(url)
                                .body(
                                        MediaType.HTTP_REQUEST,
                                        utf8("GET / HTTP/1.1\r\nHost: example.org\r\n\r\n"))
                                .build(),
                        response(
                                "https://example.org/img.png",
                                http(200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'})),
                        response(
                                "https://example.org/data",
                                http(200, "application/json", utf8("{}"))),
                        response(
                                "https://example.org/gone",
                                http(404, "text/html", utf8("<p>not found</p>"))),
                        response(
                                "https://example.org/moved",
                                http(301, "text/html", utf8("<p>moved</p>"), "Location", "/new")),
                        response(
                                "https://example.org/error",
                                http(500, "text/html", utf8("<p>error</p>"))),
                        new WarcResource.Builder(url)
                                .body(MediaType.HTML, utf8("<p>resource</p>"))
                                .build(),
                        new WarcMetadata.Builder()
                                .body(MediaType.WARC_FIELDS, utf8("a: b\r\n"))
                                .build(),
                        response(
                                "https://example.org/xhtml",
                                http(200, "application/xhtml+xml", utf8("<html/>"))),
                        response(
                                "https://example.org/created",
                                http(201, "text/html; charset=iso-8859-1", utf8("<p>201</p>"))));

        Read read = readAll(warc.bytes(), MAX);

        assertThat(read.failure()).isNull();
        assertThat(read.badRecords()).isEmpty();
        assertThat(read.pages())
                .extracting(HtmlPage::url)
                .containsExactly("https://example.org/xhtml", "https://example.org/created");
        assertThat(read.records()).isEqualTo(10);
    }

    @Test
    void bodyLongerThanTheCapIsCutAndFlaggedTruncated() {
        byte[] body = utf8(htmlOfSize(1000));
        Written warc =
                write(
                        WarcCompression.GZIP,
                        response("https://example.org/", http(200, "text/html", body)));

        Read read = readAll(warc.bytes(), 100);

        HtmlPage page = read.pages().get(0);
        assertThat(page.body()).isEqualTo(Arrays.copyOf(body, 100));
        assertThat(page.truncated()).isTrue();
    }

    @Test
    void bodyOfExactlyTheCapIsKeptWhole() {
        byte[] body = utf8(htmlOfSize(100));
        assertThat(body).hasSize(100);
        Written warc =
                write(
                        WarcCompression.NONE,
                        response("https://example.org/", http(200, "text/html", body)));

        HtmlPage page = readAll(warc.bytes(), 100).pages().get(0);

        assertThat(page.body()).isEqualTo(body);
        assertThat(page.truncated()).isFalse();
    }

    @Test
    void pageTheCrawlerTruncatedIsFlaggedTruncated() throws Exception {
        WarcResponse truncated =
                new WarcResponse.Builder(URI.create("https://example.org/"))
                        .date(FETCHED)
                        .truncated(WarcTruncationReason.LENGTH)
                        .body(html("<p>cut by the crawl"))
                        .build();

        HtmlPage page = readAll(write(WarcCompression.GZIP, truncated).bytes(), MAX).pages().get(0);

        assertThat(page.body()).isEqualTo(utf8("<p>cut by the crawl"));
        assertThat(page.truncated()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "x-gzip", " GZIP "})
    void gzipContentEncodingIsInflatedWhenTheBodyReallyIsGzip(String encoding) {
        byte[] html = utf8(htmlOfSize(5000));
        Written warc =
                write(
                        WarcCompression.GZIP,
                        response(
                                "https://example.org/",
                                http(200, "text/html", gzip(html), "Content-Encoding", encoding)));

        HtmlPage page = readAll(warc.bytes(), MAX).pages().get(0);

        assertThat(page.body()).isEqualTo(html);
        assertThat(page.truncated()).isFalse();
    }

    @Test
    void gzipContentEncodingOverAPlainBodyKeepsTheBodyAsIs() {
        // many archives (Common Crawl 2014, ClueWeb) keep the header but store the decoded payload
        byte[] html = utf8("<html><body><img src=a.png alt=A></body></html>");
        Written warc =
                write(
                        WarcCompression.NONE,
                        response(
                                "https://example.org/",
                                http(200, "text/html", html, "Content-Encoding", "gzip")));

        HtmlPage page = readAll(warc.bytes(), MAX).pages().get(0);

        assertThat(page.body()).isEqualTo(html);
        assertThat(page.truncated()).isFalse();
    }

    @Test
    void gzipBodyThatInflatesBeyondTheCapIsCutAndFlaggedTruncated() {
        byte[] html = utf8(htmlOfSize(50_000));
        byte[] compressed = gzip(html);
        assertThat(compressed.length).isLessThan(20_000);
        Written warc =
                write(
                        WarcCompression.GZIP,
                        response(
                                "https://example.org/",
                                http(200, "text/html", compressed, "Content-Encoding", "gzip")));

        HtmlPage page = readAll(warc.bytes(), 20_000).pages().get(0);

        assertThat(page.body()).isEqualTo(Arrays.copyOf(html, 20_000));
        assertThat(page.truncated()).isTrue();
    }

    @Test
    void gzipBodyCutShortByTheCrawlerYieldsWhatCouldBeInflated() throws Exception {
        byte[] html = utf8(htmlOfSize(50_000));
        byte[] compressed = gzip(html);
        byte[] firstHalf = Arrays.copyOf(compressed, compressed.length / 2);
        WarcResponse cut =
                new WarcResponse.Builder(URI.create("https://example.org/"))
                        .date(FETCHED)
                        .truncated(WarcTruncationReason.LENGTH)
                        .body(http(200, "text/html", firstHalf, "Content-Encoding", "gzip"))
                        .build();

        HtmlPage page = readAll(write(WarcCompression.GZIP, cut).bytes(), MAX).pages().get(0);

        assertThat(page.truncated()).isTrue();
        assertThat(page.body()).isNotEmpty();
        assertThat(html).startsWith(page.body());
    }

    @Test
    void charsetIsTheKnownCharsetOfTheContentTypeOrNull() {
        Written warc =
                write(
                        WarcCompression.NONE,
                        response(
                                "https://a/",
                                http(200, "text/html; charset=windows-1251", utf8("a"))),
                        response("https://b/", http(200, "text/html", utf8("b"))),
                        response(
                                "https://c/",
                                http(200, "text/html; charset=x-no-such-charset", utf8("c"))),
                        response("https://d/", http(200, "text/html; charset=\"???\"", utf8("d"))));

        Read read = readAll(warc.bytes(), MAX);

        assertThat(read.pages())
                .extracting(HtmlPage::charset)
                .containsExactly("windows-1251", null, null, null);
    }

    @Test
    void unparsableWarcDateGivesANullFetchTime() {
        // jwarc's builder always writes a valid date, so the header is edited in the written bytes
        Written warc =
                write(WarcCompression.NONE, response("https://example.org/", html("<p>x</p>")));
        String text = new String(warc.bytes(), StandardCharsets.ISO_8859_1);
        assertThat(text).contains("WARC-Date: " + FETCHED + "\r\n");
        byte[] badDate =
                text.replace("WARC-Date: " + FETCHED, "WARC-Date: 2008-10-294T05:21:46-0700")
                        .getBytes(StandardCharsets.ISO_8859_1);

        Read read = readAll(badDate, MAX);

        assertThat(read.failure()).isNull();
        assertThat(read.pages()).singleElement().extracting(HtmlPage::fetchTime).isNull();
    }

    @Test
    void mediaTypeIsCaseInsensitive() {
        Written warc =
                write(
                        WarcCompression.NONE,
                        response(
                                "https://example.org/upper",
                                http(200, "TEXT/HTML", utf8("<p>upper</p>"))),
                        response(
                                "https://example.org/mixed",
                                http(200, "Text/Html; charset=UTF-8", utf8("<p>mixed</p>"))));

        Read read = readAll(warc.bytes(), MAX);

        assertThat(read.pages()).hasSize(2);
    }

    @Test
    void recordWhoseHttpCannotBeParsedIsReportedAndSkipped() throws Exception {
        WarcResponse broken =
                new WarcResponse.Builder(URI.create("https://example.org/broken"))
                        .date(FETCHED)
                        .body(MediaType.HTTP_RESPONSE, utf8("this is not HTTP at all\r\n\r\n"))
                        .build();
        Written warc =
                write(
                        WarcCompression.GZIP,
                        broken,
                        response("https://example.org/ok", html("<p>ok</p>")));

        Read read = readAll(warc.bytes(), MAX);

        assertThat(read.failure()).isNull();
        assertThat(read.pages())
                .extracting(HtmlPage::url)
                .containsExactly("https://example.org/ok");
        assertThat(read.badRecords())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.reason()).isEqualTo(ReadFailure.BAD_RECORD);
                            assertThat(e.file()).isEqualTo("mem.warc");
                            assertThat(e.offset()).isZero();
                            assertThat(e).hasMessageContaining("mem.warc at offset 0");
                        });
        assertThat(read.records()).isEqualTo(2);
    }

    @Test
    void emptyInputIsAFileWithoutPages() {
        Read read = readAll(new byte[0], MAX);

        assertThat(read.failure()).isNull();
        assertThat(read.pages()).isEmpty();
        assertThat(read.records()).isZero();
    }

    @Test
    void inputThatIsNotWarcIsACorruptFile() {
        Read read = readAll(utf8("<html><body>just a page, not a WARC file</body></html>\n"), MAX);

        assertThat(read.pages()).isEmpty();
        assertThat(read.failure()).isNotNull();
        assertThat(read.failure().reason()).isEqualTo(ReadFailure.CORRUPT_FILE);
        assertThat(read.failure().offset()).isNotNegative();
    }

    @Test
    void garbageAfterTheLastRecordOfAPlainFileIsACorruptFile() {
        Written warc =
                write(WarcCompression.NONE, response("https://example.org/", html("<p>x</p>")));
        byte[] withGarbage = Arrays.copyOf(warc.bytes(), warc.bytes().length + 9);
        System.arraycopy(utf8("\r\ngarbage"), 0, withGarbage, warc.bytes().length, 9);

        Read read = readAll(withGarbage, MAX);

        assertThat(read.pages()).hasSize(1);
        assertThat(read.failure()).isNotNull();
        assertThat(read.failure().reason()).isEqualTo(ReadFailure.CORRUPT_FILE);
    }

    @Test
    void strayLineBreaksAfterTheLastRecordOfAPlainFileEndItCleanly() {
        Written warc =
                write(WarcCompression.NONE, response("https://example.org/", html("<p>x</p>")));
        byte[] withCrlf = Arrays.copyOf(warc.bytes(), warc.bytes().length + 4);
        System.arraycopy(utf8("\r\n\n "), 0, withCrlf, warc.bytes().length, 4);

        Read read = readAll(withCrlf, MAX);

        assertThat(read.failure()).isNull();
        assertThat(read.pages()).hasSize(1);
    }

    @Test
    void maxIntCapMeansNoCap() {
        Written warc =
                write(WarcCompression.GZIP, response("https://example.org/", html("<p>x</p>")));

        Read read = readAll(warc.bytes(), Integer.MAX_VALUE);

        assertThat(read.badRecords()).isEmpty();
        assertThat(read.pages())
                .singleElement()
                .extracting(HtmlPage::body)
                .isEqualTo(utf8("<p>x</p>"));
    }
}
