package org.ccpairs.jobs.extract;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gathers {@link PageSignals} from a page's HTTP headers and markup, in document order; every
 * extractor feeds it the same way. Not thread-safe: one per page.
 */
public final class PageSignalsBuilder {
    private static final Pattern LINK_HEADER = Pattern.compile("<([^>]*)>\\s*((?:;[^,<]*)*)");
    private static final Pattern REL_LICENSE =
            Pattern.compile("(?i);\\s*rel\\s*=\\s*\"?[^\";]*\\blicense\\b");

    private final RobotsDirectives robots = new RobotsDirectives();
    private Boolean headerReservation;
    private Boolean metaReservation;
    private String headerPolicy;
    private String metaPolicy;
    private String licenseUrl;
    private String licenseId;
    private String htmlLang;
    private String metaLanguage;
    private String headerLanguage;

    /** The HTTP response headers, names in lower case. */
    public PageSignalsBuilder headers(
            Map<String, List<String>> headers, UnaryOperator<String> pageUrls) {
        if (headers == null) {
            return this;
        }
        for (String v : headers.getOrDefault("x-robots-tag", List.of())) {
            robots.header(v);
        }
        headerReservation = reservation(first(headers, "tdm-reservation"));
        headerPolicy = blankToNull(first(headers, "tdm-policy"));
        headerLanguage = language(first(headers, "content-language"));
        for (String v : headers.getOrDefault("link", List.of())) {
            Matcher m = LINK_HEADER.matcher(v);
            while (m.find()) {
                if (REL_LICENSE.matcher(m.group(2)).find()) {
                    license(pageUrls.apply(m.group(1).trim()));
                }
            }
        }
        return this;
    }

    /** A {@code <meta>} element outside templates. */
    public void meta(String name, String httpEquiv, String content) {
        if (content == null) {
            return;
        }
        if (name != null) {
            robots.meta(name, content);
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (n.equals("tdm-reservation") && metaReservation == null) {
                metaReservation = reservation(content);
            } else if (n.equals("tdm-policy") && metaPolicy == null) {
                metaPolicy = blankToNull(content);
            }
        }
        if (httpEquiv != null) {
            String h = httpEquiv.trim().toLowerCase(Locale.ROOT);
            if (h.equals("x-robots-tag")) {
                robots.header(content);
            } else if (h.equals("content-language") && metaLanguage == null) {
                metaLanguage = language(content);
            }
        }
    }

    /** An {@code <a>}, {@code <link>} or {@code <area>} with a rel attribute. */
    public void link(String rel, String resolvedHref) {
        if (rel == null || resolvedHref == null || resolvedHref.isEmpty()) {
            return;
        }
        for (String token : rel.trim().split("\\s+")) {
            if (token.equalsIgnoreCase("license")) {
                license(resolvedHref);
                return;
            }
        }
    }

    private void license(String url) {
        if (url.isEmpty() || licenseId != null) {
            return;
        }
        String id = Licenses.idOf(url);
        if (id != null) {
            licenseUrl = url;
            licenseId = id;
        } else if (licenseUrl == null) {
            licenseUrl = url;
        }
    }

    /** The {@code lang} attribute of the root {@code <html>} element. */
    public void htmlLang(String lang) {
        if (htmlLang == null) {
            htmlLang = language(lang);
        }
    }

    public PageSignals build() {
        return new PageSignals(
                robots.joined(),
                headerReservation != null ? headerReservation : metaReservation,
                headerPolicy != null ? headerPolicy : metaPolicy,
                licenseUrl,
                licenseId,
                htmlLang != null ? htmlLang : metaLanguage != null ? metaLanguage : headerLanguage);
    }

    private static Boolean reservation(String v) {
        if (v == null) {
            return null;
        }
        return switch (v.trim()) {
            case "1" -> Boolean.TRUE;
            case "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static String language(String v) {
        if (v == null) {
            return null;
        }
        String first = v.split(",", 2)[0].trim();
        if (first.isEmpty() || first.length() > 35) {
            return null;
        }
        return first;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
