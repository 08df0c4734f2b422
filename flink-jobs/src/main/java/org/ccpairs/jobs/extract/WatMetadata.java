package org.ccpairs.jobs.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of a WAT JSON record that pairs need, read with a streaming parser that skips the rest:
 * {@code Envelope.WARC-Header-Metadata} (type, target URI, date, record id, truncation), and of
 * {@code Payload-Metadata.HTTP-Response-Metadata}: the status, the headers (values as strings, or
 * as lists since CC-MAIN-2024-51), {@code HTML-Metadata.Head.Base}, {@code Head.Metas}, {@code
 * Head.Link} and {@code HTML-Metadata.Links}. Values are as ia-web-commons stored them: raw
 * attribute text, entities not decoded.
 */
final class WatMetadata {
    private static final JsonFactory JSON = new JsonFactory();

    /** A link of {@code HTML-Metadata.Links} or {@code Head.Link}. */
    record Link(String path, String url, String alt, String title, String rel) {}

    /** A {@code Head.Metas} entry. */
    record Meta(String name, String httpEquiv, String content) {}

    String warcType;
    String targetUri;
    String date;
    String recordId;
    String identifiedPayloadType;
    boolean warcTruncated;
    int status = -1;
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    boolean html;
    String base;
    final List<Meta> metas = new ArrayList<>();
    final List<Link> links = new ArrayList<>();

    /**
     * Reads {@code json}. What was read before a syntax error or the end of a cut record stays.
     *
     * @throws IOException when the JSON is malformed
     */
    static WatMetadata read(byte[] json, WatMetadata into) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a WAT record is a JSON object");
            }
            object(
                    p,
                    (name, q) -> {
                        if (name.equals("Envelope")) {
                            into.envelope(q);
                        } else {
                            q.skipChildren();
                        }
                    });
        }
        return into;
    }

    @FunctionalInterface
    private interface Field {
        void read(String name, JsonParser p) throws IOException;
    }

    /** Calls {@code field} for each field of the object the parser is at (after START_OBJECT). */
    private static void object(JsonParser p, Field field) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            field.read(name, p);
        }
        if (t == null) {
            throw new IOException("JSON ends inside an object");
        }
    }

    private static boolean isObject(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.START_OBJECT) {
            return true;
        }
        p.skipChildren();
        return false;
    }

    private void envelope(JsonParser p) throws IOException {
        if (!isObject(p)) {
            return;
        }
        object(
                p,
                (name, q) -> {
                    switch (name) {
                        case "WARC-Header-Metadata" -> warcHeaders(q);
                        case "Payload-Metadata" -> payload(q);
                        default -> q.skipChildren();
                    }
                });
    }

    private void warcHeaders(JsonParser p) throws IOException {
        if (!isObject(p)) {
            return;
        }
        object(
                p,
                (name, q) -> {
                    String v = q.currentToken().isScalarValue() ? q.getValueAsString() : null;
                    q.skipChildren();
                    switch (name) {
                        case "WARC-Type" -> warcType = v;
                        case "WARC-Target-URI" -> targetUri = v;
                        case "WARC-Date" -> date = v;
                        case "WARC-Record-ID" -> recordId = v;
                        case "WARC-Identified-Payload-Type" -> identifiedPayloadType = v;
                        case "WARC-Truncated" -> warcTruncated = true;
                        default -> {}
                    }
                });
    }

    private void payload(JsonParser p) throws IOException {
        if (!isObject(p)) {
            return;
        }
        object(
                p,
                (name, q) -> {
                    if (name.equals("HTTP-Response-Metadata")) {
                        response(q);
                    } else {
                        q.skipChildren();
                    }
                });
    }

    private void response(JsonParser p) throws IOException {
        if (!isObject(p)) {
            return;
        }
        object(
                p,
                (name, q) -> {
                    switch (name) {
                        case "Headers" -> headers(q);
                        case "Response-Message" -> {
                            if (isObject(q)) {
                                object(
                                        q,
                                        (field, r) -> {
                                            if (field.equals("Status")
                                                    && r.currentToken().isScalarValue()) {
                                                status = parseStatus(r.getValueAsString());
                                            }
                                            r.skipChildren();
                                        });
                            }
                        }
                        case "HTML-Metadata" -> htmlMetadata(q);
                        default -> q.skipChildren();
                    }
                });
    }

    private void headers(JsonParser p) throws IOException {
        if (!isObject(p)) {
            return;
        }
        object(
                p,
                (name, q) -> {
                    List<String> values =
                            headers.computeIfAbsent(
                                    name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1));
                    if (q.currentToken() == JsonToken.START_ARRAY) {
                        JsonToken t;
                        while ((t = q.nextToken()) != JsonToken.END_ARRAY && t != null) {
                            if (t.isScalarValue()) {
                                values.add(q.getValueAsString());
                            } else {
                                q.skipChildren();
                            }
                        }
                    } else if (q.currentToken().isScalarValue()) {
                        values.add(q.getValueAsString());
                    } else {
                        q.skipChildren();
                    }
                });
    }

    private void htmlMetadata(JsonParser p) throws IOException {
        if (!isObject(p)) {
            return;
        }
        html = true;
        object(
                p,
                (name, q) -> {
                    switch (name) {
                        case "Head" -> head(q);
                        case "Links" -> links(q, links);
                        default -> q.skipChildren();
                    }
                });
    }

    private void head(JsonParser p) throws IOException {
        if (!isObject(p)) {
            return;
        }
        object(
                p,
                (name, q) -> {
                    switch (name) {
                        case "Base" -> {
                            if (q.currentToken().isScalarValue()) {
                                base = q.getValueAsString();
                            } else if (q.currentToken() == JsonToken.START_OBJECT) {
                                object(
                                        q,
                                        (field, r) -> {
                                            if ((field.equals("href") || field.equals("url"))
                                                    && r.currentToken().isScalarValue()) {
                                                base = r.getValueAsString();
                                            }
                                            r.skipChildren();
                                        });
                            } else {
                                q.skipChildren();
                            }
                        }
                        case "Metas" -> metas(q);
                        case "Link" -> links(q, links);
                        default -> q.skipChildren();
                    }
                });
    }

    private void metas(JsonParser p) throws IOException {
        objectsOf(
                p,
                "Metas",
                () -> {
                    String[] m = new String[3];
                    object(
                            p,
                            (name, q) -> {
                                String v = scalar(q);
                                switch (name.toLowerCase(Locale.ROOT)) {
                                    case "name", "property" -> m[0] = m[0] == null ? v : m[0];
                                    case "http-equiv" -> m[1] = v;
                                    case "content" -> m[2] = v;
                                    default -> {}
                                }
                            });
                    metas.add(new Meta(m[0], m[1], m[2]));
                });
    }

    private static void links(JsonParser p, List<Link> into) throws IOException {
        objectsOf(
                p,
                "Links",
                () -> {
                    String[] l = new String[5];
                    object(
                            p,
                            (name, q) -> {
                                String v = scalar(q);
                                switch (name) {
                                    case "path" -> l[0] = v;
                                    case "url" -> l[1] = v;
                                    case "alt" -> l[2] = v;
                                    case "title" -> l[3] = v;
                                    case "rel" -> l[4] = v;
                                    default -> {}
                                }
                            });
                    into.add(new Link(l[0], l[1], l[2], l[3], l[4]));
                });
    }

    /** Reads one object of an array, the parser on its START_OBJECT. */
    private interface ArrayObject {
        void read() throws IOException;
    }

    /**
     * Calls {@code each} for every object of the array {@code what} at {@code p}; anything else in
     * the array, or a value that is no array, is skipped.
     */
    private static void objectsOf(JsonParser p, String what, ArrayObject each) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new IOException("JSON ends inside " + what);
            }
            if (t == JsonToken.START_OBJECT) {
                each.read();
            } else {
                p.skipChildren();
            }
        }
    }

    /** The field's value as a string when it is a scalar, else null; skips the value. */
    private static String scalar(JsonParser q) throws IOException {
        String v = q.currentToken().isScalarValue() ? q.getValueAsString() : null;
        q.skipChildren();
        return v;
    }

    private static int parseStatus(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException | NullPointerException e) {
            return -1;
        }
    }
}
