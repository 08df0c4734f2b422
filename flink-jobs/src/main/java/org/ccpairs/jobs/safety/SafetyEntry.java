package org.ccpairs.jobs.safety;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;
import org.ccpairs.jobs.dedup.PairIdentity;

/**
 * One safety-list entry in its canonical form, encoded as {@code KIND:value} in state and updates:
 * {@code URL:} a normalized URL, {@code URL_MD5:} / {@code URL_SHA256:} a lower-case hex digest of
 * a normalized URL, {@code DOMAIN:} a lower-case ASCII (IDNA) host name.
 */
public final class SafetyEntry {
    public static final String URL = "URL";
    public static final String URL_MD5 = "URL_MD5";
    public static final String URL_SHA256 = "URL_SHA256";
    public static final String DOMAIN = "DOMAIN";

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
            case URL_MD5 -> {
                String hex = v.toLowerCase(Locale.ROOT);
                if (!MD5.matcher(hex).matches()) {
                    throw new IllegalArgumentException(
                            "URL_MD5 entry '" + v + "' is not 32 hex digits");
                }
                return URL_MD5 + ":" + hex;
            }
            case URL_SHA256 -> {
                String hex = v.toLowerCase(Locale.ROOT);
                if (!SHA256.matcher(hex).matches()) {
                    throw new IllegalArgumentException(
                            "URL_SHA256 entry '" + v + "' is not 64 hex digits");
                }
                return URL_SHA256 + ":" + hex;
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

    /** The kind of an encoded entry. */
    public static String kind(String encoded) {
        return encoded.substring(0, encoded.indexOf(':'));
    }

    /** The value of an encoded entry. */
    public static String value(String encoded) {
        return encoded.substring(encoded.indexOf(':') + 1);
    }
}
