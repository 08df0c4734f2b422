package org.ccpairs.connectors.warc;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decides whether a response is an HTML page: by its HTTP Content-Type; when that is missing or
 * generic (application/octet-stream, unknown), by the crawler's WARC-Identified-Payload-Type; when
 * that is missing too, by sniffing the payload's first bytes for the tags the WHATWG MIME sniffing
 * standard lists ({@code <!DOCTYPE HTML}, {@code <html}, {@code <head}, {@code <body}, ...).
 */
public final class HtmlSniffer {
    private static final String[] HTML_STARTS = {
        "<!doctype html",
        "<html",
        "<head",
        "<script",
        "<iframe",
        "<h1",
        "<div",
        "<font",
        "<table",
        "<a",
        "<style",
        "<title",
        "<b",
        "<body",
        "<br",
        "<p",
        "<!--"
    };

    /** What the headers alone say. */
    public enum Verdict {
        HTML,
        NOT_HTML,
        SNIFF
    }

    private HtmlSniffer() {}

    /**
     * @param contentType the HTTP Content-Type value, or null when absent
     * @param identified the WARC-Identified-Payload-Type value, or null
     */
    public static Verdict byHeaders(String contentType, String identified) {
        String base = base(contentType);
        if (base != null && !isGeneric(base)) {
            return isHtml(base) ? Verdict.HTML : Verdict.NOT_HTML;
        }
        String id = base(identified);
        if (id != null && !isGeneric(id)) {
            return isHtml(id) ? Verdict.HTML : Verdict.NOT_HTML;
        }
        return Verdict.SNIFF;
    }

    public static boolean looksLikeHtml(byte[] body) {
        int i = 0;
        if (body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB) {
            i = 3;
        }
        while (i < body.length
                && (body[i] == ' '
                        || body[i] == '\n'
                        || body[i] == '\r'
                        || body[i] == '\t'
                        || body[i] == '\f')) {
            i++;
        }
        String head =
                new String(body, i, Math.min(16, body.length - i), StandardCharsets.ISO_8859_1)
                        .toLowerCase(Locale.ROOT);
        for (String start : HTML_STARTS) {
            if (head.startsWith(start)
                    && head.length() > start.length()
                    && (head.charAt(start.length()) == ' ' || head.charAt(start.length()) == '>')) {
                return true;
            }
        }
        return false;
    }

    private static String base(String mediaType) {
        if (mediaType == null) {
            return null;
        }
        int semicolon = mediaType.indexOf(';');
        String base =
                (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon))
                        .trim()
                        .toLowerCase(Locale.ROOT);
        return base.isEmpty() ? null : base;
    }

    private static boolean isHtml(String base) {
        return base.equals("text/html") || base.equals("application/xhtml+xml");
    }

    private static boolean isGeneric(String base) {
        return base.equals("application/octet-stream")
                || base.equals("unknown/unknown")
                || base.equals("application/unknown")
                || base.equals("*/*")
                || base.equals("binary/octet-stream")
                || base.equals("application/x-unknown-content-type")
                || !base.contains("/");
    }
}
