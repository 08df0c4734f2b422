package org.ccpairs.jobs.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Markup that must not fool an extractor, and the rules for images that are not plain {@code <img
 * src alt>}; run against both extractors ({@link DomImageAltExtractorTest}, {@link
 * StreamingImageAltExtractorTest}).
 */
abstract class TrickyMarkupContract extends ImageAltExtractorContract {
    TrickyMarkupContract(ImageAltExtractor extractor) {
        super(extractor);
    }

    private java.util.List<String> captions(String html) {
        return extract(html).candidates().stream().map(ImageCandidate::caption).toList();
    }

    @Test
    void commentsOfEveryShapeHideImagesAndEndWhereTheStandardSays() {
        assertThat(
                        captions(
                                """
                                <!-- <img src="a.png" alt="in comment"> -->
                                <!--> <img src="b.png" alt="after abrupt comment">
                                <!---> <img src="c.png" alt="after abrupt comment 2">
                                <!-- x --!> <img src="d.png" alt="after bang close">
                                <!-- x -- > <img src="e.png" alt="still in comment"> -->
                                <? php <img src="f.png" alt="in processing instruction"> ?>
                                </ not a tag <img src="g.png" alt="in bogus end tag"> >
                                <![CDATA[ <img src="h.png" alt="in cdata"> ]]>
                                <!DOCTYPE html <img src="i.png" alt="in doctype">
                                <img src="z.png" alt="real">
                                """))
                .containsExactly(
                        "after abrupt comment",
                        "after abrupt comment 2",
                        "after bang close",
                        "real");
    }

    @Test
    void rawTextElementsHideImages() {
        assertThat(
                        captions(
                                """
                                <style>p { content: '<img src="s.png" alt="in style">' }</style>
                                <textarea><img src="t.png" alt="in textarea"></textarea>
                                <title><img src="u.png" alt="in title"></title>
                                <xmp><img src="v.png" alt="in xmp"></xmp>
                                <iframe><img src="w.png" alt="in iframe"></iframe>
                                <noembed><img src="x.png" alt="in noembed"></noembed>
                                <noframes><img src="y.png" alt="in noframes"></noframes>
                                <img src="z.png" alt="real">
                                """))
                .containsExactly("real");
    }

    @Test
    void scriptEndsOnlyAtItsEndTagEvenAfterEscapes() {
        assertThat(
                        captions(
                                """
<script>if (a</script.length) {}</script>
<script><!-- document.write("<script>x()</script><img src=a alt=inside>"); --></script>
<script>var s = "</scripts>"; var t = '<img src="b.png" alt="in script">';</script>
<SCRIPT>x</SCRIPT ><img src="c.png" alt="after upper-case script">
<script src=x.js /><img src="d.png" alt="self-closing script still swallows">
</script><img src="e.png" alt="real">
"""))
                .containsExactly("after upper-case script", "real");
    }

    @Test
    void templateContentIsInertButTheImagesAfterItCount() {
        Extraction e =
                extract(
                        "<template><div><img src=t.png alt=inert><template><img src=u alt=nested>"
                                + "</template></div></template><img src=r.png alt=real>");

        assertThat(e.candidates()).extracting(ImageCandidate::caption).containsExactly("real");
        assertThat(e.images()).isEqualTo(1);
        assertThat(e.candidates().get(0).position()).isZero();
    }

    /**
     * A noscript in the body is parsed as markup (what a client without scripts shows); in the head
     * its content is text for the parser, so head noscripts (tracking pixels) yield nothing.
     */
    @Test
    void noscriptImagesCountInTheBodyButNotInTheHead() {
        Extraction e =
                extract(
                        """
                        <html><head><title>t</title>
                        <noscript><img src="pixel.gif" alt="head noscript"></noscript>
                        </head><body><p>text</p>
                        <noscript><img src="real.jpg" alt="body noscript"></noscript>
                        </body></html>
                        """);

        assertThat(e.candidates())
                .extracting(ImageCandidate::caption)
                .containsExactly("body noscript");
        assertThat(e.images()).isEqualTo(1);
    }

    @Test
    void attributesInEveryQuotingStyle() {
        Extraction e =
                extract(
                        """
                        <img src=plain.png alt=unquoted>
                        <img src='single.png' alt='single "quoted"'>
                        <img src="gt.png" alt="a > b and <c>">
                        <img alt="first" src="dup.png" alt="second" ALT="third">
                        <img/src="slash.png"/alt="slashes">
                        <IMG SRC="UP.PNG" ALT="UPPER">
                        <img src = "spaced.png" alt = "spaced" >
                        <img src="x.png"alt="no space between">
                        <img src=a.png alt=a&amp;b&copy=x>
                        """);

        assertThat(e.candidates())
                .extracting(ImageCandidate::caption, ImageCandidate::imageUrl)
                .containsExactly(
                        tuple("unquoted", "https://www.example.org/articles/2026/plain.png"),
                        tuple(
                                "single \"quoted\"",
                                "https://www.example.org/articles/2026/single.png"),
                        tuple("a > b and <c>", "https://www.example.org/articles/2026/gt.png"),
                        tuple("first", "https://www.example.org/articles/2026/dup.png"),
                        tuple("slashes", "https://www.example.org/articles/2026/slash.png"),
                        tuple("UPPER", "https://www.example.org/articles/2026/UP.PNG"),
                        tuple("spaced", "https://www.example.org/articles/2026/spaced.png"),
                        tuple("no space between", "https://www.example.org/articles/2026/x.png"),
                        tuple("a&b&copy=x", "https://www.example.org/articles/2026/a.png"));
    }

    @Test
    void aTagCutByTheEndOfATruncatedPayloadIsDropped() {
        String whole = "<p><img src=\"a.png\" alt=\"kept\"><img src=\"b.png\" alt=\"cut here\">";
        for (int cut = whole.indexOf("<img src=\"b"); cut < whole.length() - 1; cut++) {
            byte[] body = Arrays.copyOf(whole.getBytes(StandardCharsets.UTF_8), cut);
            Extraction e = extract(page(PAGE_URL, null, body));
            assertThat(e.candidates())
                    .as("cut at %d", cut)
                    .extracting(ImageCandidate::caption)
                    .containsExactly("kept");
        }
    }

    @Test
    void imagesTheParserDropsOrMoves() {
        assertThat(
                        captions(
                                """
<select><option><img src=a.png alt="in select"></option></select>
<svg><image href=b.png alt="svg image"></image><img src=c.png alt="breaks out of svg"></svg>
<image src=d.png alt="image becomes img">
<table><tr><td><img src=e.png alt="in cell"></td></tr></table>
"""))
                .containsExactlyInAnyOrder("breaks out of svg", "image becomes img", "in cell");
    }

    @Test
    void titleAndTextareaWithoutEndTagEndAtTheNextTag() {
        assertThat(captions("<title>Page <img src=a.png alt=after-unclosed-title>"))
                .containsExactly("after-unclosed-title");
        assertThat(captions("<textarea>x <img src=a.png alt=inside></textarea>")).isEmpty();
    }

    @Test
    void lazyLoadingAttributesReplaceAPlaceholderSrc() {
        Extraction e =
                extract(
                        """
<img src="data:image/gif;base64,R0lGOD" data-src="/real1.jpg" alt="data uri placeholder">
<img src="/img/blank.gif" data-lazy-src="/real2.jpg" alt="blank gif placeholder">
<img data-original="/real3.jpg" alt="no src at all">
<img src="/preview.jpg" data-src="/full.jpg" alt="a real src stays">
""");

        assertThat(e.candidates())
                .extracting(ImageCandidate::imageUrl, ImageCandidate::urlSource)
                .containsExactly(
                        tuple("https://www.example.org/real1.jpg", "data-src"),
                        tuple("https://www.example.org/real2.jpg", "data-lazy-src"),
                        tuple("https://www.example.org/real3.jpg", "data-original"),
                        tuple("https://www.example.org/preview.jpg", "src"));
    }

    @Test
    void srcsetAndPictureGiveTheWidestCandidateWithItsWidth() {
        Extraction e =
                extract(
                        """
<img src="s.jpg" srcset="m.jpg 640w, l.jpg 1280w, xs.jpg 320w" alt="srcset">
<picture>
  <source srcset="p-1000.webp 1000w, p-2000.webp 2000w" type="image/webp">
  <img src="p.jpg" srcset="p-1500.jpg 1500w" alt="picture">
</picture>
<img src="d.jpg" srcset="d.jpg 1x, d@2x.jpg 2x" alt="density">
<img src="c.jpg" srcset="https://cdn.example.net/w_100,h_100/c.jpg 100w, https://cdn.example.net/w_900,h_900/c.jpg 900w" alt="commas in urls">
""");

        assertThat(e.candidates())
                .extracting(
                        ImageCandidate::imageUrl,
                        ImageCandidate::urlSource,
                        ImageCandidate::srcsetWidth)
                .containsExactly(
                        tuple("https://www.example.org/articles/2026/l.jpg", "srcset", 1280),
                        tuple("https://www.example.org/articles/2026/p-2000.webp", "picture", 2000),
                        tuple("https://www.example.org/articles/2026/d@2x.jpg", "srcset", null),
                        tuple("https://cdn.example.net/w_900,h_900/c.jpg", "srcset", 900));
    }

    @Test
    void blobUrlsAndUnresolvableUrlsAreCountedByReason() {
        Extraction e =
                extract(
                        """
                        <img src="blob:https://example.org/1234" alt="blob">
                        <img src="JavaScript:void(0)" alt="javascript">
                        <img src="   " alt="blank">
                        """);

        assertThat(e.candidates()).isEmpty();
        assertThat(e.badUrls())
                .containsEntry(BadUrl.BLOB, 1)
                .containsEntry(BadUrl.JAVASCRIPT, 1)
                .containsEntry(BadUrl.MISSING, 1);
    }

    @Test
    void baseHrefAfterTheImagesStillApplies() {
        assertThat(
                        extract("<img src=a.png alt=a><base href=\"https://cdn.example.net/x/\">")
                                .candidates())
                .extracting(ImageCandidate::imageUrl)
                .containsExactly("https://cdn.example.net/x/a.png");
    }

    @Test
    void titleFigcaptionAndPositionAreKept() {
        Extraction e =
                extract(
                        """
                        <img src="icon.png">
                        <figure>
                          <img src="cat.jpg" alt="A cat" title="  The  cat ">
                          <figcaption>Our <b>cat</b>&nbsp;on the<br>roof <p>(2026)</p></figcaption>
                        </figure>
                        <figure><img src="dog.jpg" alt="A dog"></figure>
                        """);

        assertThat(e.candidates())
                .extracting(
                        ImageCandidate::caption,
                        ImageCandidate::title,
                        ImageCandidate::figcaption,
                        ImageCandidate::position)
                .containsExactly(
                        tuple("A cat", "The cat", "Our cat on the roof (2026)", 1),
                        tuple("A dog", null, null, 2));
    }

    @Test
    void captionsAreNormalizedAndCappedWithAFlag() {
        String longAlt = "word ".repeat(400);
        Extraction e =
                extract(
                        "<img src=a.png alt=\"Cafe\u0301 \u202Eevil\u202C x\">"
                                + "<img src=b.png alt=\""
                                + longAlt
                                + "\">");

        assertThat(e.candidates().get(0).caption()).isEqualTo("Caf\u00e9 evil x");
        assertThat(e.candidates().get(0).captionTruncated()).isFalse();
        assertThat(e.candidates().get(1).caption()).hasSizeLessThanOrEqualTo(Captions.MAX_LENGTH);
        assertThat(e.candidates().get(1).captionTruncated()).isTrue();
    }

    @Test
    void pageSignalsComeFromMetaLinksAndLang() {
        Extraction e =
                extract(
                        """
                        <html lang="de-CH"><head>
                        <meta name="robots" content="noindex, NoAI">
                        <meta name="CCBot" content="noimageai">
                        <meta name="googlebot" content="nofollow">
                        <meta name="tdm-reservation" content="1">
                        <meta name="tdm-policy" content="https://example.org/tdm.json">
                        </head><body>
                        <a rel="license" href="//creativecommons.org/licenses/by-sa/4.0/">CC</a>
                        <img src=a.png alt=a></body></html>
                        """);

        assertThat(e.signals())
                .isEqualTo(
                        new PageSignals(
                                "noindex, noai, noimageai",
                                true,
                                "https://example.org/tdm.json",
                                "https://creativecommons.org/licenses/by-sa/4.0/",
                                "cc-by-sa-4.0",
                                "de-CH"));
    }
}
