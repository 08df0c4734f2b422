package org.ccpairs.jobs.linkcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.ccpairs.jobs.CcpairsJob;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.model.LinkStatus;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.testing.CapturedMetrics;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.Test;

/**
 * Routing of link-check results with the default settings: OK images in an allowed format pass;
 * every other outcome, and an OK image in a format the URL rule would have refused, is dropped and
 * counted.
 */
class LinkOutcomeRouterTest {
    private static Pair checked(
            String name, LinkStatus status, String contentType, String sniffedFormat) {
        Pair pair = TestPairs.pair(1, "https://img.example.org/" + name, "An image " + name);
        return pair.withLinkCheck(
                new LinkCheck(
                        status,
                        status == LinkStatus.OK ? 200 : 404,
                        pair.imageUrl(),
                        contentType,
                        1000L,
                        sniffedFormat,
                        sniffedFormat == null ? null : 400,
                        sniffedFormat == null ? null : 300,
                        0,
                        status == LinkStatus.OK ? null : "HTTP 404 from " + pair.imageUrl(),
                        null,
                        null));
    }

    @Test
    void okImagesInAnAllowedFormatPassAndTheRestIsDroppedAndCounted() throws Exception {
        List<Pair> in =
                List.of(
                        checked("photo.jpg", LinkStatus.OK, "image/jpeg", "jpeg"),
                        checked("head.png", LinkStatus.OK, "image/png", null),
                        checked("bitmap", LinkStatus.OK, "image/x-ms-bmp", null),
                        checked("new-format", LinkStatus.OK, "image/x-something-new", null),
                        checked("animated.jpg", LinkStatus.OK, "image/jpeg", "gif"),
                        checked("logo.php", LinkStatus.OK, "image/svg+xml; charset=utf-8", null),
                        checked("favicon", LinkStatus.OK, "image/vnd.microsoft.icon", null),
                        checked("gone.jpg", LinkStatus.NOT_FOUND, null, null));
        CapturedMetrics metrics = new CapturedMetrics();
        LinkCheckSettings defaults = LinkCheckSettings.defaults();
        try (var h =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(
                                new LinkOutcomeRouter(
                                        CcpairsJob.REJECTIONS,
                                        new RejectionSampler(1.0),
                                        defaults.allowedFormats())),
                        metrics.environment())) {
            h.open();
            for (Pair p : in) {
                h.processElement(p, 0);
            }
            assertThat(h.extractOutputValues())
                    .extracting(p -> p.imageUrl().substring(p.imageUrl().lastIndexOf('/') + 1))
                    .as("known allowed formats, and an image/* type nobody can name")
                    .containsExactly("photo.jpg", "head.png", "bitmap", "new-format");
            assertThat(h.getSideOutput(CcpairsJob.REJECTIONS))
                    .extracting(r -> r.getValue().reason() + ": " + r.getValue().detail())
                    .containsExactly(
                            "IMAGE_FORMAT: gif (Content-Type image/jpeg) is not among"
                                    + " filter.url.allowed-extensions",
                            "IMAGE_FORMAT: svg (Content-Type image/svg+xml; charset=utf-8) is not"
                                    + " among filter.url.allowed-extensions",
                            "IMAGE_FORMAT: ico (Content-Type image/vnd.microsoft.icon) is not"
                                    + " among filter.url.allowed-extensions",
                            "NOT_FOUND: HTTP 404 from https://img.example.org/gone.jpg");
        }
        assertThat(metrics.counter("ccpairs", "reason", "OK", "link_checks")).isEqualTo(7);
        assertThat(
                        metrics.counter(
                                "ccpairs",
                                "stage",
                                "linkcheck",
                                "reason",
                                "IMAGE_FORMAT",
                                "pairs_rejected"))
                .isEqualTo(3);
        assertThat(
                        metrics.counter(
                                "ccpairs",
                                "stage",
                                "linkcheck",
                                "reason",
                                "NOT_FOUND",
                                "pairs_rejected"))
                .isEqualTo(1);
    }

    @Test
    void theAllowedFormatsFollowTheUrlRule() {
        org.apache.flink.configuration.Configuration conf =
                new org.apache.flink.configuration.Configuration();
        conf.set(
                org.ccpairs.jobs.filter.FilterOptions.URL_ALLOWED_EXTENSIONS,
                List.of("JPG", " gif "));
        assertThat(LinkCheckSettings.from(conf).allowedFormats())
                .as("one name per format, as the sniffer and Content-Type give it")
                .containsOnly("jpeg", "gif");
        assertThat(LinkCheckSettings.defaults().allowedFormats())
                .contains("jpeg", "png", "webp", "avif", "bmp", "tiff")
                .doesNotContain("gif", "svg", "ico");
    }
}
