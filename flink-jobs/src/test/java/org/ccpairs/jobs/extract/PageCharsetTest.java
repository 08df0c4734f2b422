package org.ccpairs.jobs.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.ccpairs.jobs.extract.html.StreamingImageAltExtractor;
import org.junit.jupiter.api.Test;

class PageCharsetTest {
    @Test
    void labelsAreReadTheWhatwgWay() {
        assertThat(PageCharset.forLabel("ISO-8859-1").name()).isEqualTo("windows-1252");
        assertThat(PageCharset.forLabel("us-ascii").name()).isEqualTo("windows-1252");
        assertThat(PageCharset.forLabel("gb2312").name()).isEqualTo("GB18030");
        assertThat(PageCharset.forLabel("Shift_JIS").name()).isEqualTo("windows-31j");
        assertThat(PageCharset.forLabel("euc-kr").name()).isEqualTo("x-windows-949");
        assertThat(PageCharset.forLabel(" \"utf8\" ")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(PageCharset.forLabel("windows-1251").name()).isEqualTo("windows-1251");
        assertThat(PageCharset.forLabel("no-such-charset")).isNull();
        assertThat(PageCharset.forLabel("")).isNull();
    }

    @Test
    void aBomWinsOverTheHttpHeader() {
        byte[] body = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '<', 'p', '>'};
        PageCharset.Decision d = PageCharset.beforeMarkup(body, body.length, "windows-1251");
        assertThat(d.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(d.bomLength()).isEqualTo(3);
    }

    @Test
    void aMetaUtf16IsReadAsUtf8AndUndeclaredPagesAreDetected() {
        byte[] ascii = "<p>plain</p>".getBytes(StandardCharsets.US_ASCII);
        assertThat(PageCharset.afterMarkup(ascii, ascii.length, "utf-16").charset())
                .isEqualTo(StandardCharsets.UTF_8);
        assertThat(PageCharset.afterMarkup(ascii, ascii.length, null).source()).isEqualTo("utf8");

        Charset cp1251 = Charset.forName("windows-1251");
        byte[] russian =
                ("<p>" + "Съешь же ещё этих мягких французских булок, да выпей чаю. ".repeat(20))
                        .getBytes(cp1251);
        PageCharset.Decision d = PageCharset.afterMarkup(russian, russian.length, null);
        assertThat(d.source()).isEqualTo("detected");
        // juniversalchardet may name a sibling Cyrillic code page; the words must come out right
        assertThat(new String(russian, d.charset())).contains("мягких французских булок");
    }

    @Test
    void scannableEncodingsKeepMarkupBytesAsAscii() {
        assertThat(PageCharset.scannable(StandardCharsets.UTF_8)).isTrue();
        assertThat(PageCharset.scannable(Charset.forName("EUC-JP"))).isTrue();
        assertThat(PageCharset.scannable(Charset.forName("GB18030"))).isTrue();
        assertThat(PageCharset.scannable(StandardCharsets.UTF_16LE)).isFalse();
        assertThat(PageCharset.scannable(Charset.forName("ISO-2022-JP"))).isFalse();
    }

    @Test
    void utf16PagesAreTranscodedAndRead() {
        byte[] html = "\uFEFF<img src=a.png alt=\"Ünïcödé\">".getBytes(StandardCharsets.UTF_16LE);
        Extraction e =
                new StreamingImageAltExtractor()
                        .extract(
                                ImageAltExtractorContract.page("https://example.org/", null, html));
        assertThat(e.candidates()).extracting(ImageCandidate::caption).containsExactly("Ünïcödé");
        assertThat(e.charset()).isEqualTo("UTF-16LE");
    }

    @Test
    void iso2022jpDeclaredInMetaIsTranscodedAndRescanned() {
        Charset jis = Charset.forName("ISO-2022-JP");
        byte[] html = "<meta charset=iso-2022-jp><img src=a.png alt=\"日本語の猫\">".getBytes(jis);
        Extraction e =
                new StreamingImageAltExtractor()
                        .extract(
                                ImageAltExtractorContract.page("https://example.org/", null, html));
        assertThat(e.candidates()).extracting(ImageCandidate::caption).containsExactly("日本語の猫");
    }
}
