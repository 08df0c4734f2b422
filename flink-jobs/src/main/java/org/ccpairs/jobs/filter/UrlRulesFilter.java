package org.ccpairs.jobs.filter;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ccpairs.jobs.model.Pair;

/**
 * Rules on the image URL, before any request:
 *
 * <ul>
 *   <li>{@code URL_TOO_LONG}: longer than the maximum (browsers and CDNs cut around 2,000);
 *   <li>{@code URL_SCHEME}: a scheme other than the allowed ones (http, https);
 *   <li>{@code URL_HOST}: no host, a host that is no DNS name (a single label such as {@code
 *       localhost}, a label over 63 characters, a name over 253, characters a host cannot have, a
 *       numeric top-level label) or, unless allowed, an IP literal;
 *   <li>{@code URL_EXTENSION}: the last path segment ends in an image format outside the allow-list
 *       (LAION dropped svg and gif: vector art and animations) or in a known non-image type (html,
 *       pdf, js, mp4, ...). URLs without an extension, or with a script's ({@code thumb.php}),
 *       pass: the link check sniffs what they serve.
 * </ul>
 */
public final class UrlRulesFilter implements PairFilter {
    public static final String TOO_LONG = "URL_TOO_LONG";
    public static final String SCHEME = "URL_SCHEME";
    public static final String HOST = "URL_HOST";
    public static final String EXTENSION = "URL_EXTENSION";

    /** Image formats whose extensions the allow-list decides about. */
    static final Set<String> IMAGE_EXTENSIONS =
            Set.of(
                    "jpg", "jpeg", "jpe", "jfif", "pjpeg", "pjp", "png", "apng", "gif", "webp",
                    "bmp", "tif", "tiff", "avif", "heic", "heif", "svg", "svgz", "ico", "cur",
                    "jxl", "jp2", "psd", "eps", "raw", "emf", "wmf", "xbm");

    /** Extensions of what is certainly no image. */
    static final Set<String> NOT_IMAGE_EXTENSIONS =
            Set.of(
                    "html", "htm", "xhtml", "pdf", "js", "css", "json", "xml", "txt", "mp4", "webm",
                    "mov", "avi", "mp3", "wav", "ogg", "zip", "gz", "rar", "exe", "doc", "docx",
                    "swf", "woff", "woff2", "ttf");

    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_\\-]*[a-z0-9_])?");

    private final int maxLength;
    private final Set<String> schemes;
    private final Set<String> allowedExtensions;
    private final boolean allowIpHosts;

    public UrlRulesFilter(
            int maxLength,
            List<String> schemes,
            List<String> allowedExtensions,
            boolean allowIpHosts) {
        if (maxLength <= 0) {
            throw new IllegalArgumentException(
                    "'filter.url.max-length' must be > 0, got " + maxLength);
        }
        this.maxLength = maxLength;
        this.schemes = lower(schemes);
        this.allowedExtensions = lower(allowedExtensions);
        this.allowIpHosts = allowIpHosts;
    }

    private static Set<String> lower(List<String> values) {
        return values.stream()
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .map(s -> s.startsWith(".") ? s.substring(1) : s)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String name() {
        return "image-url";
    }

    @Override
    public Verdict check(Pair pair) {
        String url = pair.imageUrl();
        if (url.length() > maxLength) {
            return Verdict.reject(TOO_LONG, url.length() + " > " + maxLength + " characters");
        }
        int colon = url.indexOf(':');
        String scheme = colon <= 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            return Verdict.reject(SCHEME, "scheme '" + scheme + "'");
        }
        int from = colon + 1;
        if (!url.startsWith("//", from)) {
            return Verdict.reject(HOST, "no authority");
        }
        from += 2;
        int end = from;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String hostProblem = hostProblem(host(url.substring(from, end)));
        if (hostProblem != null) {
            return Verdict.reject(HOST, hostProblem);
        }
        int pathEnd = end;
        while (pathEnd < url.length() && "?#".indexOf(url.charAt(pathEnd)) < 0) {
            pathEnd++;
        }
        String ext = extension(url.substring(end, pathEnd));
        if (ext != null
                && ((IMAGE_EXTENSIONS.contains(ext) && !allowedExtensions.contains(ext))
                        || NOT_IMAGE_EXTENSIONS.contains(ext))) {
            return Verdict.reject(EXTENSION, "." + ext);
        }
        return Verdict.PASS;
    }

    /** The host of an authority: without user info and port, in ASCII (IDNA); null if none. */
    static String host(String authority) {
        String a = authority.substring(authority.lastIndexOf('@') + 1);
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            return close < 0 ? null : a.substring(0, close + 1);
        }
        int port = a.indexOf(':');
        String h = port < 0 ? a : a.substring(0, port);
        try {
            return IDN.toASCII(h, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Why {@code host} is no usable host name, or null when it is one. */
    String hostProblem(String host) {
        if (host == null || host.isEmpty()) {
            return "no host";
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.startsWith("[") || h.matches("\\d+(\\.\\d+){3}")) {
            return allowIpHosts ? null : "IP literal " + host;
        }
        if (h.length() > 253) {
            return "host longer than 253 characters";
        }
        String[] labels = h.split("\\.", -1);
        if (labels.length < 2) {
            return "single-label host " + host;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || !LABEL.matcher(label).matches()) {
                return "invalid host " + host;
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return "numeric top-level label in " + host;
        }
        return null;
    }

    /** The lower-case extension of the last path segment (1 to 5 letters or digits), or null. */
    static String extension(String rawPath) {
        if (rawPath == null) {
            return null;
        }
        int slash = rawPath.lastIndexOf('/');
        int dot = rawPath.lastIndexOf('.');
        if (dot <= slash || dot == rawPath.length() - 1) {
            return null;
        }
        String ext = rawPath.substring(dot + 1).toLowerCase(Locale.ROOT);
        return ext.length() <= 5 && ext.chars().allMatch(Character::isLetterOrDigit) ? ext : null;
    }

    @Override
    public String toString() {
        return name() + "[schemes=" + schemes + ", extensions=" + allowedExtensions + "]";
    }
}
