package org.ccpairs.jobs.safety;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;
import org.ccpairs.jobs.dedup.PairIdentity;

/**
 * One safety-list entry in its canonical form, encoded as {@code KIND:value} in state and updates:
 * {@code URL:} a normalized URL, {@code URL_MD5:} / {@code URL_SHA256:} a lower-case hex digest of
 * a normalized URL, {@code DOMAIN:} a lower-case ASCII (IDNA) host name, {@code IMAGE_MD5:} /
 * {@code IMAGE_SHA256:} a lower-case hex digest of an image's full bytes (matched after the link
 * check, which reads them when {@code linkcheck.content-hash} is on).
 */
public final class SafetyEntry {
    public static final String URL = "URL";
    public static final String URL_MD5 = "URL_MD5";
    public static final String URL_SHA256 = "URL_SHA256";
    public static final String DOMAIN = "DOMAIN";
    public static final String IMAGE_MD5 = "IMAGE_MD5";
    public static final String IMAGE_SHA256 = "IMAGE_SHA256";

    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HOST =
            Pattern.compile(
                    "[a-z0-9_]([a-z0-9_\\-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_\\-]*[a-z0-9_])?)*");

    private SafetyEntry() {}

    /**
     * The encoded canonical form of an entry.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static String canonical(String kind, String value, PairIdentity identity) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(kind + " entry is empty");
        }
        String v = value.strip();
        switch (kind) {
            case URL -> {
                String normal = identity.normalizeUrl(v);
                if (normal == null
                        || !(normal.startsWith("http://") || normal.startsWith("https://"))) {
                    throw new IllegalArgumentException("URL entry '" + v + "' is no http(s) URL");
                }
                return URL + ":" + normal;
            }
            case URL_MD5, IMAGE_MD5 -> {
                return kind + ":" + hex(kind, v, MD5, 32);
            }
            case URL_SHA256, IMAGE_SHA256 -> {
                return kind + ":" + hex(kind, v, SHA256, 64);
            }
            case DOMAIN -> {
                String host = v.toLowerCase(Locale.ROOT);
                if (host.endsWith(".")) {
                    host = host.substring(0, host.length() - 1);
                }
                try {
                    host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("DOMAIN entry '" + v + "' is no host name");
                }
                if (!HOST.matcher(host).matches() || host.length() > 253) {
                    throw new IllegalArgumentException("DOMAIN entry '" + v + "' is no host name");
                }
                return DOMAIN + ":" + host;
            }
            default -> throw new IllegalArgumentException("unknown entry kind '" + kind + "'");
        }
    }

    private static String hex(String kind, String value, Pattern digits, int length) {
        String hex = value.toLowerCase(Locale.ROOT);
        if (!digits.matcher(hex).matches()) {
            throw new IllegalArgumentException(
                    kind + " entry '" + value + "' is not " + length + " hex digits");
        }
        return hex;
    }

    /** Whether an encoded entry is a digest of image bytes rather than of a URL or a host. */
    public static boolean isImageContent(String encoded) {
        return encoded.startsWith(IMAGE_MD5 + ":") || encoded.startsWith(IMAGE_SHA256 + ":");
    }

    /** The kind of an encoded entry. */
    public static String kind(String encoded) {
        return encoded.substring(0, encoded.indexOf(':'));
    }

    /** The value of an encoded entry. */
    public static String value(String encoded) {
        return encoded.substring(encoded.indexOf(':') + 1);
    }
}
