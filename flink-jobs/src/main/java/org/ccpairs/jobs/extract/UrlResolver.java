package org.ccpairs.jobs.extract;

import java.net.MalformedURLException;
import java.net.URL;
import org.jsoup.internal.StringUtil;

/**
 * Resolves URLs found on one page against its base (the page URL, or its {@code <base href>}),
 * giving exactly what jsoup's {@code absUrl} gives: the reference extractor uses jsoup's, and the
 * streaming extractor must agree with it. Plain absolute, protocol-relative, root-relative and
 * path-relative URLs (printable ASCII, no dot segments) are resolved by string concatenation, which
 * is what jsoup's {@link URL}-based resolution yields for them; everything else goes through jsoup.
 * Not thread-safe: one per page.
 */
public final class UrlResolver {
    private final String base;
    private final URL baseUrl;
    private String origin;
    private String directory;

    /**
     * @param pageUrl the page's URL
     * @param baseHref the first {@code <base href>} of the page, or null
     */
    public static UrlResolver forPage(String pageUrl, String baseHref) {
        UrlResolver page = new UrlResolver(pageUrl == null ? "" : pageUrl);
        if (baseHref != null) {
            String base = page.resolve(baseHref);
            if (!base.isEmpty()) {
                return new UrlResolver(base);
            }
        }
        return page;
    }

    private UrlResolver(String base) {
        this.base = base;
        URL url;
        try {
            url = new URL(stripControl(base));
        } catch (MalformedURLException | RuntimeException e) {
            url = null;
        }
        this.baseUrl = url;
    }

    /** The base URL relative URLs are resolved against. */
    public String base() {
        return base;
    }

    /** {@code raw} resolved; empty when it cannot be resolved. */
    public String resolve(String raw) {
        if (baseUrl != null && isPlain(raw)) {
            String fast = resolvePlain(raw);
            if (fast != null) {
                return fast;
            }
        }
        return jsoup(raw);
    }

    private String resolvePlain(String raw) {
        int n = raw.length();
        if (n == 0) {
            return null;
        }
        char c0 = raw.charAt(0);
        if (c0 == '/') {
            if (n > 1 && raw.charAt(1) == '/') {
                return hasPlainAuthority(raw, 2) ? baseUrl.getProtocol() + ":" + raw : null;
            }
            return origin() + raw;
        }
        if (raw.startsWith("http://")) {
            return hasPlainAuthority(raw, 7) ? raw : null;
        }
        if (raw.startsWith("https://")) {
            return hasPlainAuthority(raw, 8) ? raw : null;
        }
        if (c0 == '.' || c0 == '?' || c0 == '#') {
            return null;
        }
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (c == ':') {
                return null; // maybe a scheme: let jsoup decide
            }
            if (c == '/' || c == '?' || c == '#') {
                break;
            }
        }
        return directory() + raw;
    }

    /** A host (and port) without user info, followed by '/', '?', '#' or nothing. */
    private static boolean hasPlainAuthority(String raw, int from) {
        int n = raw.length();
        if (from >= n) {
            return false;
        }
        for (int i = from; i < n; i++) {
            char c = raw.charAt(i);
            if (c == '@' || c == '[') {
                return false;
            }
            if (c == '/' || c == '?' || c == '#') {
                return i > from;
            }
        }
        return true;
    }

    private String origin() {
        if (origin == null) {
            String slash = jsoup("/");
            origin = slash.endsWith("/") ? slash.substring(0, slash.length() - 1) : slash;
        }
        return origin;
    }

    private String directory() {
        if (directory == null) {
            String z = jsoup("z");
            directory = z.endsWith("z") ? z.substring(0, z.length() - 1) : z;
        }
        return directory;
    }

    /** Printable ASCII without spaces, backslashes or dot segments. */
    private static boolean isPlain(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '\\') {
                return false;
            }
            if (c == '.' && i > 0 && s.charAt(i - 1) == '/') {
                return false;
            }
        }
        return true;
    }

    private String jsoup(String raw) {
        if (baseUrl == null) {
            return StringUtil.resolve(base, raw);
        }
        try {
            return StringUtil.resolve(baseUrl, stripControl(raw)).toExternalForm();
        } catch (MalformedURLException | RuntimeException e) {
            return StringUtil.resolve(base, raw);
        }
    }

    private static String stripControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20) {
                StringBuilder b = new StringBuilder(s.length());
                for (int j = 0; j < s.length(); j++) {
                    char c = s.charAt(j);
                    if (c >= 0x20) {
                        b.append(c);
                    }
                }
                return b.toString();
            }
        }
        return s;
    }
}
