package org.ccpairs.jobs.extract;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Chooses the URL of an image, the same way for every extractor, from its {@code src}, its
 * lazy-loading attributes, its {@code srcset} and the {@code <source srcset>} of an enclosing
 * {@code <picture>}:
 *
 * <ol>
 *   <li>the srcset candidate with the largest {@code w} descriptor, from the picture's sources and
 *       the image's own srcset ({@code data-srcset}/{@code data-lazy-srcset} when there is no
 *       srcset), keeping that width;
 *   <li>else {@code src}, unless it is missing, a {@code data:} URI, {@code about:blank} or a
 *       placeholder file name (blank.gif, spacer.gif, lazy.png, ...) and a lazy-loading attribute
 *       ({@code data-src}, {@code data-lazy-src}, {@code data-original}) has a value: then that;
 *   <li>a density ({@code 2x}) candidate larger than 1x replaces that URL.
 * </ol>
 *
 * The chosen URL is resolved; {@code data:}, {@code javascript:}, {@code blob:} and other
 * non-http(s) URLs are rejected with a {@link BadUrl} reason.
 */
public final class ImageSource {
    /**
     * The outcome: either a URL or a reason.
     *
     * @param url absolute http(s) URL, or null when rejected
     * @param from which attribute it came from: {@code src}, {@code data-src}, {@code srcset},
     *     {@code picture}, ...
     * @param srcsetWidth the {@code w} descriptor of the chosen srcset candidate, else null
     * @param rejected why there is no URL, else null
     */
    public record Choice(String url, String from, Integer srcsetWidth, BadUrl rejected) {}

    private static final String[] LAZY = {"data-src", "data-lazy-src", "data-original"};
    private static final Pattern PLACEHOLDER =
            Pattern.compile(
                    "(?i)(?:^|[/_.-])(?:blank|spacer|pixel|placeholder|transparent|lazy|lazyload"
                            + "|loading|loader|spinner|empty|grey|gray|dummy|1x1|clear|trans)"
                            + "(?:[-_.]?[0-9x]*)\\.(?:gif|png|svg|jpe?g|webp)(?:[?#].*)?$");

    private ImageSource() {}

    /**
     * @param img the image's attributes
     * @param pictureSources the {@code <source>} elements of the enclosing picture before the
     *     image, in order; empty when there is none
     * @param urls resolves a URL of the page (jsoup's {@code absUrl} semantics); empty when it
     *     cannot
     */
    public static Choice choose(
            ImageAttributes img, List<ImageAttributes> pictureSources, UnaryOperator<String> urls) {
        Srcset.Candidate widest = null;
        String widestFrom = null;
        for (ImageAttributes source : pictureSources) {
            for (Srcset.Candidate c : Srcset.parse(srcsetOf(source))) {
                if (c.width() > 0
                        && (widest == null || c.width() > widest.width())
                        && isHttp(c, urls)) {
                    widest = c;
                    widestFrom = "picture";
                }
            }
        }
        List<Srcset.Candidate> own = Srcset.parse(srcsetOf(img));
        for (Srcset.Candidate c : own) {
            if (c.width() > 0
                    && (widest == null || c.width() > widest.width())
                    && isHttp(c, urls)) {
                widest = c;
                widestFrom = "srcset";
            }
        }
        if (widest != null) {
            return new Choice(urls.apply(widest.url()), widestFrom, widest.width(), null);
        }
        String from = "src";
        String raw = img.get("src");
        for (String lazy : LAZY) {
            String value = img.get(lazy);
            if (value != null && !value.isBlank()) {
                if (isPlaceholder(raw)) {
                    raw = value;
                    from = lazy;
                }
                break;
            }
        }
        Srcset.Candidate densest = null;
        for (Srcset.Candidate c : own) {
            if (c.width() == 0
                    && c.density() > 1
                    && (densest == null || c.density() > densest.density())
                    && isHttp(c, urls)) {
                densest = c;
            }
        }
        if (densest != null) {
            return new Choice(urls.apply(densest.url()), "srcset", null, null);
        }
        return checked(raw, from, urls);
    }

    private static Choice checked(String raw, String from, UnaryOperator<String> urls) {
        BadUrl bad = schemeProblem(raw);
        if (bad != null) {
            return new Choice(null, from, null, bad);
        }
        String url = urls.apply(raw);
        if (url.isEmpty()) {
            return new Choice(null, from, null, BadUrl.UNRESOLVABLE);
        }
        if (!isHttp(url)) {
            return new Choice(null, from, null, schemeOf(url));
        }
        return new Choice(url, from, null, null);
    }

    private static String srcsetOf(ImageAttributes a) {
        String srcset = a.get("srcset");
        if (srcset != null && !srcset.isBlank()) {
            return srcset;
        }
        String data = a.get("data-srcset");
        return data != null && !data.isBlank() ? data : a.get("data-lazy-srcset");
    }

    private static boolean isHttp(Srcset.Candidate c, UnaryOperator<String> urls) {
        return schemeProblem(c.url()) == null && isHttp(urls.apply(c.url()));
    }

    static boolean isPlaceholder(String src) {
        if (src == null || src.isBlank()) {
            return true;
        }
        String s = src.strip();
        return startsWithIgnoreCase(s, "data:")
                || startsWithIgnoreCase(s, "about:blank")
                || startsWithIgnoreCase(s, "javascript:")
                || PLACEHOLDER.matcher(s).find();
    }

    /** The reason a raw URL is rejected before resolution, or null. */
    static BadUrl schemeProblem(String raw) {
        if (raw == null || raw.isBlank()) {
            return BadUrl.MISSING;
        }
        String s = stripLeading(raw);
        if (startsWithIgnoreCase(s, "data:")) {
            return BadUrl.DATA;
        }
        if (startsWithIgnoreCase(s, "javascript:")) {
            return BadUrl.JAVASCRIPT;
        }
        if (startsWithIgnoreCase(s, "blob:")) {
            return BadUrl.BLOB;
        }
        return null;
    }

    private static BadUrl schemeOf(String url) {
        String s = url.toLowerCase(Locale.ROOT);
        if (s.startsWith("data:")) {
            return BadUrl.DATA;
        }
        if (s.startsWith("javascript:")) {
            return BadUrl.JAVASCRIPT;
        }
        if (s.startsWith("blob:")) {
            return BadUrl.BLOB;
        }
        return BadUrl.OTHER_SCHEME;
    }

    static boolean isHttp(String url) {
        return url.regionMatches(true, 0, "http://", 0, 7)
                || url.regionMatches(true, 0, "https://", 0, 8);
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) <= ' ') {
            i++;
        }
        return s.substring(i);
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
