package org.ccpairs.jobs.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.ccpairs.jobs.linkcheck.HostResolver;

/**
 * Fixed DNS answers for tests: names map to addresses (which the checker then judges like any DNS
 * answer); every other name does not resolve. Never asks a real resolver, so tests send no DNS
 * query anywhere.
 */
public final class StaticResolver implements HostResolver {
    private static final Map<String, List<InetAddress>> ANSWERS = new ConcurrentHashMap<>();
    private final Map<String, List<InetAddress>> answers;

    public StaticResolver(Map<String, List<InetAddress>> answers) {
        this.answers = Map.copyOf(answers);
    }

    /** A resolver with these answers: {@code name -> "1.2.3.4,10.0.0.1"}. */
    public static StaticResolver of(Map<String, String> answers) {
        Map<String, List<InetAddress>> parsed = new java.util.HashMap<>();
        answers.forEach((name, ips) -> parsed.put(name, addresses(ips)));
        return new StaticResolver(parsed);
    }

    /**
     * A serializable factory for the job graph; the answers are kept in a static map under {@code
     * name} (MiniCluster tasks run in the test's JVM).
     */
    public static HostResolver.Factory factory(String name, Map<String, String> answers) {
        answers.forEach((host, ips) -> ANSWERS.put(name + "/" + host, addresses(ips)));
        return () -> {
            Map<String, List<InetAddress>> mine = new java.util.HashMap<>();
            ANSWERS.forEach(
                    (k, v) -> {
                        if (k.startsWith(name + "/")) {
                            mine.put(k.substring(name.length() + 1), v);
                        }
                    });
            return new StaticResolver(mine);
        };
    }

    @Override
    public CompletableFuture<List<InetAddress>> resolve(String host) {
        List<InetAddress> a = answers.get(host);
        return a == null
                ? CompletableFuture.failedFuture(
                        new UnknownHostException(host + ": no such host (test resolver)"))
                : CompletableFuture.completedFuture(a);
    }

    private static List<InetAddress> addresses(String ips) {
        return java.util.Arrays.stream(ips.split(","))
                .map(String::strip)
                .map(
                        ip -> {
                            try {
                                // literals only: InetAddress parses them without a lookup
                                if (!ip.matches("[0-9a-fA-F:.]+")) {
                                    throw new IllegalArgumentException("not an IP literal: " + ip);
                                }
                                return InetAddress.getByName(
                                        ip.contains(":") ? "[" + ip + "]" : ip);
                            } catch (UnknownHostException e) {
                                throw new IllegalArgumentException(ip, e);
                            }
                        })
                .toList();
    }
}
