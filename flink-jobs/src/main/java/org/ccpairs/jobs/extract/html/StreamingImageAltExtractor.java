package org.ccpairs.jobs.extract.html;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ccpairs.connectors.warc.HtmlPage;
import org.ccpairs.jobs.extract.BadUrl;
import org.ccpairs.jobs.extract.Captions;
import org.ccpairs.jobs.extract.Extraction;
import org.ccpairs.jobs.extract.ImageAltExtractor;
import org.ccpairs.jobs.extract.ImageAttributes;
import org.ccpairs.jobs.extract.ImageCandidate;
import org.ccpairs.jobs.extract.ImageSource;
import org.ccpairs.jobs.extract.PageCharset;
import org.ccpairs.jobs.extract.PageSignalsBuilder;
import org.ccpairs.jobs.extract.UrlResolver;
import org.jsoup.parser.Parser;

/**
 * The extractor the pipeline runs: one pass of {@link HtmlTokenizer} over the page's bytes, without
 * decoding the page or building a DOM; only the attribute values and figcaptions it keeps are
 * decoded, with the page's charset. Pages in an encoding whose bytes cannot be scanned directly
 * (UTF-16, ISO-2022-JP) are transcoded to UTF-8 first. Memory is the page plus what it keeps. Not
 * thread-safe: one per task.
 */
public final class StreamingImageAltExtractor implements ImageAltExtractor {
    private final HtmlTokenizer tokenizer = new HtmlTokenizer();

    @Override
    public Extraction extract(HtmlPage page) {
        byte[] body = page.body();
        PageCharset.Decision pre = PageCharset.beforeMarkup(body, body.length, page.charset());
        if (pre != null) {
            if (PageCharset.scannable(pre.charset())) {
                return assemble(page, body, pre.charset(), scan(body, pre.bomLength()));
            }
            byte[] utf8 = transcode(body, pre.bomLength(), pre.charset());
            return assemble(page, utf8, pre.charset(), StandardCharsets.UTF_8, scan(utf8, 0));
        }
        PageScan scan = scan(body, 0);
        PageCharset.Decision after = PageCharset.afterMarkup(body, body.length, scan.metaCharset);
        if (PageCharset.scannable(after.charset())) {
            return assemble(page, body, after.charset(), scan);
        }
        byte[] utf8 = transcode(body, 0, after.charset());
        return assemble(page, utf8, after.charset(), StandardCharsets.UTF_8, scan(utf8, 0));
    }

    /** The charset decision for {@code page}, exactly as this extractor makes it. */
    public static PageCharset.Decision charsetOf(HtmlPage page) {
        byte[] body = page.body();
        PageCharset.Decision pre = PageCharset.beforeMarkup(body, body.length, page.charset());
        if (pre != null) {
            return pre;
        }
        PageScan scan = new PageScan();
        new HtmlTokenizer().scan(body, 0, body.length, scan);
        return PageCharset.afterMarkup(body, body.length, scan.metaCharset);
    }

    private PageScan scan(byte[] bytes, int from) {
        PageScan scan = new PageScan();
        tokenizer.scan(bytes, from, bytes.length, scan);
        scan.finish();
        return scan;
    }

    private static byte[] transcode(byte[] body, int from, Charset charset) {
        return new String(body, from, body.length - from, charset).getBytes(StandardCharsets.UTF_8);
    }

    private static Extraction assemble(
            HtmlPage page, byte[] bytes, Charset charset, PageScan scan) {
        return assemble(page, bytes, charset, charset, scan);
    }

    private static Extraction assemble(
            HtmlPage page, byte[] bytes, Charset declared, Charset charset, PageScan scan) {
        Slices slices = new Slices(bytes, charset);
        UrlResolver urls = baseOf(page.url(), scan, slices);
        int withoutAlt = scan.withoutAlt;
        int badUrl = 0;
        Map<BadUrl, Integer> reasons = new EnumMap<>(BadUrl.class);
        List<ImageCandidate> candidates = new ArrayList<>(scan.images.size());
        Map<FigureText, String> figcaptions = new IdentityHashMap<>();
        for (RawImage image : scan.images) {
            Captions.Cleaned alt = Captions.cleanWithFlag(slices.value(image, TagIds.ALT));
            if (alt.text().isEmpty()) {
                withoutAlt++;
                continue;
            }
            ImageSource.Choice choice =
                    ImageSource.choose(
                            attributes(image, slices), sources(image, slices), urls::resolve);
            if (choice.rejected() != null) {
                badUrl++;
                reasons.merge(choice.rejected(), 1, Integer::sum);
                continue;
            }
            String figcaption =
                    image.figure == null
                            ? null
                            : figcaptions.computeIfAbsent(image.figure, slices::text);
            candidates.add(
                    new ImageCandidate(
                            choice.url(),
                            alt.text(),
                            ImageCandidate.dimension(slices.value(image, TagIds.WIDTH)),
                            ImageCandidate.dimension(slices.value(image, TagIds.HEIGHT)),
                            alt.truncated(),
                            Captions.cleanOrNull(slices.value(image, TagIds.TITLE_ATTR)),
                            figcaption,
                            image.position,
                            choice.from(),
                            choice.srcsetWidth()));
        }
        PageSignalsBuilder signals =
                new PageSignalsBuilder().headers(page.headers(), urls::resolve);
        for (int[] m : scan.metas) {
            signals.meta(
                    slices.value(m[0], m[1]), slices.value(m[2], m[3]), slices.value(m[4], m[5]));
        }
        for (int[] l : scan.licenseLinks) {
            String href = slices.value(l[2], l[3]);
            signals.link(slices.value(l[0], l[1]), urls.resolve(href));
        }
        if (scan.htmlLang != null) {
            signals.htmlLang(slices.value(scan.htmlLang[0], scan.htmlLang[1]));
        }
        return new Extraction(
                candidates,
                scan.imagesSeen,
                withoutAlt,
                badUrl,
                reasons,
                signals.build(),
                declared.name());
    }

    /** The resolver of the first {@code <base href>} that resolves, else of the page URL. */
    private static UrlResolver baseOf(String pageUrl, PageScan scan, Slices slices) {
        UrlResolver page = UrlResolver.forPage(pageUrl, null);
        for (int[] href : scan.baseHrefs) {
            String value = slices.value(href[0], href[1]);
            if (!page.resolve(value).isEmpty()) {
                return UrlResolver.forPage(pageUrl, value);
            }
        }
        return page;
    }

    private static ImageAttributes attributes(RawImage image, Slices slices) {
        String[] decoded = new String[TagIds.ATTR_COUNT];
        return name -> {
            int id = attrId(name);
            if (id < 0 || image.start[id] < 0) {
                return null;
            }
            String v = decoded[id];
            if (v == null) {
                v = slices.value(image, id);
                decoded[id] = v;
            }
            return v;
        };
    }

    private static List<ImageAttributes> sources(RawImage image, Slices slices) {
        if (image.sources == null) {
            return List.of();
        }
        List<ImageAttributes> out = new ArrayList<>(image.sources.length);
        for (RawImage source : image.sources) {
            out.add(attributes(source, slices));
        }
        return out;
    }

    private static int attrId(String name) {
        return switch (name) {
            case "src" -> TagIds.SRC;
            case "srcset" -> TagIds.SRCSET;
            case "data-src" -> TagIds.DATA_SRC;
            case "data-lazy-src" -> TagIds.DATA_LAZY_SRC;
            case "data-original" -> TagIds.DATA_ORIGINAL;
            case "data-srcset" -> TagIds.DATA_SRCSET;
            case "data-lazy-srcset" -> TagIds.DATA_LAZY_SRCSET;
            case "alt" -> TagIds.ALT;
            case "title" -> TagIds.TITLE_ATTR;
            case "width" -> TagIds.WIDTH;
            case "height" -> TagIds.HEIGHT;
            default -> -1;
        };
    }

    /** Decodes the byte ranges the scan kept, the way jsoup would have read them. */
    private static final class Slices {
        private final byte[] bytes;
        private final Charset charset;

        Slices(byte[] bytes, Charset charset) {
            this.bytes = bytes;
            this.charset = charset;
        }

        String value(RawImage image, int attr) {
            return value(image.start[attr], image.end[attr]);
        }

        /** An attribute value, entity-decoded; null when absent ({@code from < 0}). */
        String value(int from, int to) {
            if (from < 0) {
                return null;
            }
            if (from == to) {
                return "";
            }
            String v = new String(bytes, from, to - from, charset);
            if (v.indexOf('&') >= 0) {
                v = Parser.unescapeEntities(v, true);
            }
            return v.indexOf('\0') >= 0 ? v.replace('\0', '\uFFFD') : v;
        }

        String text(FigureText figure) {
            if (figure.caption.size() == 0) {
                return null;
            }
            String v = figure.caption.toString(charset);
            if (v.indexOf('&') >= 0) {
                v = Parser.unescapeEntities(v, false);
            }
            return Captions.cleanOrNull(v);
        }
    }
}
