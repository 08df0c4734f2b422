package org.ccpairs.jobs.linkcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.model.LinkStatus;
import org.ccpairs.localstack.web.ImageHosts;
import org.ccpairs.localstack.web.ImageHosts.Answer;
import org.ccpairs.localstack.web.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SSRF guard on real sockets. A server listens on 127.0.0.1 and answers everything with an
 * image; every spelling of a loopback, private, link-local or otherwise internal address is checked
 * against it, directly, through DNS answers and through redirects, and the server's own request
 * count proves that not one of them reached it. A control URL routed there through the test
 * endpoints shows that the server does answer.
 */
class SsrfGuardTest {
    private ImageHosts server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = ImageHosts.start();
        server.fallback(r -> Answer.image(TestImages.png(16, 16), "image/png"));
        port = server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Hosts that must be refused, each in a URL on the server's port. */
    private List<String> internalSpellings() {
        return List.of(
                // loopback, every way a browser reads it
                "127.0.0.1",
                "127.1",
                "127.0.1",
                "127.000.000.001",
                "0177.0.0.1",
                "0177.0.0.01",
                "0x7f.0.0.1",
                "0x7f.1",
                "0X7F.0.0.1",
                "0x7f000001",
                "2130706433",
                "017700000001",
                "127.255.255.254",
                "127.0.0.1.",
                "%31%32%37.0.0.1",
                "１２７.０.０.１",
                "127。0。0。1",
                "[::1]",
                "[0:0:0:0:0:0:0:1]",
                "[0000::0001]",
                "[::ffff:127.0.0.1]",
                "[::ffff:7f00:1]",
                "[0:0:0:0:0:ffff:127.0.0.1]",
                "[::127.0.0.1]",
                "[64:ff9b::127.0.0.1]",
                "[2002:7f00:1::]",
                // this host, unspecified
                "0.0.0.0",
                "0",
                "0x0",
                "[::]",
                // cloud metadata and link-local
                "169.254.169.254",
                "0xa9fea9fe",
                "2852039166",
                "0251.0376.0251.0376",
                "[::ffff:169.254.169.254]",
                "[fe80::1]",
                "[fe80::1%25eth0]",
                "169.254.0.1",
                // private ranges
                "10.0.0.1",
                "10.255.255.255",
                "012.0.0.1",
                "0xa000001",
                "167772161",
                "172.16.0.1",
                "172.31.255.254",
                "192.168.0.1",
                "192.168.1.1",
                "[::ffff:10.0.0.1]",
                "[::ffff:192.168.0.1]",
                "[fc00::1]",
                "[fd12:3456::1]",
                // CGNAT, multicast, broadcast, reserved, benchmarking, documentation
                "100.64.0.1",
                "100.127.255.254",
                "224.0.0.1",
                "239.255.255.250",
                "[ff02::1]",
                "255.255.255.255",
                "240.0.0.1",
                "198.18.0.1",
                "192.0.2.1",
                "[2001:db8::1]",
                "192.0.0.8",
                "[fec0::1]",
                // user info and fragments that try to smuggle the real host
                "example.test@127.0.0.1",
                "user:pass@169.254.169.254");
    }

    @Test
    void everyInternalAddressIsRefusedAndNoRequestReachesTheServer() throws Exception {
        try (CheckerFixture f =
                new CheckerFixture(
                        server,
                        Map.of(
                                // what a hostile DNS could answer
                                "localhost", "127.0.0.1",
                                "metadata.google.internal", "169.254.169.254",
                                "rebind.example", "93.184.216.34,10.0.0.7",
                                "six.example", "::1",
                                "mapped.example", "::ffff:127.0.0.1",
                                "nat64.example", "64:ff9b::a9fe:a9fe",
                                "cluster.example", "10.96.0.1"),
                        c -> c.set(LinkCheckOptions.ALLOWED_PORTS, List.of(80, 443, port)))) {
            List<String> urls = new ArrayList<>();
            for (String host : internalSpellings()) {
                urls.add("http://" + host + ":" + port + "/secret.png");
            }
            Stream.of(
                            "localhost",
                            "LOCALHOST",
                            "localhost.",
                            "metadata.google.internal",
                            "rebind.example",
                            "six.example",
                            "mapped.example",
                            "nat64.example",
                            "cluster.example")
                    .forEach(h -> urls.add("http://" + h + ":" + port + "/secret.png"));
            urls.add("https://127.0.0.1:" + port + "/secret.png");
            assertThat(urls).hasSizeGreaterThan(70);

            for (String url : urls) {
                LinkCheck c = f.check(url);
                assertThat(c.status())
                        .as("%s (%s)", url, c.detail())
                        .isEqualTo(LinkStatus.BLOCKED_ADDRESS);
            }
            assertThat(server.requests()).as("requests that reached the server").isEmpty();
            assertThat(f.events.requests.get()).isZero();

            // the control: a name routed to the same server by the test endpoints is answered
            assertThat(f.check("http://control.test/ok.png").status()).isEqualTo(LinkStatus.OK);
            assertThat(server.requests()).extracting(ImageHosts.Seen::path).contains("/ok.png");
        }
    }

    @Test
    void redirectsIntoInternalAddressesAreRefusedAtTheHop() throws Exception {
        server.route(
                "evil.test",
                "/a.png",
                Answer.redirect(302, "http://127.0.0.1:" + port + "/secret.png"));
        server.route(
                "evil.test",
                "/b.png",
                Answer.redirect(301, "http://metadata.google.internal/computeMetadata/v1/"));
        server.route(
                "evil.test",
                "/c.png",
                Answer.redirect(307, "http://[::ffff:7f00:1]:" + port + "/secret.png"));
        server.route(
                "evil.test",
                "/d.png",
                Answer.redirect(302, "http://0x7f000001:" + port + "/secret.png"));
        server.route("evil.test", "/e.png", Answer.redirect(302, "http://evil.test:22/"));
        try (CheckerFixture f =
                new CheckerFixture(
                        server,
                        Map.of("metadata.google.internal", "169.254.169.254"),
                        c -> c.set(LinkCheckOptions.ALLOWED_PORTS, List.of(80, 443, port)))) {
            for (String p : List.of("/a.png", "/b.png", "/c.png", "/d.png")) {
                LinkCheck c = f.check("http://evil.test" + p);
                assertThat(c.status())
                        .as(p + ": " + c.detail())
                        .isEqualTo(LinkStatus.BLOCKED_ADDRESS);
                assertThat(c.detail()).as(p).containsAnyOf("redirect to", "resolves to");
            }
            assertThat(f.check("http://evil.test/e.png").status())
                    .isEqualTo(LinkStatus.BLOCKED_PORT);
            assertThat(server.requests())
                    .as("only the redirecting host was asked, never the targets")
                    .allSatisfy(r -> assertThat(r.host()).isEqualTo("evil.test"));
        }
    }

    @Test
    void allowLoopbackLetsTestsReachLoopbackButNothingElse() throws Exception {
        try (CheckerFixture f =
                new CheckerFixture(
                        server,
                        Map.of(),
                        c -> {
                            c.set(LinkCheckOptions.TESTING_ALLOW_LOOPBACK, true);
                            c.set(LinkCheckOptions.ALLOWED_PORTS, List.of(port));
                        })) {
            assertThat(f.check("http://127.0.0.1:" + port + "/a.png").status())
                    .isEqualTo(LinkStatus.OK);
            assertThat(f.check("http://10.0.0.1:" + port + "/a.png").status())
                    .isEqualTo(LinkStatus.BLOCKED_ADDRESS);
            assertThat(f.check("http://169.254.169.254:" + port + "/a.png").status())
                    .isEqualTo(LinkStatus.BLOCKED_ADDRESS);
        }
    }
}
