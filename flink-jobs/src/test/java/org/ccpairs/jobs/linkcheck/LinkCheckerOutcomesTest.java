package org.ccpairs.jobs.linkcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.ccpairs.jobs.linkcheck.LinkCheckOptions.Probe;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.model.LinkStatus;
import org.ccpairs.localstack.web.ImageHosts;
import org.ccpairs.localstack.web.ImageHosts.Answer;
import org.ccpairs.localstack.web.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every way a check can end, against a real HTTP server on loopback serving real image bytes: what
 * the checker asks (HEAD, ranged GET), what it records, and how it classifies each answer.
 */
class LinkCheckerOutcomesTest {
    private ImageHosts hosts;

    @BeforeEach
    void start() throws Exception {
        hosts = ImageHosts.start();
    }

    @AfterEach
    void stop() {
        hosts.close();
    }

    private CheckerFixture checker(Probe probe) {
        return new CheckerFixture(hosts, Map.of(), c -> c.set(LinkCheckOptions.PROBE, probe));
    }

    @Test
    void anImageAnswersOkWithOneHeadRequest() throws Exception {
        byte[] png = TestImages.png(640, 480);
        hosts.route("img.test", "/cat.png", Answer.image(png, "image/png"));
        try (CheckerFixture f = checker(Probe.HEAD)) {
            LinkCheck c = f.check("http://img.test/cat.png");

            assertThat(c.status()).isEqualTo(LinkStatus.OK);
            assertThat(c.httpStatus()).isEqualTo(200);
            assertThat(c.finalUrl()).isEqualTo("http://img.test/cat.png");
            assertThat(c.contentType()).isEqualTo("image/png");
            assertThat(c.contentLength()).isEqualTo(png.length);
            assertThat(c.imageFormat()).as("HEAD reads no bytes").isNull();
            assertThat(hosts.requests("img.test"))
                    .filteredOn(r -> r.path().equals("/cat.png"))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.method()).isEqualTo("HEAD");
                                assertThat(r.header("user-agent")).startsWith("ccpairs/");
                            });
        }
    }

    @Test
    void sniffingReadsTheRealFormatAndSizeOfEveryKindOfImage() throws Exception {
        Map<String, byte[]> images =
                Map.of(
                        "/a.png", TestImages.png(320, 200),
                        "/a.jpg", TestImages.jpeg(321, 201),
                        "/a.gif", TestImages.gif(322, 202),
                        "/a.bmp", TestImages.bmp(323, 203),
                        "/a.webp", TestImages.webpLossy(324, 204),
                        "/b.webp", TestImages.webpLossless(325, 205),
                        "/c.webp", TestImages.webpExtended(326, 206),
                        "/a.avif", TestImages.avif(327, 207),
                        "/a.heic", TestImages.heic(328, 208));
        images.forEach(
                (path, bytes) ->
                        hosts.route("img.test", path, Answer.image(bytes, "image/whatever")));
        try (CheckerFixture f = checker(Probe.SNIFF)) {
            assertThat(f.check("http://img.test/a.png"))
                    .extracting(LinkCheck::imageFormat, LinkCheck::width, LinkCheck::height)
                    .containsExactly("png", 320, 200);
            assertThat(f.check("http://img.test/a.jpg"))
                    .extracting(LinkCheck::imageFormat, LinkCheck::width, LinkCheck::height)
                    .containsExactly("jpeg", 321, 201);
            assertThat(f.check("http://img.test/a.gif"))
                    .extracting(LinkCheck::imageFormat, LinkCheck::width, LinkCheck::height)
                    .containsExactly("gif", 322, 202);
            assertThat(f.check("http://img.test/a.bmp"))
                    .extracting(LinkCheck::imageFormat, LinkCheck::width, LinkCheck::height)
                    .containsExactly("bmp", 323, 203);
            assertThat(f.check("http://img.test/a.webp"))
                    .extracting(LinkCheck::imageFormat, LinkCheck::width, LinkCheck::height)
                    .containsExactly("webp", 324, 204);
            assertThat(f.check("http://img.test/b.webp"))
                    .extracting(LinkCheck::imageFormat, LinkCheck::width, LinkCheck::height)
                    .containsExactly("webp", 325, 205);
            assertThat(f.check("http://img.test/c.webp"))
                    .extracting(LinkCheck::imageFormat, LinkCheck::width, LinkCheck::height)
                    .containsExactly("webp", 326, 206);
            assertThat(f.check("http://img.test/a.avif"))
                    .extracting(LinkCheck::imageFormat, LinkCheck::width, LinkCheck::height)
                    .containsExactly("avif", 327, 207);
            assertThat(f.check("http://img.test/a.heic"))
                    .extracting(LinkCheck::imageFormat, LinkCheck::width, LinkCheck::height)
                    .containsExactly("heic", 328, 208);
            // one ranged GET per image, for the first sniff-bytes only
            assertThat(hosts.requests("img.test"))
                    .filteredOn(r -> images.containsKey(r.path()))
                    .hasSize(images.size())
                    .allSatisfy(
                            r -> {
                                assertThat(r.method()).isEqualTo("GET");
                                assertThat(r.header("range")).isEqualTo("bytes=0-16383");
                            });
        }
    }

    @Test
    void aServerThatIgnoresTheRangeIsCutOffAndTheSizeStillRead() throws Exception {
        // a PNG followed by 200 KB: far more than the 16 KiB asked for and the 64 KiB drained
        byte[] png = TestImages.png(3000, 2000);
        byte[] large = java.util.Arrays.copyOf(png, png.length + 200_000);
        hosts.route("img.test", "/large.png", Answer.image(large, "image/png").ignoreRanges());
        try (CheckerFixture f = checker(Probe.SNIFF)) {
            LinkCheck c = f.check("http://img.test/large.png");

            assertThat(c.status()).isEqualTo(LinkStatus.OK);
            assertThat(c.width()).isEqualTo(3000);
            assertThat(c.height()).isEqualTo(2000);
            assertThat(c.contentLength()).isEqualTo(large.length);
        }
    }

    @Test
    void aJpegWhoseSizeLiesBeyondTheSniffedBytesIsOkWithoutASize() throws Exception {
        hosts.route(
                "img.test",
                "/photo.jpg",
                Answer.image(TestImages.jpegWithLargeExif(800, 600, 40_000), "image/jpeg"));
        try (CheckerFixture f = checker(Probe.SNIFF)) {
            LinkCheck c = f.check("http://img.test/photo.jpg");

            assertThat(c.status()).isEqualTo(LinkStatus.OK);
            assertThat(c.imageFormat()).isEqualTo("jpeg");
            assertThat(c.width()).isNull();
            assertThat(c.height()).isNull();
        }
    }

    @Test
    void aHostThatRefusesHeadGetsARangedGet() throws Exception {
        hosts.route(
                "nohead.test",
                "/a.png",
                Answer.image(TestImages.png(200, 100), "image/png").refuseHead());
        try (CheckerFixture f = checker(Probe.HEAD)) {
            LinkCheck c = f.check("http://nohead.test/a.png");

            assertThat(c.status()).isEqualTo(LinkStatus.OK);
            assertThat(c.httpStatus()).isEqualTo(206);
            assertThat(c.width()).isEqualTo(200);
            assertThat(hosts.requests("nohead.test"))
                    .filteredOn(r -> r.path().equals("/a.png"))
                    .extracting(ImageHosts.Seen::method)
                    .containsExactly("HEAD", "GET");
        }
    }

    @Test
    void aHeadThatLiesAboutTheTypeIsCheckedAgainstTheBytes() throws Exception {
        // says text/html but serves a PNG; and the other way round
        hosts.route("img.test", "/real.png", Answer.image(TestImages.png(64, 64), "text/html"));
        hosts.route(
                "img.test",
                "/fake.png",
                Answer.text(200, "image/png", "<html><body>Not found</body></html>"));
        try (CheckerFixture f = checker(Probe.HEAD)) {
            LinkCheck real = f.check("http://img.test/real.png");
            assertThat(real.status()).isEqualTo(LinkStatus.OK);
            assertThat(real.imageFormat()).isEqualTo("png");
            assertThat(real.contentType()).isEqualTo("text/html");

            // HEAD believes an image type; with sniffing, the bytes tell the truth
            assertThat(f.check("http://img.test/fake.png").status()).isEqualTo(LinkStatus.OK);
        }
        try (CheckerFixture f = checker(Probe.HEAD_AND_SNIFF)) {
            LinkCheck fake = f.check("http://img.test/fake.png");
            assertThat(fake.status()).isEqualTo(LinkStatus.NOT_AN_IMAGE);
            assertThat(fake.detail()).contains("no image signature");
        }
    }

    @Test
    void errorsMapToTheirStatus() throws Exception {
        hosts.route("img.test", "/gone.png", Answer.status(410));
        hosts.route("img.test", "/secret.png", Answer.status(403));
        hosts.route("img.test", "/teapot.png", Answer.status(418));
        hosts.route("img.test", "/page.html", Answer.text(200, "text/html", "<html>hello</html>"));
        hosts.route("img.test", "/empty.png", Answer.image(new byte[0], "image/png"));
        hosts.route(
                "img.test",
                "/huge.png",
                Answer.image(new byte[] {1}, "image/png").header("Content-Length", "104857600"));
        hosts.route("img.test", "/pixel.gif", Answer.image(TestImages.gif(1, 1), "image/gif"));
        try (CheckerFixture f = checker(Probe.HEAD)) {
            assertThat(f.check("http://img.test/missing.png").status())
                    .isEqualTo(LinkStatus.NOT_FOUND);
            assertThat(f.check("http://img.test/gone.png").status()).isEqualTo(LinkStatus.GONE);
            // 403 to HEAD may be a HEAD refusal: asked again with GET, still 403
            assertThat(f.check("http://img.test/secret.png").status())
                    .isEqualTo(LinkStatus.FORBIDDEN);
            assertThat(f.check("http://img.test/teapot.png").status())
                    .isEqualTo(LinkStatus.CLIENT_ERROR);
            assertThat(f.check("http://img.test/page.html"))
                    .satisfies(
                            c -> {
                                assertThat(c.status()).isEqualTo(LinkStatus.NOT_AN_IMAGE);
                                assertThat(c.contentType()).isEqualTo("text/html");
                            });
            assertThat(f.check("http://img.test/empty.png").status())
                    .isEqualTo(LinkStatus.NOT_AN_IMAGE);
            assertThat(f.check("http://img.test/huge.png").status())
                    .isEqualTo(LinkStatus.TOO_LARGE);
        }
        try (CheckerFixture f = checker(Probe.SNIFF)) {
            LinkCheck pixel = f.check("http://img.test/pixel.gif");
            assertThat(pixel.status()).isEqualTo(LinkStatus.TOO_SMALL);
            assertThat(pixel.detail()).isEqualTo("gif 1x1");
        }
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenGiveUp() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls =
                new java.util.concurrent.atomic.AtomicInteger();
        hosts.route(
                "flaky.test",
                "/a.png",
                r ->
                        calls.incrementAndGet() == 1
                                ? Answer.status(502)
                                : Answer.image(TestImages.png(10, 10), "image/png"));
        hosts.route("broken.test", "/a.png", Answer.status(500));
        try (CheckerFixture f = checker(Probe.HEAD)) {
            assertThat(f.check("http://flaky.test/a.png").status()).isEqualTo(LinkStatus.OK);

            LinkCheck broken = f.check("http://broken.test/a.png");
            assertThat(broken.status()).isEqualTo(LinkStatus.SERVER_ERROR);
            assertThat(broken.httpStatus()).isEqualTo(500);
            assertThat(hosts.count("broken.test", "/a.png"))
                    .as("linkcheck.max-attempts")
                    .isEqualTo(3);
            assertThat(f.events.retries.get()).isEqualTo(3);
        }
    }

    @Test
    void redirectsAreFollowedHopByHopUpToTheLimit() throws Exception {
        hosts.route("a.test", "/start.png", Answer.redirect(301, "http://b.test/next.png"));
        hosts.route("b.test", "/next.png", Answer.redirect(302, "/final.png"));
        hosts.route("b.test", "/final.png", Answer.image(TestImages.png(50, 50), "image/png"));
        hosts.route("a.test", "/loop1", Answer.redirect(302, "/loop2"));
        hosts.route("a.test", "/loop2", Answer.redirect(302, "/loop1"));
        for (int i = 0; i < 10; i++) {
            hosts.route("a.test", "/hop" + i, Answer.redirect(307, "/hop" + (i + 1)));
        }
        hosts.route("a.test", "/nowhere", Answer.status(302));
        hosts.route("a.test", "/ftp", Answer.redirect(302, "ftp://files.test/a.png"));
        try (CheckerFixture f = checker(Probe.HEAD)) {
            LinkCheck ok = f.check("http://a.test/start.png");
            assertThat(ok.status()).isEqualTo(LinkStatus.OK);
            assertThat(ok.finalUrl()).isEqualTo("http://b.test/final.png");

            assertThat(f.check("http://a.test/loop1").status()).isEqualTo(LinkStatus.REDIRECT_LOOP);
            LinkCheck far = f.check("http://a.test/hop0");
            assertThat(far.status()).isEqualTo(LinkStatus.TOO_MANY_REDIRECTS);
            assertThat(hosts.count("a.test", "/hop5"))
                    .as("the 5th redirect is followed")
                    .isEqualTo(1);
            assertThat(hosts.count("a.test", "/hop6")).as("the 6th is not").isZero();
            assertThat(f.check("http://a.test/nowhere").status())
                    .isEqualTo(LinkStatus.BAD_REDIRECT);
            assertThat(f.check("http://a.test/ftp").status()).isEqualTo(LinkStatus.BAD_REDIRECT);
        }
    }

    @Test
    void urlsThatCannotBeCheckedEndWithoutARequest() throws Exception {
        try (CheckerFixture f = checker(Probe.HEAD)) {
            assertThat(f.check("ftp://img.test/a.png").status())
                    .isEqualTo(LinkStatus.UNSUPPORTED_URL);
            assertThat(f.check("not a url").status()).isEqualTo(LinkStatus.UNSUPPORTED_URL);
            assertThat(f.check("http://img.test:22/a.png").status())
                    .isEqualTo(LinkStatus.BLOCKED_PORT);
            assertThat(f.check("http://nowhere.example/a.png").status())
                    .isEqualTo(LinkStatus.DNS_FAILURE);
            assertThat(hosts.requests()).isEmpty();
        }
    }

    @Test
    void aPathWithSpacesAndNonAsciiIsRequestedPercentEncoded() throws Exception {
        hosts.route(
                "img.test",
                "/Thailand%202011-01/%C3%BC.png",
                Answer.image(TestImages.png(10, 10), "image/png"));
        try (CheckerFixture f = checker(Probe.HEAD)) {
            LinkCheck c = f.check("http://IMG.test/Thailand 2011-01/ü.png#top");
            assertThat(c.status()).isEqualTo(LinkStatus.OK);
            assertThat(c.finalUrl()).isEqualTo("http://img.test/Thailand%202011-01/%C3%BC.png");
        }
    }
}
