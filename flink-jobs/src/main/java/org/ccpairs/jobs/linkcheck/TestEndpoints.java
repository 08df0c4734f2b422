package org.ccpairs.jobs.linkcheck;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * TEST ONLY: sends the requests for some host names to a server on loopback instead of where DNS
 * says, over plain HTTP whatever the URL's scheme, and trusts that route (it is the operator's
 * explicit choice, so the address rules do not apply to it). The demo, the benchmark and the tests
 * use it to serve "the web" from loopback; {@code linkcheck.testing.endpoints} configures it and
 * the checker logs a warning when it is set. Endpoints must be loopback addresses, so even a
 * misconfiguration cannot route requests anywhere else.
 *
 * <p>Rules are {@code pattern=ip:port}: {@code img.example.org=127.0.0.1:8080} for one host, {@code
 * *.example.org=...} for its subdomains, {@code *=...} for every host; the first matching rule
 * wins.
 */
public final class TestEndpoints implements Serializable {
    private record Rule(String pattern, InetAddress address, int port) implements Serializable {
        boolean matches(String host) {
            if (pattern.equals("*")) {
                return true;
            }
            if (pattern.startsWith("*.")) {
                return host.endsWith(pattern.substring(1));
            }
            return host.equals(pattern);
        }
    }

    private final List<Rule> rules;

    private TestEndpoints(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static TestEndpoints none() {
        return new TestEndpoints(List.of());
    }

    /**
     * @throws IllegalArgumentException when a rule is not {@code pattern=ip:port} with a loopback
     *     IP
     */
    public static TestEndpoints parse(List<String> specs) {
        List<Rule> rules = new ArrayList<>();
        for (String spec : specs) {
            String s = spec.strip();
            int eq = s.indexOf('=');
            int colon = s.lastIndexOf(':');
            if (eq <= 0 || colon < eq) {
                throw new IllegalArgumentException(
                        "linkcheck.testing.endpoints: '" + spec + "' is not pattern=ip:port");
            }
            String pattern = s.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String ip = s.substring(eq + 1, colon).strip();
            if (ip.startsWith("[") && ip.endsWith("]")) {
                ip = ip.substring(1, ip.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(s.substring(colon + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "linkcheck.testing.endpoints: bad port in '" + spec + "'");
            }
            InetAddress address;
            try {
                address =
                        HostLiterals.parse(ip.contains(":") ? "[" + ip + "]" : ip)
                                .orElseThrow(() -> new IllegalArgumentException("no IP"));
            } catch (HostLiterals.InvalidLiteral | IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "linkcheck.testing.endpoints: '" + ip + "' in '" + spec + "' is not an IP");
            }
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException(
                        "linkcheck.testing.endpoints: "
                                + ip
                                + " is not a loopback address; test endpoints can only point at"
                                + " this machine");
            }
            rules.add(new Rule(pattern, address, port));
        }
        return new TestEndpoints(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Where requests for {@code host} go instead, or null when no rule matches. */
    public InetSocketAddress endpointFor(String host) {
        for (Rule r : rules) {
            if (r.matches(host)) {
                return new InetSocketAddress(r.address(), r.port());
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return rules.stream()
                .map(r -> r.pattern() + "=" + r.address().getHostAddress() + ":" + r.port())
                .toList()
                .toString();
    }
}
