package org.ccpairs.jobs.extract;

/**
 * An image found on a page, with its caption.
 *
 * @param imageUrl absolute http(s) URL, resolved against the page and its {@code <base href>}
 * @param caption alt text, cleaned by {@link Captions}; never empty
 * @param width declared width when a positive integer, else null
 * @param height declared height when a positive integer, else null
 * @param captionTruncated whether the caption was cut at {@link Captions#MAX_LENGTH}
 * @param title the image's title attribute, cleaned; null when absent or blank
 * @param figcaption the text of the first {@code <figcaption>} of the nearest enclosing {@code
 *     <figure>}, cleaned; null when none
 * @param position the image's index among the page's images ({@code <img>} elements that count,
 *     with or without alt), from 0, in document order
 * @param urlSource the attribute the URL came from: {@code src}, {@code data-src}, {@code
 *     data-lazy-src}, {@code data-original}, {@code srcset} or {@code picture}
 * @param srcsetWidth the {@code w} descriptor of the chosen srcset candidate, else null
 */
public record ImageCandidate(
        String imageUrl,
        String caption,
        Integer width,
        Integer height,
        boolean captionTruncated,
        String title,
        String figcaption,
        int position,
        String urlSource,
        Integer srcsetWidth) {

    /** A candidate from {@code src} with none of the optional fields. */
    public ImageCandidate(String imageUrl, String caption, Integer width, Integer height) {
        this(imageUrl, caption, width, height, false, null, null, 0, "src", null);
    }

    /**
     * A positive integer attribute value such as {@code 640} (or {@code 640px}); null otherwise.
     */
    public static Integer dimension(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.endsWith("px")) {
            v = v.substring(0, v.length() - 2).trim();
        }
        if (v.isEmpty() || v.length() > 6) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        int n = Integer.parseInt(v);
        return n > 0 ? n : null;
    }
}
