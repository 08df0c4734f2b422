package org.ccpairs.jobs.linkcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.model.LinkStatus;
import org.ccpairs.localstack.web.ImageHosts;
import org.ccpairs.localstack.web.ImageHosts.Answer;
import org.ccpairs.localstack.web.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Opt-outs at the image host: robots.txt (for our agent and the AI agents we honour), ai.txt,
 * tdmrep.json, X-Robots-Tag and tdm-reservation on the image. A URL a policy file forbids is never
 * requested; each file is fetched once per origin.
 */
class LinkCheckerOptOutTest {
    private static final byte[] PNG = TestImages.png(32, 32);
    private ImageHosts hosts;

    @BeforeEach
    void start() throws Exception {
        hosts = ImageHosts.start();
        hosts.fallback(
                r ->
                        r.path().endsWith(".png")
                                ? Answer.image(PNG, "image/png")
                                : Answer.status(404));
    }

    @AfterEach
    void stop() {
        hosts.close();
    }

    private CheckerFixture checker() {
        return new CheckerFixture(hosts, Map.of(), c -> {});
    }

    @Test
    void robotsTxtDisallowedPathsAreNeverRequested() throws Exception {
        hosts.route(
                "site.test",
                "/robots.txt",
                Answer.text(200, "text/plain", "User-agent: *\nDisallow: /private/\n"));
        try (CheckerFixture f = checker()) {
            LinkCheck denied = f.check("http://site.test/private/a.png");
            LinkCheck allowed = f.check("http://site.test/public/a.png");
            LinkCheck deniedToo = f.check("http://site.test/private/b.png");

            assertThat(denied.status()).isEqualTo(LinkStatus.ROBOTS_DISALLOWED);
            assertThat(denied.detail())
                    .isEqualTo("robots.txt disallows /private/a.png for ccpairs");
            assertThat(deniedToo.status()).isEqualTo(LinkStatus.ROBOTS_DISALLOWED);
            assertThat(allowed.status()).isEqualTo(LinkStatus.OK);
            var paths = hosts.requests("site.test").stream().map(ImageHosts.Seen::path).toList();
            // the three policy files (in parallel), then the only allowed image
            assertThat(paths.subList(0, 3))
                    .containsExactlyInAnyOrder(
                            "/robots.txt", "/ai.txt", "/.well-known/tdmrep.json");
            assertThat(paths.subList(3, paths.size())).containsExactly("/public/a.png");
        }
    }

    @Test
    void aGroupForAnAiAgentWeHonourAppliesToUs() throws Exception {
        hosts.route(
                "noai.test",
                "/robots.txt",
                Answer.text(
                        200,
                        "text/plain",
                        "User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n"));
        hosts.route(
                "other.test",
                "/robots.txt",
                Answer.text(200, "text/plain", "User-agent: SomeSearchBot\nDisallow: /\n"));
        try (CheckerFixture f = checker()) {
            LinkCheck c = f.check("http://noai.test/a.png");
            assertThat(c.status()).isEqualTo(LinkStatus.ROBOTS_DISALLOWED);
            assertThat(c.detail()).endsWith("for GPTBot");
            assertThat(f.check("http://other.test/a.png").status()).isEqualTo(LinkStatus.OK);
        }
    }

    @Test
    void aRobotsTxtThatFailsWithA5xxMeansCompleteDisallowAndA404NoRules() throws Exception {
        hosts.route("down.test", "/robots.txt", Answer.status(503));
        try (CheckerFixture f = checker()) {
            LinkCheck c = f.check("http://down.test/a.png");
            assertThat(c.status()).isEqualTo(LinkStatus.ROBOTS_UNAVAILABLE);
            assertThat(hosts.count("down.test", "/a.png")).isZero();
            // no robots.txt at all (the fallback answers 404): everything allowed
            assertThat(f.check("http://plain.test/a.png").status()).isEqualTo(LinkStatus.OK);
        }
    }

    @Test
    void aiTxtAndTdmRepAreHonoured() throws Exception {
        hosts.route(
                "art.test",
                "/ai.txt",
                Answer.text(200, "text/plain", "User-Agent: *\nDisallow: *.png\nAllow: *.jpg\n"));
        hosts.route(
                "news.test",
                "/.well-known/tdmrep.json",
                Answer.text(
                        200,
                        "application/json",
                        "[{\"location\": \"/photos/*\", \"tdm-reservation\": 1, \"tdm-policy\":"
                                + " \"https://news.test/policy\"}, {\"location\": \"/\","
                                + " \"tdm-reservation\": 0}]"));
        hosts.route(
                "soft404.test",
                "/.well-known/tdmrep.json",
                Answer.text(200, "text/html", "<html>home page</html>"));
        hosts.route("art.test", "/a.jpg", Answer.image(TestImages.jpeg(20, 20), "image/jpeg"));
        try (CheckerFixture f = checker()) {
            assertThat(f.check("http://art.test/a.png").status())
                    .isEqualTo(LinkStatus.AI_TXT_DISALLOWED);
            assertThat(f.check("http://art.test/a.jpg").status()).isEqualTo(LinkStatus.OK);
            LinkCheck reserved = f.check("http://news.test/photos/a.png");
            assertThat(reserved.status()).isEqualTo(LinkStatus.TDM_RESERVED);
            assertThat(reserved.detail())
                    .contains("/photos/*")
                    .contains("https://news.test/policy");
            assertThat(f.check("http://news.test/logo.png").status()).isEqualTo(LinkStatus.OK);
            assertThat(f.check("http://soft404.test/a.png").status())
                    .as("an HTML page is no tdmrep.json")
                    .isEqualTo(LinkStatus.OK);
            assertThat(hosts.count("art.test", "/a.png")).isZero();
            assertThat(hosts.count("news.test", "/photos/a.png")).isZero();
        }
    }

    @Test
    void optOutHeadersOnTheImageResponse() throws Exception {
        hosts.route(
                "img.test",
                "/noai.png",
                Answer.image(PNG, "image/png").header("X-Robots-Tag", "noai"));
        hosts.route(
                "img.test",
                "/scoped.png",
                Answer.image(PNG, "image/png")
                        .header("X-Robots-Tag", "googlebot: noindex, GPTBot: noimageai"));
        hosts.route(
                "img.test",
                "/others.png",
                Answer.image(PNG, "image/png").header("X-Robots-Tag", "somebot: noai, noindex"));
        hosts.route(
                "img.test",
                "/tdm.png",
                Answer.image(PNG, "image/png").header("tdm-reservation", "1"));
        try (CheckerFixture f = checker()) {
            LinkCheck noai = f.check("http://img.test/noai.png");
            assertThat(noai.status()).isEqualTo(LinkStatus.OPTED_OUT);
            assertThat(noai.detail()).isEqualTo("X-Robots-Tag: noai");
            assertThat(f.check("http://img.test/scoped.png").detail())
                    .isEqualTo("X-Robots-Tag: gptbot: noimageai");
            assertThat(f.check("http://img.test/others.png").status()).isEqualTo(LinkStatus.OK);
            assertThat(f.check("http://img.test/tdm.png").status())
                    .isEqualTo(LinkStatus.TDM_RESERVED);
        }
    }

    @Test
    void policyFilesAreFetchedOncePerOrigin() throws Exception {
        try (CheckerFixture f = checker()) {
            for (int i = 0; i < 20; i++) {
                assertThat(f.check("http://once.test/" + i + ".png").status())
                        .isEqualTo(LinkStatus.OK);
            }
            assertThat(hosts.count("once.test", "/robots.txt")).isEqualTo(1);
            assertThat(hosts.count("once.test", "/ai.txt")).isEqualTo(1);
            assertThat(hosts.count("once.test", "/.well-known/tdmrep.json")).isEqualTo(1);
            assertThat(f.events.policyRequests.get()).isEqualTo(3);
        }
    }
}
