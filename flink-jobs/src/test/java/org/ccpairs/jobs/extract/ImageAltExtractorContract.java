package org.ccpairs.jobs.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ccpairs.connectors.warc.HtmlPage;
import org.ccpairs.connectors.warc.WarcPageReader;
import org.ccpairs.jobs.testing.Corpus;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ImageAltExtractor} must do; run against the reference ({@link
 * DomImageAltExtractorTest}) and the streaming extractor ({@link StreamingImageAltExtractorTest}).
 */
abstract class ImageAltExtractorContract {
    static final String PAGE_URL = "https://www.example.org/articles/2026/cats.html";

    private final ImageAltExtractor extractor;

    ImageAltExtractorContract(ImageAltExtractor extractor) {
        this.extractor = extractor;
    }

    @Test
    void srcIsResolvedAgainstThePageUrl() {
        Extraction e =
                extract(
                        """
                        <img src="cat.png" alt="relative">
                        <img src="../dog.png" alt="parent">
                        <img src="/img/root.png" alt="root-relative">
                        <img src="//cdn.example.net/p.png" alt="protocol-relative">
                        <img src="http://other.example.com/abs.png" alt="absolute">
                        """);

        assertThat(e.candidates())
                .extracting(ImageCandidate::caption, ImageCandidate::imageUrl)
                .containsExactly(
                        tuple("relative", "https://www.example.org/articles/2026/cat.png"),
                        tuple("parent", "https://www.example.org/articles/dog.png"),
                        tuple("root-relative", "https://www.example.org/img/root.png"),
                        tuple("protocol-relative", "https://cdn.example.net/p.png"),
                        tuple("absolute", "http://other.example.com/abs.png"));
        assertThat(e.images()).isEqualTo(5);
        assertThat(e.withoutAlt()).isZero();
        assertThat(e.badUrl()).isZero();
    }

    @Test
    void protocolRelativeSrcTakesTheSchemeOfAnHttpPage() {
        Extraction e =
                extract(
                        page(
                                "http://plain.example.org/index.html",
                                null,
                                "<img src=\"//cdn.example.net/p.png\" alt=\"x\">"));

        assertThat(e.candidates())
                .extracting(ImageCandidate::imageUrl)
                .containsExactly("http://cdn.example.net/p.png");
    }

    @Test
    void srcIsResolvedAgainstBaseHref() {
        Extraction e =
                extract(
                        """
                        <html><head><base href="https://static.example.com/assets/v2/"></head>
                        <body>
                        <img src="cat.png" alt="relative">
                        <img src="/root.png" alt="root-relative">
                        <img src="//cdn.example.net/p.png" alt="protocol-relative">
                        </body></html>
                        """);

        assertThat(e.candidates())
                .extracting(ImageCandidate::caption, ImageCandidate::imageUrl)
                .containsExactly(
                        tuple("relative", "https://static.example.com/assets/v2/cat.png"),
                        tuple("root-relative", "https://static.example.com/root.png"),
                        tuple("protocol-relative", "https://cdn.example.net/p.png"));
    }

    @Test
    void relativeBaseHrefIsItselfResolvedAgainstThePage() {
        Extraction e =
                extract("<head><base href=\"../media/\"></head><img src=\"cat.png\" alt=\"c\">");

        assertThat(e.candidates())
                .extracting(ImageCandidate::imageUrl)
                .containsExactly("https://www.example.org/articles/media/cat.png");
    }

    @Test
    void missingEmptyAndBlankAltAreCountedWithoutAlt() {
        Extraction e =
                extract(
                        """
                        <img src="a.png">
                        <img src="b.png" alt>
                        <img src="c.png" alt="">
                        <img src="d.png" alt="  \t\n&nbsp; ">
                        <img src="e.png" alt="kept">
                        """);

        assertThat(e.images()).isEqualTo(5);
        assertThat(e.withoutAlt()).isEqualTo(4);
        assertThat(e.badUrl()).isZero();
        assertThat(e.candidates()).extracting(ImageCandidate::caption).containsExactly("kept");
    }

    @Test
    void dataJavascriptNonHttpAndMissingSrcAreCountedBadUrl() {
        Extraction e =
                extract(
                        """
                        <img src="data:image/png;base64,iVBORw0KGgo=" alt="data">
                        <img src="javascript:alert(1)" alt="script">
                        <img src="mailto:someone@example.org" alt="mail">
                        <img src="ftp://ftp.example.org/a.png" alt="ftp">
                        <img alt="no src">
                        <img src="ok.png" alt="ok">
                        """);

        assertThat(e.images()).isEqualTo(6);
        assertThat(e.badUrl()).isEqualTo(5);
        assertThat(e.badUrls())
                .containsOnly(
                        entry(BadUrl.DATA, 1),
                        entry(BadUrl.JAVASCRIPT, 1),
                        entry(BadUrl.OTHER_SCHEME, 2),
                        entry(BadUrl.MISSING, 1));
        assertThat(e.withoutAlt()).isZero();
        assertThat(e.candidates()).extracting(ImageCandidate::caption).containsExactly("ok");
    }

    @Test
    void anImageWithoutAltIsCountedOnceEvenWhenItsUrlIsBadToo() {
        Extraction e = extract("<img src=\"data:image/gif;base64,R0lGOD\">");

        assertThat(e.withoutAlt()).isEqualTo(1);
        assertThat(e.badUrl()).isZero();
    }

    /**
     * jsoup resolves an empty attribute value to the base URL itself, so {@code src=""} (which
     * browsers treat as "no image") becomes a pair whose image URL is the HTML page.
     */
    @Test
    void emptyOrBlankSrcIsCountedBadUrl() {
        Extraction e = extract("<img src=\"\" alt=\"empty\"><img src=\"   \" alt=\"blank\">");

        assertThat(e.candidates()).isEmpty();
        assertThat(e.badUrl()).isEqualTo(2);
    }

    @Test
    void widthAndHeightAreKeptOnlyWhenPositiveIntegers() {
        Extraction e =
                extract(
                        """
                        <img src="1.png" alt="plain" width="640" height="480">
                        <img src="2.png" alt="px" width="640px" height=" 480px ">
                        <img src="3.png" alt="zero" width="0" height="00">
                        <img src="4.png" alt="negative" width="-1" height="-480">
                        <img src="5.png" alt="words" width="abc" height="auto">
                        <img src="6.png" alt="huge" width="99999999" height="1000000">
                        <img src="7.png" alt="fraction and percent" width="64.5" height="50%">
                        <img src="8.png" alt="missing">
                        <img src="9.png" alt="non-ascii digits" width="٦٤٠" height="６４０">
                        """);

        assertThat(e.candidates())
                .extracting(ImageCandidate::caption, ImageCandidate::width, ImageCandidate::height)
                .containsExactly(
                        tuple("plain", 640, 480),
                        tuple("px", 640, 480),
                        tuple("zero", null, null),
                        tuple("negative", null, null),
                        tuple("words", null, null),
                        tuple("huge", null, null),
                        tuple("fraction and percent", null, null),
                        tuple("missing", null, null),
                        tuple("non-ascii digits", null, null));
    }

    @Test
    void charsetFromTheHttpHeaderWinsOverAWrongMetaCharset() {
        Charset cp1251 = Charset.forName("windows-1251");
        String html =
                "<html><head><meta charset=\"utf-8\"></head>"
                        + "<body><img src=\"kot.png\" alt=\"Кот на крыше\"></body></html>";

        Extraction e = extract(page(PAGE_URL, "windows-1251", html.getBytes(cp1251)));

        assertThat(e.candidates())
                .extracting(ImageCandidate::caption)
                .containsExactly("Кот на крыше");
    }

    @Test
    void charsetFromMetaIsUsedWhenTheHeaderNamesNone() {
        Charset gb2312 = Charset.forName("GB2312");
        String html =
                "<html><head><meta charset=\"gb2312\"></head>"
                        + "<body><img src=\"mao.png\" alt=\"屋顶上的猫\"></body></html>";

        Extraction e = extract(page(PAGE_URL, null, html.getBytes(gb2312)));

        assertThat(e.candidates()).extracting(ImageCandidate::caption).containsExactly("屋顶上的猫");
    }

    @Test
    void charsetFromHttpEquivMetaIsUsedWhenTheHeaderNamesNone() {
        Charset cp1251 = Charset.forName("windows-1251");
        String html =
                "<html><head><meta http-equiv=\"Content-Type\""
                        + " content=\"text/html; charset=windows-1251\"></head>"
                        + "<body><img src=\"kot.png\" alt=\"Кот\"></body></html>";

        Extraction e = extract(page(PAGE_URL, null, html.getBytes(cp1251)));

        assertThat(e.candidates()).extracting(ImageCandidate::caption).containsExactly("Кот");
    }

    @Test
    void withoutAnyCharsetTheBodyIsReadAsUtf8() {
        Extraction e =
                extract(
                        page(
                                PAGE_URL,
                                null,
                                "<img src=\"k.png\" alt=\"Köln – Dom\">"
                                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(e.candidates())
                .extracting(ImageCandidate::caption)
                .containsExactly("Köln – Dom");
    }

    @Test
    void imagesInCommentsAndScriptsDoNotCount() {
        Extraction e =
                extract(
                        """
<!-- <img src="commented.png" alt="in a comment"> -->
<script>document.write('<img src="scripted.png" alt="in a script">');</script>
<script type="text/template"><img src="tmpl.png" alt="in a script template"></script>
<textarea><img src="text.png" alt="in a textarea"></textarea>
<img src="real.png" alt="real">
""");

        assertThat(e.images()).isEqualTo(1);
        assertThat(e.candidates()).extracting(ImageCandidate::caption).containsExactly("real");
    }

    /**
     * The class Javadoc promises that templates do not yield images, like in a browser where
     * template content is an inert fragment; jsoup puts it into the DOM as ordinary children.
     */
    @Test
    void imagesInTemplatesDoNotCount() {
        Extraction e =
                extract(
                        "<template><img src=\"t.png\" alt=\"in a template\"></template>"
                                + "<img src=\"real.png\" alt=\"real\">");

        assertThat(e.images()).isEqualTo(1);
        assertThat(e.candidates()).extracting(ImageCandidate::caption).containsExactly("real");
    }

    @Test
    void upperCaseTagsAndAttributesAreFound() {
        Extraction e = extract("<BODY><IMG SRC=\"/Big.PNG\" ALT=\"Shouting\" WIDTH=\"10\"></BODY>");

        assertThat(e.candidates())
                .extracting(
                        ImageCandidate::imageUrl, ImageCandidate::caption, ImageCandidate::width)
                .containsExactly(tuple("https://www.example.org/Big.PNG", "Shouting", 10));
    }

    @Test
    void upperCaseSchemeCountsAsHttpAndIsLowerCased() {
        Extraction e = extract("<img src=\"HTTPS://CDN.EXAMPLE.NET/a.png\" alt=\"loud\">");

        assertThat(e.candidates())
                .extracting(ImageCandidate::imageUrl)
                .containsExactly("https://CDN.EXAMPLE.NET/a.png");
    }

    @Test
    void altTextEntitiesAreDecodedAndWhitespaceCollapsed() {
        Extraction e =
                extract(
                        "<img src=\"f.png\" alt=\"Fish &amp; Chips,\n  &eacute;t&eacute;"
                                + " &#x263A; &lt;b&gt;&nbsp;&nbsp;bold\">");

        assertThat(e.candidates())
                .extracting(ImageCandidate::caption)
                .containsExactly("Fish & Chips, été ☺ <b> bold");
    }

    @Test
    void imagesComeInPageOrderWithTheirCounts() {
        Extraction e =
                extract(
                        """
                        <div><img src="1.png" alt="one"></div>
                        <p><img src="2.png"></p>
                        <span><img src="3.png" alt="three"></span>
                        <img src="javascript:void(0)" alt="four">
                        """);

        assertThat(e.candidates())
                .extracting(ImageCandidate::caption)
                .containsExactly("one", "three");
        assertThat(e)
                .extracting(Extraction::images, Extraction::withoutAlt, Extraction::badUrl)
                .containsExactly(4, 1, 1);
    }

    @Test
    void aPageWithoutImagesYieldsNothing() {
        Extraction e = extract("<html><body><p>no pictures here</p></body></html>");

        assertThat(e.candidates()).isEmpty();
        assertThat(e)
                .extracting(Extraction::images, Extraction::withoutAlt, Extraction::badUrl)
                .containsExactly(0, 0, 0);
        assertThat(e.badUrls()).isEmpty();
        assertThat(e.signals()).isEqualTo(PageSignals.NONE);
    }

    @Test
    void theCommonCrawlHomePageYieldsItsSixBoxes() throws Exception {
        Path file = Corpus.file("jwarc/cc.warc.gz");
        List<HtmlPage> pages = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
                WarcPageReader reader =
                        new WarcPageReader(
                                in,
                                file.toUri().toString(),
                                WarcPageReader.DEFAULT_MAX_BODY_BYTES)) {
            Optional<HtmlPage> page;
            while ((page = reader.next()).isPresent()) {
                pages.add(page.get());
            }
        }
        assertThat(pages).hasSize(1);

        Extraction e = extractor.extract(pages.get(0));

        String uploads = "https://commoncrawl.org/wp-content/uploads/2016/03/";
        assertThat(e.candidates())
                .extracting(
                        ImageCandidate::caption, ImageCandidate::imageUrl, ImageCandidate::width)
                .containsExactly(
                        tuple("40+ Languages", uploads + "box-1.png", 248),
                        tuple("Raw Data, Metadata, Text Data", uploads + "box-2.png", 249),
                        tuple(
                                "We gather it. We aggregate it. You utilize it. And it's all free.",
                                uploads + "box-3.png",
                                519),
                        tuple(
                                "How big? We're talking BIG. Petabytes big.",
                                uploads + "box-4.png",
                                249),
                        tuple("Our Story", uploads + "box-5.png", 249),
                        tuple("Billions of pages, Trillions of links", uploads + "box-6.png", 248));
        assertThat(e.images()).isEqualTo(8);
        assertThat(e.withoutAlt()).isEqualTo(2);
        assertThat(e.badUrl()).isZero();
    }

    Extraction extract(String bodyHtml) {
        return extract(page(PAGE_URL, null, bodyHtml));
    }

    Extraction extract(HtmlPage page) {
        return extractor.extract(page);
    }

    static HtmlPage page(String url, String charset, String html) {
        return page(url, charset, html.getBytes(StandardCharsets.UTF_8));
    }

    static HtmlPage page(String url, String charset, byte[] body) {
        return new HtmlPage(
                "file:///corpus/test.warc.gz",
                0,
                "<urn:uuid:11111111-2222-3333-4444-555555555555>",
                url,
                Instant.parse("2026-01-01T00:00:00Z"),
                charset,
                body,
                false);
    }
}
