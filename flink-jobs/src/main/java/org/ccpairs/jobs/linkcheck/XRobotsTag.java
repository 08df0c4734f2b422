package org.ccpairs.jobs.linkcheck;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the {@code X-Robots-Tag} headers of an image response for AI opt-outs: {@code noai} and
 * {@code noimageai}, plain or scoped to one of our agents ({@code GPTBot: noai}). A value may name
 * an agent before its directives ({@code googlebot: noindex, nofollow}); directives after the name
 * apply to that agent only, as Google documents for the header.
 */
final class XRobotsTag {
    /**
     * Directives that carry a value after a colon, so that their name is not taken for an agent.
     */
    private static final Set<String> VALUED =
            Set.of("unavailable_after", "max-snippet", "max-image-preview", "max-video-preview");

    private XRobotsTag() {}

    /**
     * The opt-out directive that applies to us, e.g. {@code noai} or {@code GPTBot: noimageai}, or
     * null when none does.
     *
     * @param values every X-Robots-Tag header value of the response
     * @param agents our agent names (any case)
     */
    static String optOut(List<String> values, Collection<String> agents) {
        for (String value : values) {
            String scope = null;
            for (String item : value.split(",")) {
                String directive = item.strip().toLowerCase(Locale.ROOT);
                int colon = directive.indexOf(':');
                if (colon > 0) {
                    String name = directive.substring(0, colon).strip();
                    if (!VALUED.contains(name)) {
                        scope = name;
                        directive = directive.substring(colon + 1).strip();
                    }
                }
                if ((directive.equals("noai") || directive.equals("noimageai"))
                        && (scope == null || matches(scope, agents))) {
                    return scope == null ? directive : scope + ": " + directive;
                }
            }
        }
        return null;
    }

    private static boolean matches(String scope, Collection<String> agents) {
        return agents.stream().anyMatch(a -> a.equalsIgnoreCase(scope));
    }
}
