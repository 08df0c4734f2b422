package org.ccpairs.jobs.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.ccpairs.connectors.warc.HtmlPage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds {@code <img>} elements with a non-empty alt text on an HTML page, with jsoup's HTML5 parser
 * (the way a browser builds the DOM: comments, scripts and {@code <template>} content do not yield
 * images). Images inside {@code <noscript>} do count: they are what a client without scripts sees,
 * and lazy-loading pages often put their real image URL there. The charset comes from the HTTP
 * header when it names one, else from a BOM or {@code <meta charset>}, else UTF-8. Thread-safe.
 */
public final class ImageAltExtractor {

    /**
     * The image candidates of {@code page}.
     *
     * @throws UncheckedIOException only if reading the in-memory body fails, which it does not in
     *     practice
     */
    public Extraction extract(HtmlPage page) {
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(page.body()), page.charset(), page.url());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + page.url(), e);
        }
        List<ImageCandidate> candidates = new ArrayList<>();
        int images = 0;
        int withoutAlt = 0;
        int badUrl = 0;
        for (Element img : doc.getElementsByTag("img")) {
            if (insideTemplate(img)) {
                continue; // inert in a browser until a script clones it
            }
            images++;
            String caption = Captions.clean(img.attr("alt"));
            if (caption.isEmpty()) {
                withoutAlt++;
                continue;
            }
            // jsoup resolves an empty value to the base URL itself; a browser loads no image
            String url = img.attr("src").isBlank() ? "" : img.absUrl("src");
            if (!isHttp(url)) {
                badUrl++;
                continue;
            }
            candidates.add(
                    new ImageCandidate(
                            url,
                            caption,
                            dimension(img.attr("width")),
                            dimension(img.attr("height"))));
        }
        return new Extraction(candidates, images, withoutAlt, badUrl);
    }

    private static boolean insideTemplate(Element img) {
        for (Element e = img.parent(); e != null; e = e.parent()) {
            if (e.nameIs("template")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHttp(String url) {
        return url.regionMatches(true, 0, "http://", 0, 7)
                || url.regionMatches(true, 0, "https://", 0, 8);
    }

    /**
     * A positive integer attribute value such as {@code 640} (or {@code 640px}); null otherwise.
     */
    static Integer dimension(String value) {
        String v = value.trim();
        if (v.endsWith("px")) {
            v = v.substring(0, v.length() - 2).trim();
        }
        if (v.isEmpty() || v.length() > 6) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            if (!Character.isDigit(v.charAt(i)) || v.charAt(i) > '9') {
                return null;
            }
        }
        int n = Integer.parseInt(v);
        return n > 0 ? n : null;
    }
}
