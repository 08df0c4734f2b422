package org.ccpairs.jobs.extract;

/**
 * What a page says about the use of its content, carried on each of its pairs. Every field is null
 * when the page does not say.
 *
 * @param robots the robots directives that apply to Common Crawl and ccpairs, lower case, in order
 *     of appearance, without duplicates, joined by {@code ", "} (e.g. {@code "noindex, noai"}):
 *     from {@code <meta name="robots|ccbot|ccpairs">} and {@code X-Robots-Tag} headers (plain, or
 *     scoped to {@code ccbot:} or {@code ccpairs:}); directives scoped to other crawlers are left
 *     out
 * @param tdmReservation TDMRep {@code tdm-reservation}: true for 1 (rights reserved), false for 0;
 *     header before meta
 * @param tdmPolicy TDMRep {@code tdm-policy} URL; header before meta
 * @param licenseUrl the first {@code rel="license"} link (a, link, area, or HTTP Link header),
 *     resolved; a Creative Commons one wins over others
 * @param licenseId the Creative Commons licence of {@code licenseUrl}, e.g. {@code cc-by-sa-3.0},
 *     {@code cc0-1.0}, {@code pdm-1.0}
 * @param language {@code <html lang>}, else {@code <meta http-equiv="content-language">}, else the
 *     {@code Content-Language} header; the first tag, trimmed
 */
public record PageSignals(
        String robots,
        Boolean tdmReservation,
        String tdmPolicy,
        String licenseUrl,
        String licenseId,
        String language) {
    public static final PageSignals NONE = new PageSignals(null, null, null, null, null, null);
}
