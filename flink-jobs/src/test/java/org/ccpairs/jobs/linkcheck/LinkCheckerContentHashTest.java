package org.ccpairs.jobs.linkcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.apache.flink.configuration.MemorySize;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.model.LinkStatus;
import org.ccpairs.localstack.web.ImageHosts;
import org.ccpairs.localstack.web.ImageHosts.Answer;
import org.ccpairs.localstack.web.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code linkcheck.content-hash} against a real HTTP server on loopback serving real image bytes:
 * one plain GET reads the whole image, the digests are of every byte, and the size cap holds
 * whether the server declares the size or only streams it.
 */
class LinkCheckerContentHashTest {
    /** Far more than the 16 KiB the checker keeps for sniffing. */
    private static final byte[] LARGE = TestImages.jpegWithLargeExif(800, 600, 200_000);

    private ImageHosts hosts;

    @BeforeEach
    void start() throws Exception {
        hosts = ImageHosts.start();
    }

    @AfterEach
    void stop() {
        hosts.close();
    }

    private CheckerFixture checker(long maxImageBytes) {
        return new CheckerFixture(
                hosts,
                Map.of(),
                c -> {
                    c.set(LinkCheckOptions.CONTENT_HASH, true);
                    c.set(LinkCheckOptions.MAX_IMAGE_BYTES, new MemorySize(maxImageBytes));
                });
    }

    @Test
    void oneGetReadsTheWholeImageAndRecordsItsDigests() throws Exception {
        byte[] png = TestImages.png(640, 480);
        hosts.route("img.test", "/cat.png", Answer.image(png, "image/png"));
        hosts.route("img.test", "/large.jpg", Answer.image(LARGE, "image/jpeg").chunked());
        try (CheckerFixture f = checker(1 << 20)) {
            LinkCheck cat = f.check("http://img.test/cat.png");
            assertThat(cat.status()).isEqualTo(LinkStatus.OK);
            assertThat(cat.imageFormat()).isEqualTo("png");
            assertThat(cat.width()).isEqualTo(640);
            assertThat(cat.imageSha256()).isEqualTo(hex("SHA-256", png));
            assertThat(cat.imageMd5()).isEqualTo(hex("MD5", png));

            LinkCheck large = f.check("http://img.test/large.jpg");
            assertThat(large.status()).isEqualTo(LinkStatus.OK);
            assertThat(large.imageSha256()).isEqualTo(hex("SHA-256", LARGE));
            assertThat(large.imageMd5()).isEqualTo(hex("MD5", LARGE));

            assertThat(hosts.requests("img.test"))
                    .filteredOn(r -> r.path().equals("/cat.png") || r.path().equals("/large.jpg"))
                    .hasSize(2)
                    .allSatisfy(
                            r -> {
                                assertThat(r.method()).isEqualTo("GET");
                                assertThat(r.header("range")).as("the whole image").isNull();
                            });
        }
    }

    @Test
    void anImageAboveTheCapEndsTooLargeWhetherDeclaredOrStreamed() throws Exception {
        hosts.route("img.test", "/declared.jpg", Answer.image(LARGE, "image/jpeg"));
        hosts.route("img.test", "/streamed.jpg", Answer.image(LARGE, "image/jpeg").chunked());
        hosts.route("img.test", "/fits.jpg", Answer.image(LARGE, "image/jpeg").chunked());
        try (CheckerFixture f = checker(LARGE.length - 1)) {
            for (String path : new String[] {"/declared.jpg", "/streamed.jpg"}) {
                LinkCheck c = f.check("http://img.test" + path);
                assertThat(c.status()).as(path).isEqualTo(LinkStatus.TOO_LARGE);
                assertThat(c.detail()).as(path).contains("linkcheck.max-image-bytes");
                assertThat(c.imageSha256()).as(path).isNull();
            }
        }
        try (CheckerFixture f = checker(LARGE.length)) {
            assertThat(f.check("http://img.test/fits.jpg").imageSha256())
                    .as("exactly at the cap")
                    .isEqualTo(hex("SHA-256", LARGE));
        }
    }

    @Test
    void withoutItNoBytesAreHashed() throws Exception {
        hosts.route("img.test", "/cat.png", Answer.image(TestImages.png(64, 64), "image/png"));
        try (CheckerFixture f = new CheckerFixture(hosts, Map.of(), c -> {})) {
            LinkCheck c = f.check("http://img.test/cat.png");
            assertThat(c.status()).isEqualTo(LinkStatus.OK);
            assertThat(c.imageSha256()).isNull();
            assertThat(c.imageMd5()).isNull();
        }
    }

    static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }
}
