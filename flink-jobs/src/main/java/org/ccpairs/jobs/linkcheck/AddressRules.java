package org.ccpairs.jobs.linkcheck;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Which addresses the link checker never connects to: everything that is not a public unicast
 * address on the internet. A request there could reach the machine itself, the cluster's services
 * or the cloud's metadata endpoint (169.254.169.254) instead of a web server; this is the SSRF
 * guard's table. IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4) are judged by the
 * address they embed.
 */
public final class AddressRules {
    private final boolean allowLoopback;

    /**
     * @param allowLoopback let loopback addresses through (tests and the demo only; see {@code
     *     linkcheck.testing.allow-loopback})
     */
    public AddressRules(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** Why {@code address} is refused, e.g. {@code private (10.0.0.0/8)}, or null when allowed. */
    public String refusal(InetAddress address) {
        String why = classify(address);
        if (why == null || (allowLoopback && why.contains("loopback ("))) {
            return null;
        }
        return why;
    }

    private static String classify(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4(b);
        }
        if (address instanceof Inet6Address) {
            return ipv6(b);
        }
        return "unknown address family";
    }

    private static String ipv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 0) {
            return "unspecified (0.0.0.0/8)";
        }
        if (a0 == 127) {
            return "loopback (127.0.0.0/8)";
        }
        if (a0 == 10) {
            return "private (10.0.0.0/8)";
        }
        if (a0 == 172 && a1 >= 16 && a1 < 32) {
            return "private (172.16.0.0/12)";
        }
        if (a0 == 192 && a1 == 168) {
            return "private (192.168.0.0/16)";
        }
        if (a0 == 100 && a1 >= 64 && a1 < 128) {
            return "shared address space, CGNAT (100.64.0.0/10)";
        }
        if (a0 == 169 && a1 == 254) {
            return "link-local, incl. cloud metadata (169.254.0.0/16)";
        }
        if (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) {
            return "IETF protocol assignments (192.0.0.0/24)";
        }
        if ((a0 == 192 && a1 == 0 && (b[2] & 0xff) == 2)
                || (a0 == 198 && a1 == 51 && (b[2] & 0xff) == 100)
                || (a0 == 203 && a1 == 0 && (b[2] & 0xff) == 113)) {
            return "documentation (TEST-NET)";
        }
        if (a0 == 198 && (a1 == 18 || a1 == 19)) {
            return "benchmarking (198.18.0.0/15)";
        }
        if (a0 == 192 && a1 == 88 && (b[2] & 0xff) == 99) {
            return "6to4 relay anycast (192.88.99.0/24)";
        }
        if (a0 >= 224 && a0 < 240) {
            return "multicast (224.0.0.0/4)";
        }
        if (a0 == 255 && a1 == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255) {
            return "broadcast (255.255.255.255)";
        }
        if (a0 >= 240) {
            return "reserved (240.0.0.0/4)";
        }
        return null;
    }

    private static String ipv6(byte[] b) {
        if (isZero(b, 0, 16)) {
            return "unspecified (::)";
        }
        if (isZero(b, 0, 15) && b[15] == 1) {
            return "loopback (::1)";
        }
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded("IPv4-mapped", b, 12);
        }
        if (isZero(b, 0, 12)) {
            String inner = ipv4(Arrays.copyOfRange(b, 12, 16));
            return "IPv4-compatible (::/96, deprecated)" + (inner == null ? "" : " of " + inner);
        }
        int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (w0 == 0x64 && w1 == 0xff9b && isZero(b, 4, 12)) {
            return embedded("NAT64", b, 12);
        }
        if (w0 == 0x64 && w1 == 0xff9b) {
            return "local-use NAT64 (64:ff9b:1::/48)";
        }
        if (w0 == 0x2002) {
            return embedded("6to4", b, 2);
        }
        if (w0 == 0x2001 && w1 == 0) {
            return "Teredo (2001::/32)";
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return "documentation (2001:db8::/32)";
        }
        if (w0 == 0x0100 && isZero(b, 2, 8)) {
            return "discard-only (100::/64)";
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return "unique local (fc00::/7)";
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return "link-local (fe80::/10)";
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return "site-local (fec0::/10, deprecated)";
        }
        if ((b[0] & 0xff) == 0xff) {
            return "multicast (ff00::/8)";
        }
        if ((b[0] & 0xe0) != 0x20) {
            return "not global unicast (outside 2000::/3)";
        }
        return null;
    }

    /** An IPv6 form that carries an IPv4 address: refused when the IPv4 address is. */
    private static String embedded(String form, byte[] b, int offset) {
        byte[] v4 = Arrays.copyOfRange(b, offset, offset + 4);
        String inner = ipv4(v4);
        if (inner == null) {
            return null;
        }
        try {
            return form + " " + InetAddress.getByAddress(v4).getHostAddress() + ": " + inner;
        } catch (UnknownHostException e) {
            return form + ": " + inner;
        }
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
