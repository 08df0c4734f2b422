package org.ccpairs.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.ccpairs.localstack.web.ImageHosts;
import org.ccpairs.localstack.web.ImageHosts.Answer;
import org.ccpairs.localstack.web.TestImages;

/**
 * The image hosts of the demo, simulated on loopback since the demo runs offline: every host name
 * the pages point to is routed to one local server (the checker's test-only {@code
 * linkcheck.testing.endpoints}, which it logs loudly). Each image URL gets a fixed answer chosen
 * from a hash of the URL, so reruns agree: most answer a real JPEG or PNG, 1 in 16 answers 404 and
 * 1 in 32 a 403, so the link check has something to drop. The hosts publish no robots.txt, ai.txt
 * or tdmrep.json.
 */
public final class DemoWeb implements AutoCloseable {
    private static final Set<String> POLICY_FILES =
            Set.of("/robots.txt", "/ai.txt", "/.well-known/tdmrep.json");

    private final ImageHosts hosts;

    private DemoWeb(ImageHosts hosts) {
        this.hosts = hosts;
    }

    public static DemoWeb start() throws IOException {
        ImageHosts hosts = ImageHosts.start().keepRequests(false);
        List<byte[]> jpegs = List.of(TestImages.jpeg(640, 480), TestImages.jpeg(400, 300));
        byte[] png = TestImages.png(256, 256);
        hosts.fallback(
                r -> {
                    if (POLICY_FILES.contains(r.path())) {
                        return Answer.status(404);
                    }
                    long h = hash(r.host() + r.path());
                    if (h % 16 == 0) {
                        return Answer.status(404);
                    }
                    if (h % 32 == 1) {
                        return Answer.status(403);
                    }
                    return h % 3 == 0
                            ? Answer.image(png, "image/png")
                            : Answer.image(jpegs.get((int) (h % 2)), "image/jpeg");
                });
        return new DemoWeb(hosts);
    }

    /** The {@code linkcheck.testing.endpoints} rule that routes every host here. */
    public String endpointRule() {
        return hosts.everyHost();
    }

    public int port() {
        return hosts.port();
    }

    /** Requests the simulated hosts received. */
    public int requests() {
        return hosts.received();
    }

    /** How many distinct host names were asked. */
    public int hostsSeen() {
        return hosts.hostsSeen();
    }

    /** The most requests one host had open at once. */
    public int maxConcurrencyOfAnyHost() {
        return hosts.maxConcurrencyOfAnyHost();
    }

    private static long hash(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    @Override
    public void close() {
        hosts.close();
    }
}
