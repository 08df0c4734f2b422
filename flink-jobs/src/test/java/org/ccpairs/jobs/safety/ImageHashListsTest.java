package org.ccpairs.jobs.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.ccpairs.jobs.CcpairsJob;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.linkcheck.LinkCheckListener;
import org.ccpairs.jobs.linkcheck.LinkCheckOptions;
import org.ccpairs.jobs.linkcheck.LinkCheckSettings;
import org.ccpairs.jobs.linkcheck.LinkChecker;
import org.ccpairs.jobs.model.LinkStatus;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RejectionRecord;
import org.ccpairs.jobs.testing.StaticResolver;
import org.ccpairs.jobs.testing.TestPairs;
import org.ccpairs.localstack.web.ImageHosts;
import org.ccpairs.localstack.web.ImageHosts.Answer;
import org.ccpairs.localstack.web.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image-hash stage after a real link check: a real checker hashes real image bytes served on
 * loopback, and the stage rejects the image whose SHA-256 or MD5 a list holds — from a start-up
 * list and from a live update — and passes the others.
 */
class ImageHashListsTest {
    private static final byte[] BLOCKED = TestImages.png(320, 200);
    private static final byte[] OTHER = TestImages.jpeg(320, 200);
    private static final byte[] LATER = TestImages.png(321, 201);

    @TempDir Path dir;

    private ImageHosts hosts;
    private LinkChecker checker;

    @BeforeEach
    void start() throws Exception {
        hosts = ImageHosts.start();
        hosts.route("img.test", "/blocked.png", Answer.image(BLOCKED, "image/png"));
        hosts.route("img.test", "/other.jpg", Answer.image(OTHER, "image/jpeg"));
        hosts.route("img.test", "/later.png", Answer.image(LATER, "image/png"));
        Configuration conf = new Configuration();
        conf.set(LinkCheckOptions.TESTING_ENDPOINTS, List.of(hosts.endpointFor("*.test")));
        conf.set(LinkCheckOptions.HOST_RATE, 0.0);
        conf.set(LinkCheckOptions.CONTENT_HASH, true);
        checker =
                new LinkChecker(
                        LinkCheckSettings.from(conf),
                        StaticResolver.of(Map.of()),
                        new LinkCheckListener() {});
    }

    @AfterEach
    void stop() {
        checker.close();
        hosts.close();
    }

    private Pair checked(String path) throws Exception {
        Pair p = TestPairs.pair(1, "http://img.test" + path, "An image at " + path);
        var check = checker.check(p.imageUrl()).result().get(60, TimeUnit.SECONDS);
        assertThat(check.status()).isEqualTo(LinkStatus.OK);
        return p.withLinkCheck(check);
    }

    @Test
    void anImageOnAListIsRejectedAndOthersPass() throws Exception {
        Path list = dir.resolve("partner-images.txt");
        Files.writeString(list, "# image hashes\nIMAGE_SHA256 " + hex("SHA-256", BLOCKED) + "\n");
        try (var h = harness(list, true)) {
            h.open();
            h.processElement1(new StreamRecord<>(checked("/blocked.png")));
            h.processElement1(new StreamRecord<>(checked("/other.jpg")));
            h.processElement1(new StreamRecord<>(checked("/later.png")));
            // a live update: an MD5 entry takes effect for the next pair
            h.processElement2(
                    new StreamRecord<>(
                            new SafetyListUpdate(
                                    "partner-images",
                                    1,
                                    new String[] {"IMAGE_MD5:" + hex("MD5", LATER)},
                                    new String[0],
                                    0)));
            h.processElement1(new StreamRecord<>(checked("/later.png")));

            assertThat(h.extractOutputValues())
                    .extracting(Pair::imageUrl)
                    .containsExactly("http://img.test/other.jpg", "http://img.test/later.png");
            assertThat(h.getSideOutput(CcpairsJob.REJECTIONS))
                    .extracting(StreamRecord::getValue)
                    .extracting(RejectionRecord::imageUrl, RejectionRecord::reason)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "http://img.test/blocked.png", "SAFETY_LIST"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "http://img.test/later.png", "SAFETY_LIST"));
            assertThat(h.getSideOutput(CcpairsJob.REJECTIONS))
                    .first()
                    .extracting(r -> r.getValue().detail())
                    .asString()
                    .contains("IMAGE_SHA256", "partner-images@0", "image bytes");
        }
    }

    @Test
    void withoutDigestsImageEntriesFailClosed() throws Exception {
        Path list = dir.resolve("partner-images.txt");
        Files.writeString(list, "IMAGE_SHA256 " + hex("SHA-256", BLOCKED) + "\n");
        try (var h = harness(list, false)) {
            assertThatThrownBy(h::open)
                    .hasMessageContaining("partner-images")
                    .hasMessageContaining("linkcheck.content-hash");
        }

        Pair unhashed = TestPairs.pair(1, "http://img.test/other.jpg", "Not hashed");
        try (var h = harness(null, false)) {
            h.open();
            h.processElement1(new StreamRecord<>(unhashed));
            assertThat(h.extractOutputValues()).as("no image entries: nothing to match").hasSize(1);
            h.processElement2(
                    new StreamRecord<>(
                            new SafetyListUpdate(
                                    "images",
                                    1,
                                    new String[] {"IMAGE_SHA256:" + hex("SHA-256", BLOCKED)},
                                    new String[0],
                                    0)));
            h.processElement1(new StreamRecord<>(unhashed));
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.getSideOutput(CcpairsJob.REJECTIONS))
                    .singleElement()
                    .extracting(r -> r.getValue().reason())
                    .isEqualTo("IMAGE_NOT_HASHED");
        }
    }

    private static TwoInputStreamOperatorTestHarness<Pair, SafetyListUpdate, Pair> harness(
            Path list, boolean hashed) throws Exception {
        StartupLists startup =
                new StartupLists(
                        list == null ? List.of() : List.of(list.toString()),
                        List.of(),
                        Duration.ofSeconds(1),
                        1,
                        "ccpairs-test");
        return new TwoInputStreamOperatorTestHarness<>(
                new CoBroadcastWithNonKeyedOperator<>(
                        new SafetyListFunction(
                                startup,
                                SafetyListFunction.Scope.IMAGE_BYTES,
                                hashed,
                                CcpairsJob.REJECTIONS,
                                new RejectionSampler(1.0)),
                        List.of(SafetyListFunction.LISTS)),
                1,
                1,
                0);
    }

    static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }
}
