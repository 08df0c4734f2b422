package org.ccpairs.jobs.model;

/**
 * How the link check of an image URL ended. The names are stable reason codes: they are written to
 * {@code ccpairs.pairs} ({@code link_status}), to the rejections topic and to metrics labels. Only
 * {@link #OK} pairs are published.
 *
 * <p>{@link Kind} groups the codes: whether the image is gone, whether asking again later could
 * change the answer ({@link #isTransient()}: retried with backoff and never cached), and which
 * codes are opt-outs or refusals of our own.
 */
public enum LinkStatus {
    /** The URL answered 2xx with an image (after at most the allowed redirects). */
    OK(Kind.OK),

    NOT_FOUND(Kind.DEAD),
    GONE(Kind.DEAD),
    /** 401 or 403, also to a ranged GET after HEAD was refused. */
    FORBIDDEN(Kind.DEAD),
    /** Another 4xx. */
    CLIENT_ERROR(Kind.DEAD),
    TOO_MANY_REDIRECTS(Kind.DEAD),
    REDIRECT_LOOP(Kind.DEAD),
    /** A redirect without a usable Location (missing, unparsable, not http/https). */
    BAD_REDIRECT(Kind.DEAD),
    /** The host name does not resolve. */
    DNS_FAILURE(Kind.DEAD),

    /** 5xx, after the retries. */
    SERVER_ERROR(Kind.TRANSIENT),
    /** 429 (or 503 with Retry-After) after the retries, or a Retry-After longer than we wait. */
    RATE_LIMITED(Kind.TRANSIENT),
    /** A request took longer than its timeout, or the whole check longer than the check timeout. */
    TIMEOUT(Kind.TRANSIENT),
    /** The check waited for its host (politeness limits) longer than the check timeout. */
    HOST_BACKLOG(Kind.TRANSIENT),
    /** The host failed so often that its circuit is open; no request was sent. */
    HOST_UNAVAILABLE(Kind.TRANSIENT),
    CONNECT_FAILURE(Kind.TRANSIENT),
    TLS_FAILURE(Kind.TRANSIENT),
    /** The server answered something that is not HTTP, or broke the connection mid-answer. */
    PROTOCOL_ERROR(Kind.TRANSIENT),
    /** robots.txt could not be fetched (5xx, 429): RFC 9309 says to assume complete disallow. */
    ROBOTS_UNAVAILABLE(Kind.TRANSIENT),

    /** The answer is not an image: the sniffed bytes are no known image format. */
    NOT_AN_IMAGE(Kind.CONTENT),
    /** An image smaller than {@code linkcheck.min-image-side} in width or height. */
    TOO_SMALL(Kind.CONTENT),
    /** Content-Length above {@code linkcheck.max-content-length}. */
    TOO_LARGE(Kind.CONTENT),

    /** X-Robots-Tag noai or noimageai on the image response (plain or scoped to our agents). */
    OPTED_OUT(Kind.OPT_OUT),
    /** The host's robots.txt disallows the path for one of our agents; nothing was requested. */
    ROBOTS_DISALLOWED(Kind.OPT_OUT),
    /** The host's ai.txt disallows the path; nothing was requested. */
    AI_TXT_DISALLOWED(Kind.OPT_OUT),
    /** TDMRep reserves text-and-data-mining rights (tdmrep.json or a tdm-reservation header). */
    TDM_RESERVED(Kind.OPT_OUT),

    /** The address is loopback, private, link-local, ... (SSRF guard); nothing was sent. */
    BLOCKED_ADDRESS(Kind.REFUSED),
    /** The port is not in {@code linkcheck.allowed-ports}; nothing was sent. */
    BLOCKED_PORT(Kind.REFUSED),
    /** Not an absolute http(s) URL we can request. */
    UNSUPPORTED_URL(Kind.REFUSED),
    /** A bug of the checker itself; logged with its stack trace. The pair is not published. */
    CHECK_FAILED(Kind.REFUSED);

    /** What a status says about the image. */
    public enum Kind {
        OK,
        /** The link leads nowhere, and asking again soon will not change that. */
        DEAD,
        /** It might work later: retried with backoff within the check, never cached. */
        TRANSIENT,
        /** The link works but the answer is not an image we keep. */
        CONTENT,
        /** The site opted out of AI training or text-and-data mining. */
        OPT_OUT,
        /** We refused to send a request at all. */
        REFUSED
    }

    private final Kind kind;

    LinkStatus(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }

    /**
     * The status of a final (not redirecting) HTTP answer; 2xx maps to {@link #OK}, which the
     * caller then refines by what the answer holds.
     *
     * @throws IllegalArgumentException for 1xx and 3xx, which are not final answers
     */
    public static LinkStatus fromHttp(int code) {
        if (code >= 200 && code < 300) {
            return OK;
        }
        if (code < 200 || (code >= 300 && code < 400)) {
            throw new IllegalArgumentException("not a final HTTP status: " + code);
        }
        return switch (code) {
            case 404 -> NOT_FOUND;
            case 410 -> GONE;
            case 401, 403 -> FORBIDDEN;
            case 429 -> RATE_LIMITED;
            default -> code < 500 ? CLIENT_ERROR : SERVER_ERROR;
        };
    }
}
