package org.ccpairs.jobs.linkcheck;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.model.LinkStatus;
import org.ccpairs.jobs.model.Pair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link check as a Flink async function: hands each pair's image URL to a {@link LinkChecker}
 * (created in {@link #open}, closed in {@link #close}) and emits the pair with the result. Used
 * with {@code AsyncDataStream.unorderedWait} on a stream keyed by host, so all checks of a host go
 * through one checker and its politeness limits hold for the whole job.
 *
 * <p>Nothing here throws: a bug in the checker ends the check {@code CHECK_FAILED}, and {@link
 * #timeout} (the check took longer than {@code linkcheck.check-timeout}) emits {@code TIMEOUT} — or
 * {@code HOST_BACKLOG} when no request had been sent — instead of failing the job. Pairs in flight
 * are in the async operator's checkpointed state and are checked again after a restore.
 */
public class LinkCheckFunction extends RichAsyncFunction<Pair, Pair> {
    private static final Logger LOG = LoggerFactory.getLogger(LinkCheckFunction.class);

    private final LinkCheckSettings settings;
    private final HostResolver.Factory resolvers;
    private transient LinkChecker checker;
    private transient Map<ResultFuture<Pair>, LinkChecker.Check> running;

    public LinkCheckFunction(LinkCheckSettings settings, HostResolver.Factory resolvers) {
        this.settings = settings;
        this.resolvers = resolvers;
    }

    @Override
    public void open(OpenContext openContext) {
        LinkCheckMetrics metrics = new LinkCheckMetrics(getRuntimeContext().getMetricGroup());
        checker = new LinkChecker(settings, resolvers.create(), metrics);
        metrics.watch(getRuntimeContext().getMetricGroup(), checker);
        running = new ConcurrentHashMap<>();
    }

    @Override
    public void asyncInvoke(Pair pair, ResultFuture<Pair> result) {
        LinkChecker.Check check;
        try {
            check = checker.check(pair.imageUrl());
        } catch (RuntimeException e) {
            LOG.warn("link check of {} failed unexpectedly", pair.imageUrl(), e);
            complete(
                    result,
                    pair,
                    LinkCheck.of(
                            LinkStatus.CHECK_FAILED, e.toString(), System.currentTimeMillis()));
            return;
        }
        running.put(result, check);
        check.result()
                .thenAccept(
                        checked -> {
                            if (running.remove(result) != null) {
                                complete(result, pair, checked);
                            }
                        });
    }

    @Override
    public void timeout(Pair pair, ResultFuture<Pair> result) {
        LinkChecker.Check check = running.remove(result);
        boolean sent = check != null && check.requestSent();
        if (check != null) {
            checker.abandon(check);
        }
        LinkStatus status = sent ? LinkStatus.TIMEOUT : LinkStatus.HOST_BACKLOG;
        complete(
                result,
                pair,
                LinkCheck.of(
                        status,
                        (sent ? "no answer" : "still waiting for its host")
                                + " after linkcheck.check-timeout ("
                                + settings.checkTimeout()
                                + ")",
                        System.currentTimeMillis()));
    }

    private static void complete(ResultFuture<Pair> result, Pair pair, LinkCheck checked) {
        result.complete(List.of(pair.withLinkCheck(checked)));
    }

    @Override
    public void close() {
        if (checker != null) {
            checker.close();
        }
    }
}
