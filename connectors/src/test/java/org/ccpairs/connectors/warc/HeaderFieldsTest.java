package org.ccpairs.connectors.warc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.netpreserve.jwarc.WarcParser;

/**
 * {@link HeaderFields} reads exactly what jwarc's lenient parsers read, or declines: random header
 * lines built from the bytes that matter (separators, spaces, tabs, CR and LF alone, control and
 * non-ASCII bytes) are read by both, and whenever the strict parser accepts, jwarc gives the same
 * fields and values. The same for whole gzip records through the fast path and jwarc alone.
 */
class HeaderFieldsTest {
    private static final String[] PIECES = {
        "a",
        "B",
        "x-Y",
        "WARC-Type",
        "1",
        ":",
        ": ",
        " ",
        "\t",
        "  ",
        "\r\n",
        "\r",
        "\n",
        "\u0001",
        "\u007f",
        "é",
        "\u00ff",
        ",",
        "\"",
        "<",
        ">",
        "=",
        "/",
        "\u0000",
        "content-type",
        "Ü",
    };

    @Test
    void strictWarcFieldsAreWhatJwarcReads() {
        Random random = new Random(7);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] fields = randomFields(random, StandardCharsets.UTF_8);
            byte[] header = concat(ascii("WARC/1.0\r\n"), fields);
            HeaderFields fast = new HeaderFields(StandardCharsets.UTF_8);
            int end = fast.parse(header, 10, header.length);
            if (end < 0) {
                continue;
            }
            accepted++;
            WarcParser jwarc = new WarcParser();
            jwarc.setLenient(true);
            jwarc.parse(ByteBuffer.wrap(header));
            String input = new String(header, StandardCharsets.ISO_8859_1);
            assertThat(jwarc.isFinished()).as(input).isTrue();
            assertThat(jwarc.position()).as(input).isEqualTo(end);
            assertThat(lowerCase(jwarc.headers().map())).as(input).isEqualTo(fast.lowerCaseMap());
        }
        assertThat(accepted).isGreaterThan(1000);
    }

    @Test
    void strictHttpFieldsAreWhatJwarcReads() throws IOException {
        Random random = new Random(11);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] fields = randomFields(random, StandardCharsets.ISO_8859_1);
            byte[] head = concat(ascii("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n"), fields);
            HeaderFields fast = new HeaderFields(StandardCharsets.ISO_8859_1);
            int end = fast.parse(head, 17, head.length);
            if (end < 0) {
                continue;
            }
            accepted++;
            byte[] message = concat(head, ascii("body"));
            org.netpreserve.jwarc.HttpResponse jwarc =
                    org.netpreserve.jwarc.HttpResponse.parse(
                            java.nio.channels.Channels.newChannel(
                                    new ByteArrayInputStream(message)));
            String input = new String(head, StandardCharsets.ISO_8859_1);
            assertThat(lowerCase(jwarc.headers().map())).as(input).isEqualTo(fast.lowerCaseMap());
        }
        assertThat(accepted).isGreaterThan(1000);
    }

    @Test
    void randomGzipRecordsReadTheSameOnBothPaths() throws IOException {
        Random random = new Random(3);
        int fast = 0;
        for (int i = 0; i < 3_000; i++) {
            String status =
                    List.of(
                                    "HTTP/1.1 200 OK",
                                    "HTTP/1.0 200",
                                    "HTTP/1.1 404 Not Found",
                                    "HTTP/1.1 200 ",
                                    "HTTP/1.1  200 OK",
                                    "HTTP/2 200",
                                    "HTTP/1.1 200 OK\t",
                                    "HTTP/1.1 2000 OK",
                                    "http/1.1 200 OK")
                            .get(random.nextInt(9));
            byte[] http =
                    concat(
                            ascii(status + "\r\nContent-Type: text/html\r\n"),
                            randomFields(random, StandardCharsets.ISO_8859_1),
                            ascii("<html><img src=a.png alt=x></html>"));
            byte[] warcFields =
                    random.nextInt(3) == 0
                            ? randomFields(random, StandardCharsets.UTF_8)
                            : ascii("\r\n");
            byte[] header =
                    concat(
                            ascii(
                                    "WARC/1.0\r\nWARC-Type: response\r\n"
                                            + "WARC-Target-URI: http://example.org/\r\n"
                                            + "WARC-Date: 2024-01-01T00:00:00Z\r\n"
                                            + "Content-Type: application/http; msgtype=response\r\n"
                                            + "Content-Length: "
                                            + http.length
                                            + "\r\n"),
                            warcFields);
            byte[] record = concat(header, http, ascii("\r\n\r\n"));
            byte[] file = concat(WarcFixtures.gzip(record), WarcFixtures.gzip(record));
            boolean[] stayedFast = new boolean[1];
            assertThat(read(file, true, stayedFast))
                    .as(new String(record, StandardCharsets.ISO_8859_1))
                    .isEqualTo(read(file, false, new boolean[1]));
            if (stayedFast[0]) {
                fast++;
            }
        }
        assertThat(fast).as("records the fast path read itself").isGreaterThan(300);
    }

    private static List<String> read(byte[] file, boolean fastPath, boolean[] stayedFast) {
        List<String> out = new ArrayList<>();
        WarcPageReader reader;
        try {
            reader = new WarcPageReader(new ByteArrayInputStream(file), "f", 0, 1 << 20, fastPath);
        } catch (FileReadException e) {
            out.add("cannot start " + e.reason());
            return out;
        }
        reader.onBadRecord(e -> out.add("bad record at " + e.offset()));
        try {
            Optional<HtmlPage> page;
            while ((page = reader.next()).isPresent()) {
                HtmlPage p = page.get();
                out.add(
                        p.offset()
                                + " "
                                + p.url()
                                + " "
                                + p.headers()
                                + " "
                                + new String(p.body(), StandardCharsets.ISO_8859_1));
            }
        } catch (FileReadException e) {
            out.add("failure " + e.reason() + " at " + e.offset());
        } catch (RuntimeException e) {
            out.add("escaped " + e.getClass().getName());
        }
        out.add("records=" + reader.records() + " skipped=" + reader.skipped());
        stayedFast[0] = reader.fastPath();
        return out;
    }

    /** A few header lines of random pieces, usually ending in the blank line. */
    private static byte[] randomFields(Random random, java.nio.charset.Charset charset) {
        StringBuilder s = new StringBuilder();
        int lines = random.nextInt(4);
        for (int l = 0; l < lines; l++) {
            if (random.nextInt(3) > 0) {
                s.append(
                        List.of("X-A", "x-a", "WARC-Foo", "Link", "X_b", "k")
                                .get(random.nextInt(6)));
                s.append(random.nextInt(5) == 0 ? " :" : ":");
                int n = random.nextInt(5);
                for (int k = 0; k < n; k++) {
                    s.append(random.nextInt(3) == 0 ? PIECES[random.nextInt(PIECES.length)] : "v");
                }
                s.append(random.nextInt(8) == 0 ? "\n" : "\r\n");
            } else {
                int n = 1 + random.nextInt(6);
                for (int k = 0; k < n; k++) {
                    s.append(PIECES[random.nextInt(PIECES.length)]);
                }
                s.append("\r\n");
            }
        }
        s.append(random.nextInt(10) == 0 ? "\n" : "\r\n");
        return s.toString().getBytes(charset);
    }

    private static Map<String, List<String>> lowerCase(Map<String, List<String>> map) {
        Map<String, List<String>> out = new TreeMap<>();
        map.forEach(
                (k, v) ->
                        out.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>())
                                .addAll(v));
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
