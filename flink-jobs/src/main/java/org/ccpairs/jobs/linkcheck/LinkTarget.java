package org.ccpairs.jobs.linkcheck;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An image URL taken apart the way a browser does it (WHATWG URL rules where they matter for
 * safety): the host is percent-decoded, mapped to ASCII (IDNA, which also folds full-width digits
 * and dots), lower-cased, and recognised as an IP address in any numeric spelling; user info is
 * dropped, the fragment too, and characters that may not appear in a request line are
 * percent-encoded. What is requested is exactly {@link #url()}.
 *
 * @param scheme {@code http} or {@code https}
 * @param host the ASCII host without a trailing dot, IPv6 literals in brackets
 * @param literal the address when the host is an IP literal, else null
 * @param port the port, the scheme's default when the URL has none
 * @param pathAndQuery what goes into the request line, starting with {@code /}
 */
public record LinkTarget(
        String scheme, String host, InetAddress literal, int port, String pathAndQuery) {

    /** Why a URL could not be parsed; the message is the detail of {@code UNSUPPORTED_URL}. */
    public static final class BadUrl extends Exception {
        BadUrl(String message) {
            super(message);
        }
    }

    private static final String UNRESERVED_EXTRA = "-._~!$&'()*+,;=:@/?%[]";

    /**
     * @throws BadUrl when {@code url} is not an absolute http(s) URL with a valid host and port
     */
    public static LinkTarget parse(String url) throws BadUrl {
        if (url == null) {
            throw new BadUrl("no URL");
        }
        String s = url.strip();
        int colon = s.indexOf(':');
        if (colon <= 0) {
            throw new BadUrl("not an absolute URL");
        }
        String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BadUrl("scheme '" + scheme + "' is not http or https");
        }
        int i = colon + 1;
        while (i < s.length() && (s.charAt(i) == '/' || s.charAt(i) == '\\')) {
            i++; // browsers accept any number of slashes, and backslashes, for http(s)
        }
        int end = i;
        while (end < s.length() && "/\\?#".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        String authority = s.substring(i, end);
        String rest = s.substring(end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1); // never sent, and a classic way to confuse
        }
        String rawHost;
        String rawPort = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new BadUrl("unterminated IPv6 literal");
            }
            rawHost = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (after.startsWith(":")) {
                rawPort = after.substring(1);
            } else if (!after.isEmpty()) {
                throw new BadUrl("junk after IPv6 literal");
            }
        } else {
            int portColon = authority.lastIndexOf(':');
            rawHost = portColon >= 0 ? authority.substring(0, portColon) : authority;
            rawPort = portColon >= 0 ? authority.substring(portColon + 1) : null;
        }
        String host = asciiHost(rawHost);
        InetAddress literal;
        try {
            literal = HostLiterals.parse(host).orElse(null);
        } catch (HostLiterals.InvalidLiteral e) {
            throw new BadUrl(e.getMessage());
        }
        int port = port(rawPort, scheme);
        return new LinkTarget(scheme, host, literal, port, pathAndQuery(rest));
    }

    /**
     * The politeness key of an image URL: its host as {@link #parse} finds it, or the empty string
     * for a URL that does not parse (those all end {@code UNSUPPORTED_URL}, wherever they go).
     */
    public static String hostKey(String url) {
        try {
            return parse(url).host();
        } catch (BadUrl e) {
            return "";
        }
    }

    public boolean https() {
        return scheme.equals("https");
    }

    public boolean defaultPort() {
        return port == (https() ? 443 : 80);
    }

    /** {@code scheme://host[:port]}: what robots.txt and the other policy files belong to. */
    public String origin() {
        return scheme + "://" + host + (defaultPort() ? "" : ":" + port);
    }

    /** The URL that is requested. */
    public String url() {
        return origin() + pathAndQuery;
    }

    /** The path without the query, for policy rules. */
    public String path() {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    /** The target of a redirect's Location, resolved against this URL. */
    public LinkTarget resolve(String location) throws BadUrl {
        String l = location.strip();
        if (l.isEmpty()) {
            throw new BadUrl("empty Location");
        }
        int colon = l.indexOf(':');
        int slash = l.indexOf('/');
        boolean hasScheme =
                colon > 0
                        && (slash < 0 || colon < slash)
                        && l.substring(0, colon)
                                .chars()
                                .allMatch(
                                        c ->
                                                Character.isLetterOrDigit(c)
                                                        || c == '+'
                                                        || c == '-'
                                                        || c == '.');
        if (hasScheme) {
            return parse(l);
        }
        if (l.startsWith("//") || l.startsWith("\\\\")) {
            return parse(scheme + ":" + l);
        }
        if (l.startsWith("/") || l.startsWith("\\")) {
            return parse(origin() + l);
        }
        if (l.startsWith("?")) {
            return parse(origin() + path() + l);
        }
        String p = path();
        return parse(origin() + p.substring(0, p.lastIndexOf('/') + 1) + l);
    }

    private static String asciiHost(String raw) throws BadUrl {
        if (raw.isEmpty()) {
            throw new BadUrl("no host");
        }
        String decoded = percentDecode(raw);
        if (decoded.startsWith("[")) {
            return decoded.toLowerCase(Locale.ROOT);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(decoded, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new BadUrl("host is not a valid domain name: " + e.getMessage());
        }
        ascii = ascii.toLowerCase(Locale.ROOT);
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.isEmpty()
                || !ascii.chars()
                        .allMatch(
                                c -> c > 0x20 && c < 0x7f && "/\\?#@:[]%<>^|\" ".indexOf(c) < 0)) {
            throw new BadUrl("host '" + raw + "' has characters a host name cannot have");
        }
        return ascii;
    }

    private static int port(String raw, String scheme) throws BadUrl {
        if (raw == null || raw.isEmpty()) {
            return scheme.equals("https") ? 443 : 80;
        }
        if (raw.length() > 5 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadUrl("invalid port '" + raw + "'");
        }
        int port = Integer.parseInt(raw);
        if (port == 0 || port > 65535) {
            throw new BadUrl("invalid port " + port);
        }
        return port;
    }

    /** Path and query, with the fragment dropped and unsafe characters percent-encoded. */
    private static String pathAndQuery(String rest) {
        int hash = rest.indexOf('#');
        String r = hash >= 0 ? rest.substring(0, hash) : rest;
        StringBuilder out = new StringBuilder(r.length() + 8);
        boolean inQuery = false;
        if (!r.startsWith("/") && !r.startsWith("\\")) {
            out.append('/');
        }
        byte[] bytes = r.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if (c == '?') {
                inQuery = true;
            }
            boolean escape =
                    c == '%'
                            && i + 2 < bytes.length
                            && Character.digit(bytes[i + 1], 16) >= 0
                            && Character.digit(bytes[i + 2], 16) >= 0;
            if (c == '\\' && !inQuery) {
                out.append('/');
            } else if (escape
                    || (c > 0x20
                            && c < 0x7f
                            && c != '%'
                            && (Character.isLetterOrDigit(c)
                                    || UNRESERVED_EXTRA.indexOf(c) >= 0))) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%'
                    && i + 2 < bytes.length
                    && Character.digit(bytes[i + 1], 16) >= 0
                    && Character.digit(bytes[i + 2], 16) >= 0) {
                out.write(
                        Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
