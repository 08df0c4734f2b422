package org.ccpairs.jobs.extract;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.ccpairs.connectors.warc.HtmlPage;
import org.ccpairs.jobs.extract.html.StreamingImageAltExtractor;
import org.jsoup.Jsoup;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * The reference extractor: reads the page like a browser builds its DOM, with jsoup's HTML5 parser,
 * and applies the shared rules to every {@code <img>} element of the DOM. Comments, scripts,
 * styles, textareas and titles do not yield images; images in a {@code <template>} are inert and
 * not counted; {@code <noscript>} in the body is parsed as markup (a client without scripts shows
 * its images, and lazy-loading pages often put their real image URL there), while a noscript in the
 * head holds text for jsoup and yields nothing. Slow (a full DOM per page); the pipeline runs
 * {@link StreamingImageAltExtractor}, and tests hold the two to the same output. Thread-safe.
 */
public final class DomImageAltExtractor implements ImageAltExtractor {

    @Override
    public Extraction extract(HtmlPage page) {
        PageCharset.Decision charset = StreamingImageAltExtractor.charsetOf(page);
        byte[] body = page.body();
        String html =
                new String(
                        body,
                        charset.bomLength(),
                        body.length - charset.bomLength(),
                        charset.charset());
        Document doc = Jsoup.parse(html, page.url() == null ? "" : page.url());
        String base = doc.baseUri();
        UnaryOperator<String> urls = raw -> StringUtil.resolve(base, raw);
        List<ImageCandidate> candidates = new ArrayList<>();
        Map<BadUrl, Integer> reasons = new EnumMap<>(BadUrl.class);
        int images = 0;
        int withoutAlt = 0;
        int badUrl = 0;
        for (Element img : doc.getElementsByTag("img")) {
            if (insideTemplate(img)) {
                continue; // inert in a browser until a script clones it
            }
            int position = images++;
            Captions.Cleaned alt =
                    Captions.cleanWithFlag(img.hasAttr("alt") ? img.attr("alt") : null);
            if (alt.text().isEmpty()) {
                withoutAlt++;
                continue;
            }
            ImageSource.Choice choice = ImageSource.choose(attributes(img), sources(img), urls);
            if (choice.rejected() != null) {
                badUrl++;
                reasons.merge(choice.rejected(), 1, Integer::sum);
                continue;
            }
            candidates.add(
                    new ImageCandidate(
                            choice.url(),
                            alt.text(),
                            ImageCandidate.dimension(attrOrNull(img, "width")),
                            ImageCandidate.dimension(attrOrNull(img, "height")),
                            alt.truncated(),
                            Captions.cleanOrNull(attrOrNull(img, "title")),
                            figcaption(img),
                            position,
                            choice.from(),
                            choice.srcsetWidth()));
        }
        return new Extraction(
                candidates,
                images,
                withoutAlt,
                badUrl,
                reasons,
                signals(page, doc, urls),
                charset.charset().name());
    }

    private static PageSignals signals(HtmlPage page, Document doc, UnaryOperator<String> urls) {
        PageSignalsBuilder signals = new PageSignalsBuilder().headers(page.headers(), urls);
        for (Element e : doc.select("meta, a[rel], link[rel], area[rel]")) {
            if (insideTemplate(e)) {
                continue;
            }
            if (e.nameIs("meta")) {
                if (e.hasAttr("content") && (e.hasAttr("name") || e.hasAttr("http-equiv"))) {
                    signals.meta(
                            attrOrNull(e, "name"), attrOrNull(e, "http-equiv"), e.attr("content"));
                }
            } else if (e.hasAttr("href") && e.attr("rel").toLowerCase().contains("license")) {
                signals.link(e.attr("rel"), urls.apply(e.attr("href")));
            }
        }
        Element html = doc.selectFirst("html");
        if (html != null && html.hasAttr("lang")) {
            signals.htmlLang(html.attr("lang"));
        }
        return signals.build();
    }

    private static ImageAttributes attributes(Element e) {
        return name -> attrOrNull(e, name);
    }

    private static String attrOrNull(Element e, String name) {
        return e.hasAttr(name) ? e.attr(name) : null;
    }

    /** The {@code <source>} elements before the image in its {@code <picture>}. */
    private static List<ImageAttributes> sources(Element img) {
        Element parent = img.parent();
        if (parent == null || !parent.nameIs("picture")) {
            return List.of();
        }
        List<ImageAttributes> out = new ArrayList<>(2);
        for (Element sibling : parent.children()) {
            if (sibling == img) {
                break;
            }
            if (sibling.nameIs("source")) {
                out.add(attributes(sibling));
            }
        }
        return out;
    }

    /** The text of the first figcaption of the nearest enclosing figure (not of a nested one). */
    private static String figcaption(Element img) {
        Element figure = null;
        for (Element e = img.parent(); e != null; e = e.parent()) {
            if (e.nameIs("figure")) {
                figure = e;
                break;
            }
        }
        if (figure == null) {
            return null;
        }
        for (Element caption : figure.getElementsByTag("figcaption")) {
            Element owner = caption.parent();
            while (owner != null && !owner.nameIs("figure")) {
                owner = owner.parent();
            }
            if (owner == figure) {
                return Captions.cleanOrNull(caption.text());
            }
        }
        return null;
    }

    private static boolean insideTemplate(Element element) {
        for (Element e = element.parent(); e != null; e = e.parent()) {
            if (e.nameIs("template") && Parser.NamespaceHtml.equals(e.tag().namespace())) {
                return true;
            }
        }
        return false;
    }
}
