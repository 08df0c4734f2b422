package org.ccpairs.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ccpairs.localstack.web.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The benchmark's farm over real sockets, spoken to byte by byte. */
class ImageFarmTest {
    private static final Duration DELAY = Duration.ofMillis(300);
    private final byte[] png = TestImages.png(32, 24);
    private ImageFarm farm;

    @BeforeEach
    void start() throws InterruptedException {
        farm = new ImageFarm(png, Set.of("/robots.txt"), DELAY);
    }

    @AfterEach
    void stop() {
        farm.close();
    }

    @Test
    void answersImagesAfterTheDelayOnOneKeptAliveConnection() throws IOException {
        try (Socket socket = connect()) {
            long sent = System.nanoTime();
            Response head = exchange(socket, "HEAD", "/i/1.png", "a.example");
            long waited = System.nanoTime() - sent;
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.headers())
                    .containsEntry("content-type", "image/png")
                    .containsEntry("content-length", Integer.toString(png.length));
            assertThat(head.body()).isEmpty();
            assertThat(waited).isGreaterThanOrEqualTo(DELAY.toNanos());

            Response get = exchange(socket, "GET", "/i/2.png?size=1", "a.example");
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.body()).isEqualTo(png);

            Response missing = exchange(socket, "GET", "/robots.txt", "a.example");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.body()).isEmpty();
        }
        assertThat(farm.received()).isEqualTo(3);
        assertThat(farm.maxConcurrencyOfAnyHost()).isEqualTo(1);
    }

    @Test
    void countsTheRequestsEachHostNameHasOpenAtOnce() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            // three at once for a.example (one of them naming a port), one for b.example
            String[] hosts = {"a.example", "a.example:8080", "A.EXAMPLE", "b.example"};
            for (String host : hosts) {
                Socket s = connect();
                sockets.add(s);
                send(s, "HEAD", "/x.png", host);
            }
            for (Socket s : sockets) {
                assertThat(read(s.getInputStream(), true).status()).isEqualTo(200);
            }
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        assertThat(farm.received()).isEqualTo(4);
        assertThat(farm.hostsSeen()).isEqualTo(2);
        assertThat(farm.maxConcurrencyOfAnyHost()).isEqualTo(3);
    }

    @Test
    void closesAfterAnswerWhenAskedAndRefusesGarbage() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("GET /i/1.png HTTP/1.1\r\nHost: a.example\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(read(in, false).body()).isEqualTo(png);
            assertThat(in.read()).as("connection closed").isEqualTo(-1);
        }
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Response refused = read(socket.getInputStream(), false);
            assertThat(refused.status()).isEqualTo(400);
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), farm.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private record Response(int status, Map<String, String> headers, byte[] body) {}

    private static Response exchange(Socket s, String method, String path, String host)
            throws IOException {
        send(s, method, path, host);
        return read(s.getInputStream(), method.equals("HEAD"));
    }

    private static void send(Socket s, String method, String path, String host) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(
                (method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One response: status line, headers, and a body of its Content-Length (none for HEAD). */
    private static Response read(InputStream in, boolean head) throws IOException {
        String status = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        int length = head ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        assertThat(body).hasSize(length);
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of a response head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
