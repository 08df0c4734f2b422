package org.ccpairs.jobs.linkcheck;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.ccpairs.jobs.linkcheck.LinkCheckOptions.Probe;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.model.LinkStatus;

/**
 * What one HTTP answer means for a link check: done (with the result), follow a redirect, ask again
 * with a ranged GET to see the bytes, or retry later. Pure: the checker does the asking.
 */
final class Answers {
    private Answers() {}

    /** What to do next. */
    sealed interface Decision permits Done, Redirect, Sniff, Retry {}

    /** The check is over. */
    record Done(LinkCheck result) implements Decision {}

    /** Follow {@code location} (not yet resolved or checked). */
    record Redirect(String location, int status) implements Decision {}

    /** Ask the same URL again with a ranged GET. */
    record Sniff(String why) implements Decision {}

    /**
     * A transient failure: retry after a backoff if attempts are left, else end with {@code
     * status}.
     *
     * @param pauseHost how long the whole host must wait (Retry-After), or null
     * @param giveUp end now: the host asks for a longer pause than we wait
     */
    record Retry(
            LinkStatus status,
            Integer httpStatus,
            String detail,
            Duration pauseHost,
            boolean giveUp)
            implements Decision {}

    /**
     * The first request of a check (and of every redirect hop): HEAD unless the bytes are wanted
     * anyway (sniffing every image, or hashing it whole).
     */
    static boolean startsWithHead(LinkCheckSettings s) {
        return s.probe() != Probe.SNIFF && !s.contentHash();
    }

    static Decision decide(
            boolean head,
            HttpProbe.Response r,
            LinkTarget at,
            LinkCheckSettings s,
            long nowMillis) {
        int code = r.status();
        String contentType = mediaType(r.header("content-type"));
        Long length = length(r, head);
        LinkCheck base =
                new LinkCheck(
                        LinkStatus.OK,
                        code,
                        at.url(),
                        contentType,
                        length,
                        null,
                        null,
                        null,
                        nowMillis,
                        null);

        if (code >= 300 && code < 400 && code != 304) {
            String location = r.header("location");
            return location == null
                    ? new Done(
                            base.withStatus(
                                    LinkStatus.BAD_REDIRECT, "HTTP " + code + " without Location"))
                    : new Redirect(location, code);
        }
        if (code == 429 || (code == 503 && r.header("retry-after") != null)) {
            Duration wait =
                    RetryAfter.parse(r.header("retry-after"), Instant.ofEpochMilli(nowMillis));
            Duration pause = wait == null ? s.hostBackoff() : wait;
            boolean tooLong = pause.compareTo(s.hostMaxRetryAfter()) > 0;
            LinkStatus status = code == 429 ? LinkStatus.RATE_LIMITED : LinkStatus.SERVER_ERROR;
            String detail =
                    "HTTP "
                            + code
                            + (wait == null ? "" : ", Retry-After " + wait.toSeconds() + "s")
                            + (tooLong ? " is longer than linkcheck.host.max-retry-after" : "");
            return new Retry(
                    status, code, detail, tooLong ? s.hostMaxRetryAfter() : pause, tooLong);
        }
        if (head && (code == 405 || code == 501 || code == 400 || code == 403)) {
            return new Sniff("HEAD answered " + code);
        }
        if (code >= 500) {
            return new Retry(LinkStatus.SERVER_ERROR, code, "HTTP " + code, null, false);
        }
        if (code == 416) {
            return new Done(
                    base.withStatus(LinkStatus.NOT_AN_IMAGE, "HTTP 416: the resource is empty"));
        }
        if (code < 200 || code >= 300) {
            LinkStatus status =
                    code == 304 || code < 200
                            ? LinkStatus.PROTOCOL_ERROR
                            : LinkStatus.fromHttp(code);
            return new Done(base.withStatus(status, "HTTP " + code + " from " + at.url()));
        }
        String optOut = XRobotsTag.optOut(r.headers("x-robots-tag"), s.agents());
        if (optOut != null) {
            return new Done(base.withStatus(LinkStatus.OPTED_OUT, "X-Robots-Tag: " + optOut));
        }
        String tdm = r.header("tdm-reservation");
        if (tdm != null && tdm.strip().equals("1")) {
            return new Done(
                    base.withStatus(
                            LinkStatus.TDM_RESERVED, "tdm-reservation: 1 on the image response"));
        }
        if (length != null && length > s.maxContentLength()) {
            return new Done(base.withStatus(LinkStatus.TOO_LARGE, length + " bytes"));
        }
        if (head) {
            boolean image = contentType != null && contentType.startsWith("image/");
            if (!image) {
                return new Sniff("HEAD says Content-Type " + contentType);
            }
            if (length != null && length == 0) {
                return new Sniff("HEAD says Content-Length 0");
            }
            return s.probe() == Probe.HEAD ? new Done(base) : new Sniff("sniffing every image");
        }
        if (r.overHashLimit()) {
            return new Done(
                    base.withStatus(
                            LinkStatus.TOO_LARGE,
                            "more than "
                                    + s.maxImageBytes()
                                    + " bytes (linkcheck.max-image-bytes), so it cannot be"
                                    + " hashed"));
        }
        ImageSniffer.Image image = ImageSniffer.sniff(r.body());
        if (image == null) {
            String what =
                    r.body().length == 0
                            ? "an empty body"
                            : "no image signature in the first " + r.body().length + " bytes";
            return new Done(
                    base.withStatus(
                            LinkStatus.NOT_AN_IMAGE, "Content-Type " + contentType + ", " + what));
        }
        LinkCheck sniffed =
                new LinkCheck(
                        LinkStatus.OK,
                        code,
                        at.url(),
                        contentType,
                        length,
                        image.format(),
                        image.width(),
                        image.height(),
                        nowMillis,
                        null,
                        r.digests() == null ? null : r.digests().sha256(),
                        r.digests() == null ? null : r.digests().md5());
        if (image.width() != null
                && image.height() != null
                && (image.width() < s.minImageSide() || image.height() < s.minImageSide())) {
            return new Done(
                    sniffed.withStatus(
                            LinkStatus.TOO_SMALL,
                            image.format() + " " + image.width() + "x" + image.height()));
        }
        return new Done(sniffed);
    }

    /** {@code image/png} of {@code Image/PNG; charset=x}; null when missing or blank. */
    static String mediaType(String header) {
        if (header == null) {
            return null;
        }
        int semi = header.indexOf(';');
        String t =
                (semi >= 0 ? header.substring(0, semi) : header).strip().toLowerCase(Locale.ROOT);
        return t.isEmpty() ? null : t;
    }

    /** The full size: the total of a Content-Range, else the Content-Length of a full answer. */
    private static Long length(HttpProbe.Response r, boolean head) {
        String range = r.header("content-range");
        if (range != null) {
            int slash = range.lastIndexOf('/');
            String total = slash >= 0 ? range.substring(slash + 1).strip() : "";
            return total.chars().allMatch(Character::isDigit)
                            && !total.isEmpty()
                            && total.length() < 19
                    ? Long.parseLong(total)
                    : null;
        }
        if (r.status() == 206) {
            return null;
        }
        String cl = r.header("content-length");
        if (cl == null
                || cl.isBlank()
                || cl.strip().length() > 18
                || !cl.strip().chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(cl.strip());
    }
}
