package org.ccpairs.jobs.linkcheck;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.model.LinkStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks image URLs: fast, polite to every host, and never aimed at an address it must not reach.
 *
 * <p>All bookkeeping happens on one loop thread; HTTP runs on {@link HttpProbe}'s I/O threads and
 * DNS on the resolver's, both handing their results back to the loop. A check goes through:
 *
 * <ol>
 *   <li><b>Guard</b>: the URL must parse as http(s), use an allowed port, and an IP-literal host
 *       (in any spelling) must pass {@link AddressRules}; otherwise it ends without a request.
 *   <li><b>Cache</b>: a recent result for the same URL is reused, and a check of a URL already
 *       being checked waits for that one.
 *   <li><b>Host queue</b>: checks wait per host, first come first served. Before the first request
 *       the host is resolved (every address must pass the rules; the request goes to one of exactly
 *       those) and its origin's robots.txt, ai.txt and tdmrep.json are fetched ({@link
 *       HostPolicy}); a URL they forbid is never requested. A request goes when the host is under
 *       its concurrency limit, has a token of its rate, is not paused by a Retry-After, its circuit
 *       is closed, and the checker is under its global limit. Hosts wait independently: a slow or
 *       paused host holds only its own checks.
 *   <li><b>Requests</b>: HEAD, a ranged GET when needed ({@link Answers}), redirects followed hop
 *       by hop, each hop guarded and queued at its own host; transient failures retried with
 *       exponential backoff. With {@code linkcheck.content-hash} one plain GET per hop instead,
 *       whose whole body (up to {@code linkcheck.max-image-bytes}) is digested as it streams.
 * </ol>
 *
 * A check's future never completes exceptionally: every end is a {@link LinkStatus}.
 */
public final class LinkChecker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkChecker.class);
    private static final int POLICY_MAX_BYTES = 512 * 1024; // RFC 9309: at least 500 KiB
    private static final long POLICY_RETRY_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final long DNS_FAILURE_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** One check as its caller sees it. */
    public static final class Check {
        private final String url;
        private final CompletableFuture<LinkCheck> result = new CompletableFuture<>();
        private volatile boolean requestSent;
        private CheckTask task; // loop thread only

        private Check(String url) {
            this.url = url;
        }

        /** Completes once, with the result; never exceptionally. */
        public CompletableFuture<LinkCheck> result() {
            return result;
        }

        /** Whether a request for it (or for its URL) went out. */
        public boolean requestSent() {
            return requestSent;
        }
    }

    /** How often one request is sent again after finding its pooled connection closed. */
    private static final int MAX_STALE_RESENDS = 3;

    /** A request sequence queued at a host: a check, or the fetch of a policy file. */
    abstract static class Task {
        LinkTarget target;
        boolean head;
        int redirects;
        boolean cancelled;
        boolean throttledCounted;

        /** Times the request was sent again because a pooled connection had gone stale. */
        int staleResends;

        Future<?> inFlight;
        final Set<String> visited = new HashSet<>();
    }

    private static final class CheckTask extends Task {
        final String key;
        final List<Check> checks = new ArrayList<>(1);
        int attempt = 1;

        CheckTask(String key, LinkTarget target, boolean head) {
            this.key = key;
            this.target = target;
            this.head = head;
            visited.add(target.url());
        }
    }

    private static final class PolicyTask extends Task {
        final HostState owner;
        final HostState.OriginPolicy origin;
        final HostPolicy.File file;

        PolicyTask(
                HostState owner,
                HostState.OriginPolicy origin,
                HostPolicy.File file,
                LinkTarget target) {
            this.owner = owner;
            this.origin = origin;
            this.file = file;
            this.target = target;
            visited.add(target.url());
        }
    }

    private final LinkCheckSettings s;
    private final HostResolver resolver;
    private final LinkCheckListener listener;
    private final HttpProbe probe;
    private final AddressRules rules;
    private final ScheduledThreadPoolExecutor loop;
    private final ResultCache cache;
    private final Map<String, CheckTask> running = new HashMap<>();
    private final ArrayDeque<HostState> waitingForSlot = new ArrayDeque<>();
    private final LinkedHashMap<String, HostState> hosts = new LinkedHashMap<>(1024, 0.75f, true);
    private int active;
    private volatile int requestsInFlight;
    private volatile int checksQueued;
    private volatile int hostCount;

    public LinkChecker(
            LinkCheckSettings settings, HostResolver resolver, LinkCheckListener listener) {
        this.s = settings;
        this.resolver = resolver;
        this.listener = listener;
        this.rules = new AddressRules(settings.allowLoopback());
        this.cache = new ResultCache(settings.cacheTtl(), settings.cacheMaxEntries());
        this.loop =
                new ScheduledThreadPoolExecutor(
                        1,
                        r -> {
                            Thread t = new Thread(r, "linkcheck-loop");
                            t.setDaemon(true);
                            return t;
                        });
        loop.setRemoveOnCancelPolicy(true);
        this.probe = new HttpProbe(settings);
        if (!settings.testEndpoints().isEmpty()) {
            LOG.warn(
                    "LINK CHECKER IN TEST MODE: requests for {} go to loopback test endpoints and"
                            + " skip the address guard (linkcheck.testing.endpoints). Never use"
                            + " this in production.",
                    settings.testEndpoints());
        }
        if (settings.allowLoopback()) {
            LOG.warn(
                    "LINK CHECKER IN TEST MODE: image URLs may reach loopback addresses"
                            + " (linkcheck.testing.allow-loopback). Never use this in production.");
        }
    }

    /** Starts checking {@code url}; never throws. */
    public Check check(String url) {
        Check c = new Check(url);
        run(() -> admit(c), () -> c.result.complete(failedCheck("the checker is closed")));
        return c;
    }

    /**
     * The caller gives up on {@code check} (its own timeout): it is dropped from its host's queue,
     * and its request is cancelled unless another check of the same URL still waits for it.
     */
    public void abandon(Check check) {
        run(() -> detach(check), () -> {});
    }

    public int requestsInFlight() {
        return requestsInFlight;
    }

    public int checksQueued() {
        return checksQueued;
    }

    public int hostsTracked() {
        return hostCount;
    }

    // ---- admission -------------------------------------------------------------------------

    private void admit(Check c) {
        long nowMillis = System.currentTimeMillis();
        LinkTarget target;
        try {
            target = LinkTarget.parse(c.url);
        } catch (LinkTarget.BadUrl e) {
            c.result.complete(LinkCheck.of(LinkStatus.UNSUPPORTED_URL, e.getMessage(), nowMillis));
            return;
        }
        LinkCheck refused = refuse(target, nowMillis, "");
        if (refused != null) {
            c.result.complete(refused);
            return;
        }
        String key = target.url();
        LinkCheck cached = cache.get(key, nowMillis);
        if (cached != null) {
            listener.cacheHit();
            c.result.complete(cached);
            return;
        }
        CheckTask same = running.get(key);
        if (same != null) {
            listener.cacheHit();
            same.checks.add(c);
            c.task = same;
            c.requestSent = same.checks.get(0).requestSent;
            return;
        }
        listener.cacheMiss();
        CheckTask task = new CheckTask(key, target, Answers.startsWithHead(s));
        task.checks.add(c);
        c.task = task;
        running.put(key, task);
        enqueue(task, false);
    }

    /** The guard's answer for a target before any lookup: port and IP-literal host. */
    private LinkCheck refuse(LinkTarget t, long nowMillis, String prefix) {
        if (!s.allowedPorts().contains(t.port())) {
            return LinkCheck.of(
                    LinkStatus.BLOCKED_PORT,
                    prefix + "port " + t.port() + " is not allowed",
                    nowMillis);
        }
        if (t.literal() != null) {
            String why = rules.refusal(t.literal());
            if (why != null) {
                return LinkCheck.of(
                        LinkStatus.BLOCKED_ADDRESS,
                        prefix + t.host() + " is " + t.literal().getHostAddress() + ": " + why,
                        nowMillis);
            }
        }
        return null;
    }

    private void enqueue(Task task, boolean first) {
        HostState h = host(task.target);
        if (!first && task instanceof CheckTask c && h.waiting.size() >= s.hostMaxQueued()) {
            finish(
                    c,
                    LinkCheck.of(
                            LinkStatus.HOST_BACKLOG,
                            h.waiting.size() + " checks already wait for " + h.host,
                            System.currentTimeMillis()));
            return;
        }
        if (first) {
            h.waiting.addFirst(task);
        } else {
            h.waiting.addLast(task);
        }
        checksQueued++;
        pump(h);
    }

    private HostState host(LinkTarget target) {
        HostState h = hosts.get(target.host());
        if (h == null) {
            h = new HostState(target.host(), s.hostRate(), s.hostBurst(), System.nanoTime());
            if (target.literal() != null) {
                h.addresses = List.of(target.literal());
                h.addressesUntil = Long.MAX_VALUE;
            }
            hosts.put(target.host(), h);
            forgetIdleHosts();
            hostCount = hosts.size();
        }
        return h;
    }

    private void forgetIdleHosts() {
        var it = hosts.values().iterator();
        while (hosts.size() > s.maxHosts() && it.hasNext()) {
            if (it.next().idle()) {
                it.remove();
            }
        }
    }

    // ---- the host queue ------------------------------------------------------------------------

    /** Starts what can start at host {@code h}; see the class comment for the gates. */
    private void pump(HostState h) {
        long now = System.nanoTime();
        while (!h.waiting.isEmpty()) {
            Task t = h.waiting.peekFirst();
            if (t.cancelled) {
                dequeue(h);
                continue;
            }
            if (!h.resolved(now)) {
                if (!h.resolving) {
                    resolve(h);
                }
                return;
            }
            if (h.unusable != null) {
                dequeue(h);
                fail(t, h.unusable.status(), h.unusable.detail());
                continue;
            }
            if (t instanceof CheckTask c) {
                HostState.OriginPolicy origin = policy(h, c.target, now);
                if (origin.loading()) {
                    if (h.waiting.peekFirst() == t) {
                        return; // its policy files are being fetched
                    }
                    continue; // the policy files were queued in front of it
                }
                HostPolicy.Verdict v = origin.policy.verdict(c.target);
                if (v != null) {
                    dequeue(h);
                    finish(c, LinkCheck.of(v.status(), v.detail(), System.currentTimeMillis()));
                    continue;
                }
            }
            if (active >= s.maxRequests()) {
                if (!h.waitingForSlot) {
                    h.waitingForSlot = true;
                    waitingForSlot.add(h);
                }
                return;
            }
            HostState.Gate gate = h.gate(now, s.hostMaxConcurrent());
            switch (gate) {
                case OPEN -> {
                    dequeue(h);
                    send(h, t);
                }
                case BUSY -> {
                    throttled(t);
                    return; // an answer frees a slot and pumps again
                }
                case WAIT -> {
                    throttled(t);
                    wakeAt(h, h.reopensAt(now));
                    return;
                }
                case CIRCUIT_OPEN -> {
                    dequeue(h);
                    fail(
                            t,
                            LinkStatus.HOST_UNAVAILABLE,
                            h.host
                                    + " failed "
                                    + h.consecutiveFailures()
                                    + " times in a row (circuit open)");
                }
            }
        }
    }

    private void dequeue(HostState h) {
        h.waiting.pollFirst();
        checksQueued--;
    }

    private void throttled(Task t) {
        if (!t.throttledCounted && t instanceof CheckTask) {
            t.throttledCounted = true;
            listener.throttled();
        }
    }

    private void wakeAt(HostState h, long atNanos) {
        if (!h.wakeScheduled) {
            h.wakeScheduled = true;
            long delay = Math.max(0, atNanos - System.nanoTime());
            schedule(
                    () -> {
                        h.wakeScheduled = false;
                        pump(h);
                    },
                    delay);
        }
    }

    private void resolve(HostState h) {
        h.resolving = true;
        InetSocketAddress endpoint = s.testEndpoints().endpointFor(h.host);
        if (endpoint != null) {
            resolved(h, List.of(endpoint.getAddress()), endpoint, null);
            return;
        }
        CompletableFuture<List<InetAddress>> lookup;
        try {
            lookup = resolver.resolve(h.host);
        } catch (RuntimeException e) {
            lookup = CompletableFuture.failedFuture(e);
        }
        lookup.whenComplete(
                (addresses, failure) -> run(() -> resolved(h, addresses, null, failure), () -> {}));
    }

    private void resolved(
            HostState h,
            List<InetAddress> addresses,
            InetSocketAddress endpoint,
            Throwable failure) {
        long now = System.nanoTime();
        h.resolving = false;
        h.addresses = null;
        h.unusable = null;
        h.testEndpoint = endpoint;
        h.addressesUntil = now + s.dnsCacheTtl().toNanos();
        if (endpoint != null) {
            h.addresses = addresses; // the operator's explicit test route: trusted
            h.addressesUntil = Long.MAX_VALUE;
        } else if (failure != null || addresses == null || addresses.isEmpty()) {
            LinkStatus status = failure == null ? LinkStatus.DNS_FAILURE : Failures.status(failure);
            h.unusable =
                    new HostState.Unusable(
                            status == null ? LinkStatus.DNS_FAILURE : status,
                            h.host
                                    + " does not resolve"
                                    + (failure == null
                                            ? ""
                                            : ": " + Failures.describe(unwrap(failure))));
            h.addressesUntil = now + Math.min(DNS_FAILURE_NANOS, s.dnsCacheTtl().toNanos());
        } else {
            for (InetAddress a : addresses) {
                String why = rules.refusal(a);
                if (why != null) {
                    h.unusable =
                            new HostState.Unusable(
                                    LinkStatus.BLOCKED_ADDRESS,
                                    h.host + " resolves to " + a.getHostAddress() + ": " + why);
                    break;
                }
            }
            if (h.unusable == null) {
                h.addresses = List.copyOf(addresses);
            }
        }
        pump(h);
    }

    /** The policy of the target's origin; queues its files in front when they are missing. */
    private HostState.OriginPolicy policy(HostState h, LinkTarget target, long now) {
        String origin = target.origin();
        HostState.OriginPolicy p = h.policies.get(origin);
        if (p != null && (p.loading() || now - p.expiresNanos < 0)) {
            return p;
        }
        p = new HostState.OriginPolicy();
        h.policies.put(origin, p);
        List<HostPolicy.File> files = new ArrayList<>();
        if (s.robots()) {
            files.add(HostPolicy.File.ROBOTS);
        }
        if (s.aiTxt()) {
            files.add(HostPolicy.File.AI_TXT);
        }
        if (s.tdmRep()) {
            files.add(HostPolicy.File.TDMREP);
        }
        p.pendingFiles = files.size();
        p.expiresNanos = now + s.policyTtl().toNanos();
        for (int i = files.size() - 1; i >= 0; i--) {
            HostPolicy.File f = files.get(i);
            PolicyTask task = new PolicyTask(h, p, f, withPath(target, f.path));
            task.head = false;
            h.waiting.addFirst(task);
            checksQueued++;
        }
        return p;
    }

    private static LinkTarget withPath(LinkTarget t, String path) {
        return new LinkTarget(t.scheme(), t.host(), t.literal(), t.port(), path);
    }

    // ---- requests
    // --------------------------------------------------------------------------------

    private void send(HostState h, Task t) {
        active++;
        h.active++;
        requestsInFlight = active;
        InetSocketAddress endpoint = h.testEndpoint;
        InetAddress address = endpoint != null ? endpoint.getAddress() : h.addresses.get(0);
        int port = endpoint != null ? endpoint.getPort() : t.target.port();
        boolean plaintext = endpoint != null || !t.target.https();
        int maxBytes = t.head ? 0 : (t instanceof PolicyTask ? POLICY_MAX_BYTES : s.sniffBytes());
        long hashLimit =
                t instanceof CheckTask && !t.head && s.contentHash() ? s.maxImageBytes() : 0;
        if (t instanceof CheckTask c) {
            c.checks.forEach(check -> check.requestSent = true);
        }
        listener.requestSent(h.host, t instanceof PolicyTask);
        try {
            t.inFlight =
                    probe.send(
                            new HttpProbe.Request(
                                    t.head ? "HEAD" : "GET",
                                    t.target,
                                    address,
                                    port,
                                    plaintext,
                                    maxBytes,
                                    hashLimit),
                            (response, failure) ->
                                    run(() -> answered(h, t, response, failure), () -> {}));
        } catch (RuntimeException e) {
            answered(h, t, null, e);
        }
    }

    private void answered(HostState h, Task t, HttpProbe.Response response, Exception failure) {
        active--;
        h.active--;
        requestsInFlight = active;
        t.inFlight = null;
        try {
            if (t.cancelled || failure instanceof CancellationException) {
                return;
            }
            long now = System.nanoTime();
            if (failure != null
                    && unwrap(failure) instanceof RequestNotExecutedException
                    && t.staleResends < MAX_STALE_RESENDS) {
                // the pooled connection was closed by the server before our request went out (a
                // keep-alive race): nothing reached the host, so this is neither an attempt nor a
                // failure of the host; send it again at the head of its queue
                t.staleResends++;
                enqueue(t, true);
                return;
            }
            if (failure != null) {
                LinkStatus status = Failures.status(failure);
                if (status == null) {
                    LOG.warn("link check of {} failed unexpectedly", t.target.url(), failure);
                    fail(t, LinkStatus.CHECK_FAILED, Failures.describe(failure));
                    return;
                }
                hostFailed(h, now);
                retryOrFail(t, status, null, Failures.describe(unwrap(failure)), false);
                return;
            }
            listener.answered(response.latencyNanos());
            if (response.status() < 500 && response.status() != 429) {
                h.succeeded();
            }
            if (t instanceof PolicyTask p) {
                policyAnswered(h, p, response);
            } else {
                checkAnswered(h, (CheckTask) t, response);
            }
        } finally {
            pump(h);
            while (active < s.maxRequests() && !waitingForSlot.isEmpty()) {
                HostState w = waitingForSlot.poll();
                w.waitingForSlot = false;
                pump(w);
            }
        }
    }

    private void checkAnswered(HostState h, CheckTask c, HttpProbe.Response response) {
        Answers.Decision d =
                Answers.decide(c.head, response, c.target, s, System.currentTimeMillis());
        if (d instanceof Answers.Done done) {
            finish(c, done.result());
        } else if (d instanceof Answers.Sniff) {
            c.head = false;
            enqueue(c, true);
        } else if (d instanceof Answers.Redirect r) {
            follow(c, r.location(), r.status());
        } else if (d instanceof Answers.Retry r) {
            if (r.pauseHost() != null) {
                h.pause(System.nanoTime() + r.pauseHost().toNanos());
                listener.hostPaused(h.host);
            } else {
                hostFailed(h, System.nanoTime());
            }
            retryOrFail(c, r.status(), r.httpStatus(), r.detail(), r.giveUp());
        }
    }

    private void follow(Task t, String location, int status) {
        long nowMillis = System.currentTimeMillis();
        LinkTarget next;
        try {
            next = t.target.resolve(location);
        } catch (LinkTarget.BadUrl e) {
            fail(
                    t,
                    LinkStatus.BAD_REDIRECT,
                    "HTTP " + status + " to '" + location + "': " + e.getMessage());
            return;
        }
        if (++t.redirects > (t instanceof PolicyTask ? 5 : s.maxRedirects())) {
            fail(
                    t,
                    LinkStatus.TOO_MANY_REDIRECTS,
                    "more than " + s.maxRedirects() + " redirects, last to " + next.url());
            return;
        }
        if (!t.visited.add(next.url())) {
            fail(t, LinkStatus.REDIRECT_LOOP, "redirected back to " + next.url());
            return;
        }
        LinkCheck refused = refuse(next, nowMillis, "redirect to " + next.url() + ": ");
        if (refused != null) {
            fail(t, refused.status(), refused.detail());
            return;
        }
        t.target = next;
        if (t instanceof CheckTask) {
            t.head = Answers.startsWithHead(s);
        }
        enqueue(t, true);
    }

    private void retryOrFail(
            Task t, LinkStatus status, Integer httpStatus, String detail, boolean giveUp) {
        if (t instanceof CheckTask c && !giveUp && c.attempt < s.maxAttempts()) {
            long delay = s.retryBackoff().toNanos() << Math.min(c.attempt - 1, 16);
            c.attempt++;
            listener.retried();
            schedule(
                    () -> {
                        if (!c.cancelled) {
                            enqueue(c, true);
                        }
                    },
                    delay);
            return;
        }
        if (t instanceof CheckTask c && httpStatus != null) {
            finish(
                    c,
                    new LinkCheck(
                            status,
                            httpStatus,
                            c.target.url(),
                            null,
                            null,
                            null,
                            null,
                            null,
                            System.currentTimeMillis(),
                            detail));
            return;
        }
        fail(t, status, detail);
    }

    private void hostFailed(HostState h, long now) {
        if (h.failed(now, s.hostFailureThreshold(), s.hostCircuitOpenTime().toNanos())) {
            listener.circuitOpened(h.host);
            LOG.info(
                    "link checks of {}: circuit open for {} after {} failures in a row",
                    h.host,
                    s.hostCircuitOpenTime(),
                    h.consecutiveFailures());
        }
    }

    // ---- policy files
    // ----------------------------------------------------------------------------

    private void policyAnswered(HostState h, PolicyTask p, HttpProbe.Response r) {
        int code = r.status();
        if (code >= 300 && code < 400 && r.header("location") != null) {
            follow(p, r.header("location"), code);
            return;
        }
        if (code >= 200 && code < 300) {
            String contentType = Answers.mediaType(r.header("content-type"));
            switch (p.file) {
                case ROBOTS, AI_TXT ->
                        p.origin.policy.rulesFile(
                                p.file, p.target.url(), r.body(), contentType, s.agents());
                case TDMREP -> p.origin.policy.tdmRep(r.body());
            }
        } else if (p.file == HostPolicy.File.ROBOTS) {
            p.origin.policy.robotsFailed(code);
        }
        policyFileDone(p);
    }

    /** One policy file is settled; when all are, the origin's checks may go on. */
    private void policyFileDone(PolicyTask p) {
        HostState h = p.owner;
        HostState.OriginPolicy origin = p.origin;
        origin.pendingFiles--;
        if (!origin.loading()) {
            if (origin.policy.robotsUnavailable()) {
                origin.expiresNanos =
                        Math.min(origin.expiresNanos, System.nanoTime() + POLICY_RETRY_NANOS);
            }
            long delay = Math.min(origin.policy.crawlDelayMillis(), s.maxCrawlDelay().toMillis());
            if (delay > 0) {
                h.bucket.limitTo(1000.0 / delay);
            }
            // the file may have been answered at another host (a redirect): pump the owner
            run(() -> pump(h), () -> {});
        }
    }

    // ---- endings
    // ---------------------------------------------------------------------------------

    /** Ends a task that got no usable answer. */
    private void fail(Task t, LinkStatus status, String detail) {
        if (t instanceof CheckTask c) {
            finish(c, LinkCheck.of(status, detail, System.currentTimeMillis()));
        } else if (t instanceof PolicyTask p) {
            if (p.file == HostPolicy.File.ROBOTS) {
                p.origin.policy.robotsUnreachable(status, detail);
            }
            policyFileDone(p);
        }
    }

    private void finish(CheckTask c, LinkCheck result) {
        if (running.get(c.key) == c) {
            running.remove(c.key);
        }
        cache.put(c.key, result);
        for (Check check : c.checks) {
            check.task = null;
            check.result.complete(result);
        }
        c.checks.clear();
    }

    private void detach(Check check) {
        CheckTask t = check.task;
        if (t == null) {
            return;
        }
        check.task = null;
        t.checks.remove(check);
        if (t.checks.isEmpty()) {
            t.cancelled = true;
            if (running.get(t.key) == t) {
                running.remove(t.key);
            }
            if (t.inFlight != null) {
                t.inFlight.cancel(true);
            }
        }
    }

    private static LinkCheck failedCheck(String detail) {
        return LinkCheck.of(LinkStatus.CHECK_FAILED, detail, System.currentTimeMillis());
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null
                ? t.getCause()
                : t;
    }

    // ---- the loop
    // --------------------------------------------------------------------------------

    /** Runs {@code work} on the loop; a bug in it is logged, never lost. */
    private void run(Runnable work, Runnable ifClosed) {
        try {
            loop.execute(guarded(work));
        } catch (RejectedExecutionException e) {
            ifClosed.run();
        }
    }

    private void schedule(Runnable work, long delayNanos) {
        try {
            loop.schedule(guarded(work), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private static Runnable guarded(Runnable work) {
        return () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.error(
                        "link checker bug; the checks involved end CHECK_FAILED at their timeout",
                        e);
            }
        };
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            probe.close();
        } finally {
            resolver.close();
        }
    }
}
