package org.ccpairs.jobs.extract;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Collects robots directives from meta tags and {@code X-Robots-Tag} headers, keeping those for all
 * crawlers and those scoped to ours. {@code X-Robots-Tag: ccbot: noai, noimageai} scopes both
 * directives to CCBot; {@code googlebot: noindex} is left out; {@code unavailable_after: 25 Jun
 * 2010} and {@code max-image-preview:none} are directives with a value, not scopes.
 */
public final class RobotsDirectives {
    /** Crawler names whose scoped directives apply to pairs from Common Crawl. */
    private static final Set<String> OURS = Set.of("ccbot", "ccpairs", "*");

    /** Directives that take a value after a colon (so the part before is no crawler name). */
    private static final Set<String> WITH_VALUE =
            Set.of(
                    "unavailable_after",
                    "max-snippet",
                    "max-image-preview",
                    "max-video-preview",
                    "notranslate");

    private final Set<String> directives = new LinkedHashSet<>();

    /** A {@code <meta name=... content=...>}; {@code name} decides whether it applies. */
    public void meta(String name, String content) {
        if (name == null || content == null) {
            return;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("robots") || OURS.contains(n)) {
            for (String d : content.split(",")) {
                add(d);
            }
        }
    }

    /** One {@code X-Robots-Tag} header value. */
    public void header(String value) {
        if (value == null) {
            return;
        }
        boolean applies = true;
        for (String item : value.split(",")) {
            String d = item.trim();
            int colon = d.indexOf(':');
            if (colon > 0) {
                String before = d.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                if (!WITH_VALUE.contains(before) && isToken(before)) {
                    applies = OURS.contains(before);
                    d = d.substring(colon + 1);
                }
            }
            if (applies) {
                add(d);
            }
        }
    }

    private void add(String directive) {
        String d = directive.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (!d.isEmpty()) {
            directives.add(d);
        }
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '*')) {
                return false;
            }
        }
        return true;
    }

    /** The directives joined by {@code ", "}, or null when there are none. */
    public String joined() {
        return directives.isEmpty() ? null : String.join(", ", directives);
    }
}
