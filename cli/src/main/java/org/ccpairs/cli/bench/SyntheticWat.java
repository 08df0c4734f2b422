package org.ccpairs.cli.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ccpairs.connectors.warc.HtmlPage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;

/**
 * WAT records for a benchmark page, shaped like the ones ia-web-commons writes for Common Crawl:
 * one JSON metadata record per WARC record (request, response, metadata), the response's with
 * {@code HTML-Metadata} (Head with Title, Base, Metas, Link, Scripts; Links with A, IMG, LINK,
 * SCRIPT, IFRAME, FORM and AREA targets, raw attribute text). The page's HTML-Metadata is built
 * once per page with jsoup and reused for its copies.
 */
final class SyntheticWat {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Map<HtmlPage, String> HTML_METADATA = new IdentityHashMap<>();

    private SyntheticWat() {}

    static List<WarcRecord> records(
            WarcRequest request, WarcResponse response, HtmlPage page, String url)
            throws IOException {
        String html = HTML_METADATA.computeIfAbsent(page, SyntheticWat::htmlMetadata);
        return List.of(
                metadata(url, request.id(), envelope("request", url, request.id(), null, null)),
                metadata(url, response.id(), envelope("response", url, response.id(), page, html)),
                metadata(
                        url,
                        response.id(),
                        envelope(
                                "metadata",
                                url,
                                URI.create("urn:uuid:" + java.util.UUID.randomUUID()),
                                null,
                                null)));
    }

    private static WarcMetadata metadata(String url, URI refersTo, String json) throws IOException {
        return new WarcMetadata.Builder()
                .setHeader("WARC-Target-URI", url)
                .setHeader("WARC-Refers-To", "<" + refersTo + ">")
                .date(java.time.Instant.parse("2026-01-01T00:00:00Z"))
                .body(MediaType.parse("application/json"), json.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static String envelope(String type, String url, URI id, HtmlPage page, String html) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("Container");
            g.writeStringField("Filename", "CC-MAIN-bench.warc.gz");
            g.writeBooleanField("Compressed", true);
            g.writeStringField("Offset", "0");
            g.writeObjectFieldStart("Gzip-Metadata");
            g.writeStringField("Deflate-Length", "12345");
            g.writeStringField("Header-Length", "10");
            g.writeStringField("Footer-Length", "8");
            g.writeStringField("Inflated-Length", "54321");
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("Envelope");
            g.writeStringField("Format", "WARC");
            g.writeStringField("WARC-Header-Length", "500");
            g.writeStringField("Block-Digest", "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
            g.writeObjectFieldStart("WARC-Header-Metadata");
            g.writeStringField("WARC-Type", type);
            g.writeStringField("WARC-Date", "2026-01-01T00:00:00Z");
            g.writeStringField("WARC-Record-ID", "<" + id + ">");
            g.writeStringField("WARC-Target-URI", url);
            g.writeStringField("Content-Type", "application/http; msgtype=" + type);
            g.writeEndObject();
            g.writeObjectFieldStart("Payload-Metadata");
            g.writeStringField("Actual-Content-Type", "application/http; msgtype=" + type);
            if (page != null) {
                g.writeObjectFieldStart("HTTP-Response-Metadata");
                g.writeObjectFieldStart("Response-Message");
                g.writeStringField("Version", "HTTP/1.1");
                g.writeStringField("Status", "200");
                g.writeStringField("Reason", "OK");
                g.writeEndObject();
                g.writeObjectFieldStart("Headers");
                g.writeStringField(
                        "Content-Type",
                        "text/html"
                                + (page.charset() == null ? "" : "; charset=" + page.charset()));
                for (Map.Entry<String, List<String>> h : page.headers().entrySet()) {
                    if (!h.getKey().equals("content-type")) {
                        g.writeStringField(h.getKey(), String.join(", ", h.getValue()));
                    }
                }
                g.writeEndObject();
                g.writeStringField("Headers-Length", "300");
                g.writeStringField("Entity-Length", Integer.toString(page.body().length));
                g.writeFieldName("HTML-Metadata");
                g.writeRawValue(html);
                g.writeEndObject();
            } else {
                g.writeObjectFieldStart("HTTP-Request-Metadata");
                g.writeObjectFieldStart("Headers");
                g.writeStringField("User-Agent", "CCBot/2.0 (https://commoncrawl.org/faq/)");
                g.writeStringField(
                        "Accept",
                        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String htmlMetadata(HtmlPage page) {
        Document doc = Jsoup.parse(new String(page.body(), charsetOf(page)), page.url());
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("Head");
            g.writeStringField("Title", doc.title());
            Element base = doc.selectFirst("base[href]");
            if (base != null) {
                g.writeStringField("Base", raw(base.attr("href")));
            }
            g.writeArrayFieldStart("Metas");
            for (Element m : doc.select("meta")) {
                g.writeStartObject();
                for (var a : m.attributes()) {
                    g.writeStringField(a.getKey(), raw(a.getValue()));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("Link");
            for (Element l : doc.select("link[href]")) {
                g.writeStartObject();
                g.writeStringField("path", "LINK@/href");
                g.writeStringField("url", raw(l.attr("href")));
                if (l.hasAttr("rel")) {
                    g.writeStringField("rel", l.attr("rel"));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeArrayFieldStart("Links");
            for (Element e :
                    doc.select(
                            "a[href], img[src], script[src], iframe[src], form[action],"
                                    + " area[href]")) {
                String attr = e.hasAttr("href") ? "href" : e.hasAttr("src") ? "src" : "action";
                g.writeStartObject();
                g.writeStringField(
                        "path", e.tagName().toUpperCase(java.util.Locale.ROOT) + "@/" + attr);
                g.writeStringField("url", raw(e.attr(attr)));
                if (e.hasAttr("alt")) {
                    g.writeStringField("alt", raw(e.attr("alt")));
                }
                if (e.hasAttr("title")) {
                    g.writeStringField("title", raw(e.attr("title")));
                }
                if (e.nameIs("a")) {
                    g.writeStringField("text", e.text());
                }
                if (e.hasAttr("rel")) {
                    g.writeStringField("rel", e.attr("rel"));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static java.nio.charset.Charset charsetOf(HtmlPage page) {
        try {
            return page.charset() == null
                    ? StandardCharsets.UTF_8
                    : java.nio.charset.Charset.forName(page.charset());
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** Attribute text the way ia-web-commons keeps it: with {@code &} still escaped. */
    private static String raw(String value) {
        return value.replace("&", "&amp;");
    }
}
