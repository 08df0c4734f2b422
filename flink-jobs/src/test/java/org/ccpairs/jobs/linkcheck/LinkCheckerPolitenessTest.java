package org.ccpairs.jobs.linkcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.model.LinkStatus;
import org.ccpairs.localstack.web.ImageHosts;
import org.ccpairs.localstack.web.ImageHosts.Answer;
import org.ccpairs.localstack.web.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Politeness on real sockets: per-host concurrency and rate, Retry-After, a hanging host, a host
 * that keeps failing, and the cache. Waits are on results, never on the clock; where time matters
 * (Retry-After, rate) the test checks the server's own receive times.
 */
class LinkCheckerPolitenessTest {
    private static final byte[] PNG = TestImages.png(32, 32);
    private ImageHosts hosts;

    @BeforeEach
    void start() throws Exception {
        hosts = ImageHosts.start();
    }

    @AfterEach
    void stop() {
        hosts.close();
    }

    @Test
    void aHostNeverSeesMoreRequestsAtOnceThanItsLimit() throws Exception {
        hosts.host("busy.test", r -> Answer.image(PNG, "image/png").delay(Duration.ofMillis(50)));
        try (CheckerFixture f =
                new CheckerFixture(
                        hosts, Map.of(), c -> c.set(LinkCheckOptions.HOST_MAX_CONCURRENT, 3))) {
            List<CompletableFuture<LinkCheck>> all = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                all.add(f.checker.check("http://busy.test/" + i + ".png").result());
            }
            for (CompletableFuture<LinkCheck> c : all) {
                assertThat(c.get(60, TimeUnit.SECONDS).status()).isEqualTo(LinkStatus.OK);
            }
            assertThat(hosts.maxConcurrency("busy.test")).isEqualTo(3);
            assertThat(f.events.throttled.get()).isPositive();
        }
    }

    @Test
    void aSlowHostDoesNotHoldUpTheOthers() throws Exception {
        hosts.host("slow.test", r -> Answer.image(PNG, "image/png").delay(Duration.ofSeconds(3)));
        hosts.host("fast.test", r -> Answer.image(PNG, "image/png"));
        try (CheckerFixture f =
                new CheckerFixture(
                        hosts,
                        Map.of(),
                        c -> {
                            c.set(LinkCheckOptions.HOST_MAX_CONCURRENT, 2);
                            c.set(LinkCheckOptions.RESPONSE_TIMEOUT, Duration.ofSeconds(10));
                            c.set(LinkCheckOptions.MAX_REQUESTS, 16);
                        })) {
            List<CompletableFuture<LinkCheck>> slow = new ArrayList<>();
            List<CompletableFuture<LinkCheck>> fast = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                // interleaved, slow first: a shared FIFO would put the fast ones behind
                slow.add(f.checker.check("http://slow.test/" + i + ".png").result());
                fast.add(f.checker.check("http://fast.test/" + i + ".png").result());
            }
            CompletableFuture.allOf(fast.toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);

            assertThat(fast).allSatisfy(c -> assertThat(c.get().status()).isEqualTo(LinkStatus.OK));
            assertThat(slow.stream().filter(CompletableFuture::isDone))
                    .as("the slow host's checks still wait while every fast one is done")
                    .hasSizeLessThan(slow.size());
            assertThat(hosts.maxConcurrency("slow.test")).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void aHostAnswering429IsPausedForItsRetryAfterAndAskedAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        hosts.route(
                "limited.test",
                "/a.png",
                r ->
                        calls.incrementAndGet() == 1
                                ? Answer.status(429).header("Retry-After", "1")
                                : Answer.image(PNG, "image/png"));
        hosts.route("limited.test", "/b.png", Answer.image(PNG, "image/png"));
        try (CheckerFixture f = new CheckerFixture(hosts, Map.of(), c -> {})) {
            CompletableFuture<LinkCheck> a = f.checker.check("http://limited.test/a.png").result();
            LinkCheck first = a.get(30, TimeUnit.SECONDS);
            LinkCheck b = f.check("http://limited.test/b.png");

            assertThat(first.status()).isEqualTo(LinkStatus.OK);
            assertThat(b.status()).isEqualTo(LinkStatus.OK);
            List<ImageHosts.Seen> seen =
                    hosts.requests("limited.test").stream()
                            .filter(r -> r.path().endsWith(".png"))
                            .toList();
            assertThat(seen)
                    .extracting(ImageHosts.Seen::path)
                    .containsExactly("/a.png", "/a.png", "/b.png");
            long pausedNanos = seen.get(1).receivedNanos() - seen.get(0).receivedNanos();
            assertThat(pausedNanos)
                    .as("the retry waited for Retry-After: 1")
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(950));
            assertThat(f.events.pauses.get()).isEqualTo(1);
        }
    }

    @Test
    void aRetryAfterLongerThanWeWaitEndsRateLimited() throws Exception {
        hosts.route("limited.test", "/a.png", Answer.status(429).header("Retry-After", "86400"));
        try (CheckerFixture f = new CheckerFixture(hosts, Map.of(), c -> {})) {
            LinkCheck c = f.check("http://limited.test/a.png");

            assertThat(c.status()).isEqualTo(LinkStatus.RATE_LIMITED);
            assertThat(c.detail()).contains("Retry-After 86400s");
            assertThat(hosts.count("limited.test", "/a.png")).isEqualTo(1);
        }
    }

    @Test
    void aHostThatHangsEndsTimeoutAndTheOthersGoOn() throws Exception {
        hosts.host(
                "hang.test", r -> r.path().endsWith(".png") ? Answer.hang() : Answer.status(404));
        hosts.host("fine.test", r -> Answer.image(PNG, "image/png"));
        try (CheckerFixture f =
                new CheckerFixture(
                        hosts,
                        Map.of(),
                        c -> {
                            c.set(LinkCheckOptions.RESPONSE_TIMEOUT, Duration.ofMillis(500));
                            c.set(LinkCheckOptions.MAX_ATTEMPTS, 2);
                        })) {
            CompletableFuture<LinkCheck> hung = f.checker.check("http://hang.test/a.png").result();
            assertThat(f.check("http://fine.test/a.png").status()).isEqualTo(LinkStatus.OK);

            LinkCheck c = hung.get(30, TimeUnit.SECONDS);
            assertThat(c.status()).isEqualTo(LinkStatus.TIMEOUT);
            assertThat(hosts.count("hang.test", "/a.png")).as("tried twice").isEqualTo(2);
        }
    }

    @Test
    void aHostThatKeepsFailingHasItsCircuitOpened() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // nothing listens there once closed
        }
        int port = closedPort;
        try (CheckerFixture f =
                new CheckerFixture(
                        hosts,
                        Map.of(),
                        c -> {
                            c.set(
                                    LinkCheckOptions.TESTING_ENDPOINTS,
                                    List.of("down.test=127.0.0.1:" + port));
                            c.set(LinkCheckOptions.MAX_ATTEMPTS, 1);
                            c.set(LinkCheckOptions.HOST_FAILURE_THRESHOLD, 3);
                            c.set(LinkCheckOptions.ROBOTS_ENABLED, false);
                            c.set(LinkCheckOptions.AI_TXT_ENABLED, false);
                            c.set(LinkCheckOptions.TDMREP_ENABLED, false);
                        })) {
            List<LinkStatus> statuses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                statuses.add(f.check("http://down.test/" + i + ".png").status());
            }

            assertThat(statuses)
                    .containsExactly(
                            LinkStatus.CONNECT_FAILURE,
                            LinkStatus.CONNECT_FAILURE,
                            LinkStatus.CONNECT_FAILURE,
                            LinkStatus.HOST_UNAVAILABLE,
                            LinkStatus.HOST_UNAVAILABLE,
                            LinkStatus.HOST_UNAVAILABLE);
            assertThat(f.events.requests.get())
                    .as("no request while the circuit is open")
                    .isEqualTo(3);
            assertThat(f.events.circuitsOpened.get()).isEqualTo(1);
        }
    }

    @Test
    void theRateOfAHostIsLimitedAndCrawlDelayLowersIt() throws Exception {
        hosts.host("rated.test", r -> Answer.image(PNG, "image/png"));
        hosts.route(
                "delayed.test",
                "/robots.txt",
                Answer.text(200, "text/plain", "User-agent: *\nCrawl-delay: 1\n"));
        hosts.host("delayed.test", r -> Answer.image(PNG, "image/png"));
        try (CheckerFixture f =
                new CheckerFixture(
                        hosts,
                        Map.of(),
                        c -> {
                            c.set(LinkCheckOptions.HOST_RATE, 10.0);
                            c.set(LinkCheckOptions.HOST_BURST, 1);
                        })) {
            List<CompletableFuture<LinkCheck>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                all.add(f.checker.check("http://rated.test/" + i + ".png").result());
                all.add(f.checker.check("http://delayed.test/" + i + ".png").result());
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);

            // measured when the checker sent them (the server's receive times can bunch up on a
            // loaded machine): 3 policy files + 6 images at 10/s are at least 8 gaps of 100 ms
            assertThat(hosts.requests("rated.test")).hasSize(9);
            assertThat(spanOf(f.events.allSentAt.get("rated.test")))
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(780));
            // Crawl-delay 1: after robots.txt, one request a second
            assertThat(f.events.imagesSentAt.get("delayed.test")).hasSize(6);
            assertThat(spanOf(f.events.imagesSentAt.get("delayed.test")))
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(4_900));
        }
    }

    @Test
    void aUrlCheckedRecentlyIsNotCheckedAgain() throws Exception {
        hosts.route(
                "logo.test",
                "/logo.png",
                Answer.image(PNG, "image/png").delay(Duration.ofMillis(200)));
        hosts.route("logo.test", "/gone.png", Answer.status(404));
        try (CheckerFixture f = new CheckerFixture(hosts, Map.of(), c -> {})) {
            // ten pages with the same logo at once: one request
            List<CompletableFuture<LinkCheck>> same = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                same.add(f.checker.check("http://logo.test/logo.png").result());
            }
            for (CompletableFuture<LinkCheck> c : same) {
                assertThat(c.get(30, TimeUnit.SECONDS).status()).isEqualTo(LinkStatus.OK);
            }
            // and later ones from the cache, for dead links too
            assertThat(f.check("http://LOGO.test:80/logo.png").status()).isEqualTo(LinkStatus.OK);
            assertThat(f.check("http://logo.test/gone.png").status())
                    .isEqualTo(LinkStatus.NOT_FOUND);
            assertThat(f.check("http://logo.test/gone.png").status())
                    .isEqualTo(LinkStatus.NOT_FOUND);

            assertThat(hosts.count("logo.test", "/logo.png")).isEqualTo(1);
            assertThat(hosts.count("logo.test", "/gone.png")).isEqualTo(1);
            assertThat(f.events.cacheHits.get()).isEqualTo(11);
            assertThat(f.events.cacheMisses.get()).isEqualTo(2);
        }
    }

    private static long spanOf(List<Long> nanos) {
        return nanos.stream().mapToLong(Long::longValue).max().orElseThrow()
                - nanos.stream().mapToLong(Long::longValue).min().orElseThrow();
    }
}
