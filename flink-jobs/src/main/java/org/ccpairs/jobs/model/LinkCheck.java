package org.ccpairs.jobs.model;

/**
 * What the link check found out about an image URL. Every nullable field is null when the check
 * ended before it was known (no answer, no sniffed bytes).
 *
 * @param status how the check ended
 * @param httpStatus the status code of the last answer; null when no answer came
 * @param finalUrl the URL that answered last, after redirects; null when nothing answered
 * @param contentType the Content-Type of the last answer, without parameters, lower case
 * @param contentLength the size of the image in bytes (Content-Length, or the total of a
 *     Content-Range); null when the server did not say
 * @param imageFormat the format sniffed from the first bytes: {@code png}, {@code jpeg}, {@code
 *     gif}, {@code webp}, {@code avif}, {@code heic}, {@code bmp}, {@code ico}, {@code svg}; null
 *     when no bytes were read
 * @param width the width in pixels read from the image header; null when not sniffed or unknown
 * @param height the height in pixels read from the image header
 * @param checkedAtMillis when the answer was received (for a cached answer: the original one)
 * @param detail one line for humans, e.g. {@code HTTP 404} or {@code robots.txt disallows /a/ for
 *     GPTBot}; not published with pairs, only with rejections
 * @param imageSha256 SHA-256 of the image's full bytes, 64 lower-case hex digits; null unless the
 *     checker read the whole image ({@code linkcheck.content-hash}) and found an image
 * @param imageMd5 MD5 of the image's full bytes, 32 lower-case hex digits; null like {@code
 *     imageSha256}
 */
public record LinkCheck(
        LinkStatus status,
        Integer httpStatus,
        String finalUrl,
        String contentType,
        Long contentLength,
        String imageFormat,
        Integer width,
        Integer height,
        long checkedAtMillis,
        String detail,
        String imageSha256,
        String imageMd5) {

    /** A result without image digests. */
    public LinkCheck(
            LinkStatus status,
            Integer httpStatus,
            String finalUrl,
            String contentType,
            Long contentLength,
            String imageFormat,
            Integer width,
            Integer height,
            long checkedAtMillis,
            String detail) {
        this(
                status,
                httpStatus,
                finalUrl,
                contentType,
                contentLength,
                imageFormat,
                width,
                height,
                checkedAtMillis,
                detail,
                null,
                null);
    }

    /** A check that ended without any answer worth recording. */
    public static LinkCheck of(LinkStatus status, String detail, long nowMillis) {
        return new LinkCheck(status, null, null, null, null, null, null, null, nowMillis, detail);
    }

    public LinkCheck withStatus(LinkStatus newStatus, String newDetail) {
        return new LinkCheck(
                newStatus,
                httpStatus,
                finalUrl,
                contentType,
                contentLength,
                imageFormat,
                width,
                height,
                checkedAtMillis,
                newDetail,
                imageSha256,
                imageMd5);
    }

    /** This result with the digests of the image's full bytes. */
    public LinkCheck withDigests(String sha256, String md5) {
        return new LinkCheck(
                status,
                httpStatus,
                finalUrl,
                contentType,
                contentLength,
                imageFormat,
                width,
                height,
                checkedAtMillis,
                detail,
                sha256,
                md5);
    }
}
