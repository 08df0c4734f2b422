package org.ccpairs.jobs.extract;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jsoup.parser.Parser;

/**
 * Pairs from a WAT record's {@code HTML-Metadata}, with the rules of the HTML extractors: each link
 * with path {@code IMG@/src} is an image (in page order), its {@code alt} the caption, resolved
 * against {@code Head.Base} and the page URL; {@code Head.Metas} and the response headers give the
 * page signals, links with a {@code rel} the licence. ia-web-commons stores attribute values raw,
 * so entities are decoded here. A WAT record carries no srcset, lazy-loading attributes, sizes,
 * figcaptions or {@code <html lang>}: those stay empty, and the URL is always {@code src}.
 */
final class WatExtractor {
    private WatExtractor() {}

    static Extraction extract(WatMetadata wat, String pageUrl) {
        UrlResolver urls = UrlResolver.forPage(pageUrl, decode(wat.base));
        List<ImageCandidate> candidates = new ArrayList<>();
        Map<BadUrl, Integer> reasons = new EnumMap<>(BadUrl.class);
        int images = 0;
        int withoutAlt = 0;
        int badUrl = 0;
        PageSignalsBuilder signals = new PageSignalsBuilder().headers(wat.headers, urls::resolve);
        for (WatMetadata.Meta m : wat.metas) {
            signals.meta(decode(m.name()), decode(m.httpEquiv()), decode(m.content()));
        }
        for (WatMetadata.Link link : wat.links) {
            if (link.rel() != null && link.url() != null) {
                signals.link(decode(link.rel()), urls.resolve(decode(link.url())));
            }
            if (!"IMG@/src".equals(link.path())) {
                continue;
            }
            int position = images++;
            Captions.Cleaned alt = Captions.cleanWithFlag(decode(link.alt()));
            if (alt.text().isEmpty()) {
                withoutAlt++;
                continue;
            }
            String src = decode(link.url());
            ImageSource.Choice choice =
                    ImageSource.choose(
                            name -> name.equals("src") ? src : null, List.of(), urls::resolve);
            if (choice.rejected() != null) {
                badUrl++;
                reasons.merge(choice.rejected(), 1, Integer::sum);
                continue;
            }
            candidates.add(
                    new ImageCandidate(
                            choice.url(),
                            alt.text(),
                            null,
                            null,
                            alt.truncated(),
                            Captions.cleanOrNull(decode(link.title())),
                            null,
                            position,
                            choice.from(),
                            null));
        }
        return new Extraction(
                candidates, images, withoutAlt, badUrl, reasons, signals.build(), null);
    }

    private static String decode(String raw) {
        return raw == null || raw.indexOf('&') < 0 ? raw : Parser.unescapeEntities(raw, true);
    }
}
