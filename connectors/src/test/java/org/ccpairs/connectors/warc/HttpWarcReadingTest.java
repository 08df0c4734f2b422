package org.ccpairs.connectors.warc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ccpairs.connectors.testing.Corpus;
import org.ccpairs.connectors.testing.LoopbackHttpServer;
import org.ccpairs.connectors.testing.LoopbackHttpServer.Response;
import org.ccpairs.connectors.warc.WarcFixtures.Read;
import org.junit.jupiter.api.Test;

/**
 * {@link FileOpener} and {@link WarcPageReader} together, as the job reads data.commoncrawl.org: a
 * real corpus file served by a loopback HTTP server.
 */
class HttpWarcReadingTest {
    private final FileOpener opener = new FileOpener("ccpairs-test", 2, Duration.ofMillis(10));

    @Test
    void fileServedOverHttpGivesTheSamePagesAsTheLocalFile() throws IOException {
        byte[] file = Files.readAllBytes(Corpus.file("chatnoir-resiliparse/warcfile.warc.gz"));
        Read local = WarcFixtures.readAll(file, WarcPageReader.DEFAULT_MAX_BODY_BYTES);

        try (LoopbackHttpServer server = LoopbackHttpServer.scripted(Response.ok(file))) {
            List<HtmlPage> pages = new ArrayList<>();
            String url = server.url("/crawl-data/warcfile.warc.gz");
            try (InputStream in = opener.open(url);
                    WarcPageReader reader =
                            new WarcPageReader(in, url, WarcPageReader.DEFAULT_MAX_BODY_BYTES)) {
                Optional<HtmlPage> page;
                while ((page = reader.next()).isPresent()) {
                    pages.add(page.get());
                }
            }

            assertThat(pages).hasSize(16).hasSameSizeAs(local.pages());
            for (int i = 0; i < pages.size(); i++) {
                assertThat(pages.get(i).file()).isEqualTo(url);
                assertThat(pages.get(i).offset()).isEqualTo(local.pages().get(i).offset());
                assertThat(pages.get(i).recordId()).isEqualTo(local.pages().get(i).recordId());
                assertThat(pages.get(i).body()).isEqualTo(local.pages().get(i).body());
            }
        }
    }

    @Test
    void downloadThatBreaksOffIsNeverTakenForTheWholeFile() throws IOException {
        byte[] file = Files.readAllBytes(Corpus.file("chatnoir-resiliparse/warcfile.warc.gz"));
        Read local = WarcFixtures.readAll(file, WarcPageReader.DEFAULT_MAX_BODY_BYTES);
        byte[] firstPart = Arrays.copyOf(file, 70_000);

        try (LoopbackHttpServer server =
                LoopbackHttpServer.scripted(Response.brokenOff(firstPart, file.length))) {
            List<HtmlPage> pages = new ArrayList<>();
            FileReadException failure = readInto(server.url("/crawl-data/warcfile.warc.gz"), pages);

            assertThat(failure).as("reading a broken-off download must fail").isNotNull();
            assertThat(failure.offset()).isBetween(0L, 70_000L);
            assertThat(pages).isNotEmpty().hasSizeLessThan(16);
            for (int i = 0; i < pages.size(); i++) {
                assertThat(pages.get(i).body()).isEqualTo(local.pages().get(i).body());
            }
        }
    }

    @Test
    void downloadThatBreaksOffIsUnreachableNotACorruptFile() throws IOException {
        byte[] file = Files.readAllBytes(Corpus.file("chatnoir-resiliparse/warcfile.warc.gz"));

        try (LoopbackHttpServer server =
                LoopbackHttpServer.scripted(
                        Response.brokenOff(Arrays.copyOf(file, 70_000), file.length))) {
            FileReadException failure =
                    readInto(server.url("/crawl-data/warcfile.warc.gz"), new ArrayList<>());

            assertThat(failure).isNotNull();
            assertThat(failure.reason()).isEqualTo(ReadFailure.UNREACHABLE);
        }
    }

    /** Reads every page of {@code url} into {@code pages}; the failure that ended it, or null. */
    private FileReadException readInto(String url, List<HtmlPage> pages) throws IOException {
        try (InputStream in = opener.open(url);
                WarcPageReader reader =
                        new WarcPageReader(in, url, WarcPageReader.DEFAULT_MAX_BODY_BYTES)) {
            Optional<HtmlPage> page;
            while ((page = reader.next()).isPresent()) {
                pages.add(page.get());
            }
            return null;
        } catch (FileReadException e) {
            return e;
        }
    }
}
