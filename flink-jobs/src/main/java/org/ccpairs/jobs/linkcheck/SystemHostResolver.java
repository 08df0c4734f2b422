package org.ccpairs.jobs.linkcheck;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operating system's resolver ({@link InetAddress#getAllByName}), which blocks, on a small pool
 * of daemon threads so that the checker never waits for DNS. Java caches answers for 30 seconds by
 * default ({@code networkaddress.cache.ttl}); the checker keeps its own copy per host for {@code
 * linkcheck.dns-cache-ttl}.
 */
public final class SystemHostResolver implements HostResolver {
    private final ExecutorService pool;

    public SystemHostResolver(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.pool =
                new ThreadPoolExecutor(
                        threads,
                        threads,
                        30,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        r -> {
                            Thread t = new Thread(r, "linkcheck-dns-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
    }

    public static Factory factory(int threads) {
        return () -> new SystemHostResolver(threads);
    }

    @Override
    public CompletableFuture<List<InetAddress>> resolve(String host) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return List.of(InetAddress.getAllByName(host));
                    } catch (UnknownHostException e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                },
                pool);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
