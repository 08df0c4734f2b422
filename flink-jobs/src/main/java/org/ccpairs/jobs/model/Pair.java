package org.ccpairs.jobs.model;

/**
 * An image-text pair inside the job: the fields of the {@code ImageTextPair} schema plus what the
 * job needs to route it. Nullable fields are boxed; the fields after {@code height} came with
 * schema version 2 and are null on pairs made before it.
 *
 * @param pairId 32 hex digits, see {@code PairIdentity}
 * @param dedupKey the first 64 bits of the pair id, the dedup state's key
 * @param segmentSeq the job's sequence number of the segment it came from
 * @param fetchTimeMillis WARC-Date in epoch milliseconds; null when unknown
 * @param width declared width, null when not a positive integer
 * @param height declared height, null when not a positive integer
 * @param captionTruncated whether the caption was cut at its maximum length
 * @param imageTitle the image's title attribute, cleaned like the caption
 * @param figcaption the text of the nearest enclosing figure's figcaption, cleaned
 * @param imagePosition index of the image among the page's images, from 0
 * @param imageUrlSource the attribute the URL came from (src, data-src, srcset, picture, ...)
 * @param srcsetWidth the {@code w} descriptor of the chosen srcset candidate
 * @param pageTruncated whether the page's payload was cut (by the crawler, the reader's cap, or a
 *     file that breaks off)
 * @param pageLanguage the page's declared language ({@code <html lang>}, ...)
 * @param robots robots directives that apply to us, e.g. {@code "noindex, noai"}
 * @param tdmReservation TDMRep tdm-reservation (true = rights reserved)
 * @param tdmPolicy TDMRep tdm-policy URL
 * @param licenseUrl the page's rel=license link
 * @param licenseId the Creative Commons licence id of {@code licenseUrl}, e.g. cc-by-sa-3.0
 * @param sourceFormat {@code WARC} or {@code WAT}: the kind of file the pair was read from
 * @param responseRecordId WARC-Record-ID of the HTTP response the page was captured in (for WAT
 *     input, the record the metadata describes)
 * @param linkCheck what the link check found (schema version 3); null before the check, and on
 *     every pair when link checking is off
 * @param screening language and safety scores the filter stages found (schema version 4); null
 *     before the prefilter stage, and when it is off
 */
public record Pair(
        String pairId,
        long dedupKey,
        String imageUrl,
        String caption,
        String pageUrl,
        String crawlId,
        String segmentId,
        long segmentSeq,
        String warcFile,
        long warcOffset,
        String warcRecordId,
        Long fetchTimeMillis,
        Integer width,
        Integer height,
        Boolean captionTruncated,
        String imageTitle,
        String figcaption,
        Integer imagePosition,
        String imageUrlSource,
        Integer srcsetWidth,
        Boolean pageTruncated,
        String pageLanguage,
        String robots,
        Boolean tdmReservation,
        String tdmPolicy,
        String licenseUrl,
        String licenseId,
        String sourceFormat,
        String responseRecordId,
        LinkCheck linkCheck,
        Screening screening) {

    /**
     * A pair with the fields of schema version 1 only: not read from a page, checked or screened.
     */
    public Pair(
            String pairId,
            long dedupKey,
            String imageUrl,
            String caption,
            String pageUrl,
            String crawlId,
            String segmentId,
            long segmentSeq,
            String warcFile,
            long warcOffset,
            String warcRecordId,
            Long fetchTimeMillis,
            Integer width,
            Integer height) {
        this(
                pairId,
                dedupKey,
                imageUrl,
                caption,
                pageUrl,
                crawlId,
                segmentId,
                segmentSeq,
                warcFile,
                warcOffset,
                warcRecordId,
                fetchTimeMillis,
                width,
                height,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** This pair with the result of its link check. */
    public Pair withLinkCheck(LinkCheck check) {
        return new Pair(
                pairId,
                dedupKey,
                imageUrl,
                caption,
                pageUrl,
                crawlId,
                segmentId,
                segmentSeq,
                warcFile,
                warcOffset,
                warcRecordId,
                fetchTimeMillis,
                width,
                height,
                captionTruncated,
                imageTitle,
                figcaption,
                imagePosition,
                imageUrlSource,
                srcsetWidth,
                pageTruncated,
                pageLanguage,
                robots,
                tdmReservation,
                tdmPolicy,
                licenseUrl,
                licenseId,
                sourceFormat,
                responseRecordId,
                check,
                screening);
    }

    /** This pair with what the filter stages found out. */
    public Pair withScreening(Screening found) {
        return new Pair(
                pairId,
                dedupKey,
                imageUrl,
                caption,
                pageUrl,
                crawlId,
                segmentId,
                segmentSeq,
                warcFile,
                warcOffset,
                warcRecordId,
                fetchTimeMillis,
                width,
                height,
                captionTruncated,
                imageTitle,
                figcaption,
                imagePosition,
                imageUrlSource,
                srcsetWidth,
                pageTruncated,
                pageLanguage,
                robots,
                tdmReservation,
                tdmPolicy,
                licenseUrl,
                licenseId,
                sourceFormat,
                responseRecordId,
                linkCheck,
                found);
    }

    /** This pair's screening, {@link Screening#NONE} when it was not screened. */
    public Screening screeningOrNone() {
        return screening == null ? Screening.NONE : screening;
    }
}
