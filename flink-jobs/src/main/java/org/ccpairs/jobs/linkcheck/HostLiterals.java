package org.ccpairs.jobs.linkcheck;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Host names that are really IP addresses, spelt in every way a browser (the WHATWG URL standard)
 * accepts: {@code 127.0.0.1}, {@code 2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1}, {@code
 * 127.1}, {@code 0x7f.1}, and IPv6 literals in brackets. Parsing them here, without any resolver,
 * means a numeric trick can never reach DNS or slip past the address rules.
 */
final class HostLiterals {
    private HostLiterals() {}

    /** Thrown for a host that looks numeric but is no valid address (e.g. {@code 256.1.1.1}). */
    static final class InvalidLiteral extends Exception {
        InvalidLiteral(String message) {
            super(message);
        }
    }

    /**
     * The address {@code host} spells, or empty when it is a name. {@code host} is an ASCII, lower
     * case host as it appears in a URL, IPv6 literals with their brackets.
     *
     * @throws InvalidLiteral when the host must be an address by the URL standard's rules (an IPv6
     *     literal, or a last label that is a number) but is not a valid one
     */
    static Optional<InetAddress> parse(String host) throws InvalidLiteral {
        if (host.startsWith("[")) {
            if (!host.endsWith("]")) {
                throw new InvalidLiteral("unterminated IPv6 literal " + host);
            }
            return Optional.of(ipv6(host.substring(1, host.length() - 1)));
        }
        String[] parts = host.split("\\.", -1);
        int n = parts.length;
        if (n > 1 && parts[n - 1].isEmpty()) {
            n--; // one trailing dot is allowed
        }
        if (n == 0 || !isNumber(parts[n - 1])) {
            return Optional.empty();
        }
        if (n > 4) {
            throw new InvalidLiteral("more than four parts in IPv4 address " + host);
        }
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = number(parts[i], host);
        }
        for (int i = 0; i < n - 1; i++) {
            if (values[i] > 255) {
                throw new InvalidLiteral("IPv4 part above 255 in " + host);
            }
        }
        long last = values[n - 1];
        if (last >= 1L << (8 * (5 - n))) {
            throw new InvalidLiteral("IPv4 address out of range: " + host);
        }
        long ipv4 = last;
        for (int i = 0; i < n - 1; i++) {
            ipv4 += values[i] << (8 * (3 - i));
        }
        byte[] bytes = {
            (byte) (ipv4 >>> 24), (byte) (ipv4 >>> 16), (byte) (ipv4 >>> 8), (byte) ipv4
        };
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    /** Whether a label counts as a number: decimal digits, or 0x followed by hex digits. */
    private static boolean isNumber(String label) {
        if (label.isEmpty()) {
            return false;
        }
        if (label.startsWith("0x")) {
            return label.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
        }
        return label.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static long number(String part, String host) throws InvalidLiteral {
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty()) {
            return 0; // "0x" alone is zero
        }
        if (digits.length() > 16) {
            throw new InvalidLiteral("IPv4 part too long in " + host);
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw new InvalidLiteral("not an IPv4 number: '" + part + "' in " + host);
        }
    }

    private static InetAddress ipv6(String literal) throws InvalidLiteral {
        String text = literal;
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone); // a zone id only makes sense for link-local addresses
        }
        if (text.isEmpty()
                || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
                || text.indexOf(':') < 0) {
            throw new InvalidLiteral("not an IPv6 address: [" + literal + "]");
        }
        try {
            // in brackets the JDK parses a literal or fails; it never falls back to a DNS lookup
            return InetAddress.getByName("[" + text + "]");
        } catch (UnknownHostException e) {
            throw new InvalidLiteral("not an IPv6 address: [" + literal + "]");
        }
    }
}
