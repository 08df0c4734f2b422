package org.ccpairs.jobs.linkcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.model.LinkStatus;
import org.junit.jupiter.api.Test;

/** The served image's format, named as extensions name it, against the formats kept. */
class ImageFormatsTest {
    private static final Set<String> KEPT = Set.of("jpeg", "png", "bmp", "tiff");

    private static LinkCheck ok(String contentType, String sniffed) {
        return new LinkCheck(
                LinkStatus.OK,
                200,
                "https://img.example.org/a",
                contentType,
                10L,
                sniffed,
                null,
                null,
                0,
                null,
                null,
                null);
    }

    @Test
    void theSniffedFormatWinsOverTheContentType() {
        assertThat(ImageFormats.of(ok("image/jpeg", "gif"))).isEqualTo("gif");
        assertThat(ImageFormats.refusal(ok("image/jpeg", "gif"), KEPT))
                .isEqualTo(
                        "gif (Content-Type image/jpeg) is not among filter.url.allowed-extensions");
        assertThat(ImageFormats.refusal(ok("image/gif", "png"), KEPT)).isNull();
    }

    @Test
    void afterAHeadTheContentTypeNamesTheFormatAndUnknownTypesAreNotJudged() {
        assertThat(ImageFormats.of(ok("image/svg+xml; charset=utf-8", null))).isEqualTo("svg");
        assertThat(ImageFormats.of(ok("Image/X-MS-BMP", null))).isEqualTo("bmp");
        assertThat(ImageFormats.of(ok("image/pjpeg", null))).isEqualTo("jpeg");
        assertThat(ImageFormats.of(ok("image/vnd.microsoft.icon", null))).isEqualTo("ico");
        assertThat(ImageFormats.of(ok("image/x-something-new", null))).isNull();
        assertThat(ImageFormats.of(ok("application/octet-stream", null))).isNull();
        assertThat(ImageFormats.of(ok(null, null))).isNull();
        assertThat(ImageFormats.refusal(ok("image/x-something-new", null), KEPT)).isNull();
        assertThat(ImageFormats.refusal(ok("image/x-icon", null), KEPT)).startsWith("ico ");
    }

    @Test
    void extensionsOfOneFormatShareItsName() {
        assertThat(ImageFormats.canonical(" JPG ")).isEqualTo("jpeg");
        assertThat(ImageFormats.canonical("jfif")).isEqualTo("jpeg");
        assertThat(ImageFormats.canonical("tif")).isEqualTo("tiff");
        assertThat(ImageFormats.canonical("webp")).isEqualTo("webp");
    }
}
