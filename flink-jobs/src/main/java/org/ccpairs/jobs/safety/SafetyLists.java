package org.ccpairs.jobs.safety;

import crawlercommons.domains.EffectiveTldFinder;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.ccpairs.jobs.dedup.PairIdentity;

/**
 * Matches pairs against every safety list in force: the image URL exactly (normalized), by MD5 and
 * SHA-256 of the normalized URL, and the image's and page's hosts against domain entries. A domain
 * entry matches its host and every subdomain; matching walks from the host up to its registrable
 * domain (public-suffix list, crawler-commons {@link EffectiveTldFinder}), never above, so an entry
 * that is itself a public suffix ({@code co.uk}) matches nothing. A host under a suffix the list
 * does not know is treated as if its last label were the suffix. Image-content entries are matched
 * separately ({@link #matchImage}), where the image's digests are known. Not thread-safe: one per
 * task.
 */
public final class SafetyLists {
    /**
     * A match.
     *
     * @param source {@code listId@version} of the list whose entry matched
     * @param kind the entry's kind, e.g. {@code URL_SHA256}
     * @param entry the entry's value
     * @param on what it matched: {@code image URL} or {@code page host x}
     */
    public record Match(String source, String kind, String entry, String on) {
        public String detail() {
            return kind + " entry " + entry + " of " + source + " matches the " + on;
        }
    }

    private static final HexFormat HEX = HexFormat.of();

    /** Encoded entry → {@code listId@version} of a list that holds it. */
    private final Map<String, String> index = new HashMap<>();

    private final PairIdentity identity = new PairIdentity();
    private final MessageDigest md5;
    private final MessageDigest sha256;
    private boolean hasUrlEntries;
    private boolean hasDomainEntries;
    private boolean hasImageEntries;

    public SafetyLists(Collection<SafetyList> lists) {
        try {
            md5 = MessageDigest.getInstance("MD5");
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5 and SHA-256", e);
        }
        for (SafetyList l : lists) {
            for (String e : l.entries()) {
                index.putIfAbsent(e, l.id() + "@" + l.version());
                if (e.startsWith(SafetyEntry.DOMAIN + ":")) {
                    hasDomainEntries = true;
                } else if (SafetyEntry.isImageContent(e)) {
                    hasImageEntries = true;
                } else {
                    hasUrlEntries = true;
                }
            }
        }
    }

    public int size() {
        return index.size();
    }

    /** Whether any list holds image-content entries, which only {@link #matchImage} can match. */
    public boolean hasImageEntries() {
        return hasImageEntries;
    }

    /**
     * The first image-content entry that matches an image with these digests of its full bytes, or
     * null.
     *
     * @param sha256 lower-case hex; null when unknown
     * @param md5 lower-case hex; null when unknown
     */
    public Match matchImage(String sha256, String md5) {
        Match m = sha256 == null ? null : lookup(SafetyEntry.IMAGE_SHA256, sha256, "image bytes");
        if (m == null && md5 != null) {
            m = lookup(SafetyEntry.IMAGE_MD5, md5, "image bytes");
        }
        return m;
    }

    /**
     * The first URL or domain entry that matches a pair with these URLs, or null.
     *
     * @param pageUrl may be null
     */
    public Match match(String imageUrl, String pageUrl) {
        if (index.isEmpty()) {
            return null;
        }
        if (hasUrlEntries) {
            String normal = identity.normalizeUrl(imageUrl);
            String url = normal == null ? imageUrl : normal;
            Match m = lookup(SafetyEntry.URL, url, "image URL");
            if (m == null) {
                byte[] bytes = url.getBytes(StandardCharsets.UTF_8);
                m =
                        lookup(
                                SafetyEntry.URL_SHA256,
                                HEX.formatHex(sha256.digest(bytes)),
                                "image URL");
                if (m == null) {
                    m = lookup(SafetyEntry.URL_MD5, HEX.formatHex(md5.digest(bytes)), "image URL");
                }
            }
            if (m != null) {
                return m;
            }
        }
        if (hasDomainEntries) {
            Match m = matchHost(host(imageUrl), "image host");
            if (m == null && pageUrl != null) {
                m = matchHost(host(pageUrl), "page host");
            }
            return m;
        }
        return null;
    }

    private Match matchHost(String host, String on) {
        if (host == null) {
            return null;
        }
        if (host.startsWith("[") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            return lookup(SafetyEntry.DOMAIN, host, on + " " + host); // an IP literal
        }
        String registrable = EffectiveTldFinder.getAssignedDomain(host, true, false);
        if (registrable == null) {
            // a suffix the public-suffix list does not know (.example, .internal, a new TLD):
            // take the last label as the suffix
            int last = host.lastIndexOf('.');
            int before = last <= 0 ? -1 : host.lastIndexOf('.', last - 1);
            registrable = before < 0 ? host : host.substring(before + 1);
        }
        String h = host;
        while (true) {
            Match m = lookup(SafetyEntry.DOMAIN, h, on + " " + host);
            if (m != null) {
                return m;
            }
            if (registrable == null
                    || h.equals(registrable)
                    || h.length() <= registrable.length()) {
                return null;
            }
            int dot = h.indexOf('.');
            if (dot < 0) {
                return null;
            }
            h = h.substring(dot + 1);
        }
    }

    private Match lookup(String kind, String value, String on) {
        String source = index.get(kind + ":" + value);
        return source == null ? null : new Match(source, kind, value, on);
    }

    /** The lower-case ASCII host of an absolute URL, or null. */
    static String host(String url) {
        int start = url.indexOf("://");
        if (start < 0) {
            return null;
        }
        start += 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            return authority.toLowerCase(Locale.ROOT);
        }
        int colon = authority.indexOf(':');
        String h = (colon < 0 ? authority : authority.substring(0, colon)).toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        try {
            return h.isEmpty() ? null : IDN.toASCII(h, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return h;
        }
    }
}
