package org.ccpairs.jobs.filter;

import java.util.Set;
import org.ccpairs.jobs.model.Pair;

/**
 * Rejects pairs whose page opted out of AI training, as {@code OPTED_OUT}: robots directives {@code
 * noai} or {@code noimageai} (from meta robots / ccbot / ccpairs tags and {@code X-Robots-Tag},
 * plain or scoped to our crawlers: extraction keeps exactly those, see {@code RobotsDirectives}),
 * and a TDMRep {@code tdm-reservation: 1}. Runs before any request to the image host; the link
 * check adds the host's own opt-outs (robots.txt, ai.txt, tdmrep.json, X-Robots-Tag of the image).
 */
public final class OptOutFilter implements PairFilter {
    public static final String OPTED_OUT = "OPTED_OUT";

    /** Directives that withhold a page's images from AI training. */
    public static final Set<String> DIRECTIVES = Set.of("noai", "noimageai");

    @Override
    public String name() {
        return "page-opt-out";
    }

    @Override
    public Verdict check(Pair pair) {
        String robots = pair.robots();
        if (robots != null) {
            for (String d : robots.split(",")) {
                String directive = d.trim();
                if (DIRECTIVES.contains(directive)) {
                    return Verdict.reject(OPTED_OUT, "robots " + directive);
                }
            }
        }
        if (Boolean.TRUE.equals(pair.tdmReservation())) {
            return Verdict.reject(
                    OPTED_OUT,
                    "tdm-reservation 1"
                            + (pair.tdmPolicy() == null ? "" : ", policy " + pair.tdmPolicy()));
        }
        return Verdict.PASS;
    }

    @Override
    public String toString() {
        return name() + DIRECTIVES;
    }
}
