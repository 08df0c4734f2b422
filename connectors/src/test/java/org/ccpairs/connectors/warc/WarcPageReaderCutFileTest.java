package org.ccpairs.connectors.warc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ccpairs.connectors.testing.Corpus;
import org.ccpairs.connectors.warc.WarcFixtures.Read;
import org.junit.jupiter.api.Test;

/**
 * Real files cut at every byte offset, as a download that broke off would leave them: reading
 * always ends, with pages or a {@link FileReadException}; a page the cut shortened is returned only
 * flagged truncated, with a prefix of its real payload (what can be read is extracted). Nothing
 * else may escape (jwarc {@code WarcReaderTest} does the same).
 */
class WarcPageReaderCutFileTest {
    /** Catches a hang, with room for a loaded 2-core CI machine (a quiet run takes ~2 s). */
    private static final Duration ALL_CUTS_WITHIN = Duration.ofSeconds(60);

    @Test
    void gzipFileCutAtEveryByteEndsInCompletePagesOrACorruptFile() throws IOException {
        byte[] file = Files.readAllBytes(Corpus.file("jwarc/cc.warc.gz"));
        Read whole = WarcFixtures.readAll(file, WarcPageReader.DEFAULT_MAX_BODY_BYTES);
        assertThat(whole.failure()).isNull();
        assertThat(whole.pages()).hasSize(1);

        Map<String, Integer> outcomes =
                assertTimeoutPreemptively(ALL_CUTS_WITHIN, () -> readEveryCut(file, whole.pages()));

        // gzip knows its own end: no cut of a one-member file passes for a whole file; the empty
        // prefix is an empty file, which holds no records and is not an error
        assertThat(outcomes)
                .containsOnlyKeys(
                        "empty", "CORRUPT_FILE after 0 pages", "CORRUPT_FILE after 1 pages");
        assertThat(outcomes.get("empty")).isEqualTo(1);
    }

    @Test
    void plainFileCutAtEveryByteEndsCleanlyOnlyWhenOnlyWhitespaceWasCutOff() throws IOException {
        byte[] file = Files.readAllBytes(Corpus.file("ia-web-commons/mutliple-headers.warc"));
        Read whole = WarcFixtures.readAll(file, WarcPageReader.DEFAULT_MAX_BODY_BYTES);
        assertThat(whole.failure()).isNull();
        assertThat(whole.pages()).hasSize(1);

        assertTimeoutPreemptively(
                ALL_CUTS_WITHIN,
                () -> {
                    for (int cut = 1; cut < file.length; cut++) {
                        Read read = readCut(file, cut, whole.pages());
                        if (read.failure() == null) {
                            String cutOff = new String(file, cut, file.length - cut, "ISO-8859-1");
                            assertThat(cutOff).as("cut at %d ended cleanly", cut).isBlank();
                        }
                    }
                });
    }

    /** Reads every prefix of {@code file}; counts outcomes like "CORRUPT_FILE after 0 pages". */
    private static Map<String, Integer> readEveryCut(byte[] file, List<HtmlPage> complete) {
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int cut = 0; cut < file.length; cut++) {
            Read read = readCut(file, cut, complete);
            String outcome =
                    read.failure() != null
                            ? read.failure().reason() + " after " + read.pages().size() + " pages"
                            : read.pages().isEmpty() && read.records() == 0
                                    ? "empty"
                                    : "clean after " + read.pages().size() + " pages";
            outcomes.merge(outcome, 1, Integer::sum);
        }
        return outcomes;
    }

    /**
     * Reads the first {@code cut} bytes; fails the test when an exception other than {@link
     * FileReadException} escapes, or a page differs from the page read from the whole file other
     * than by being cut short and flagged truncated.
     */
    private static Read readCut(byte[] file, int cut, List<HtmlPage> complete) {
        Read read;
        try {
            read =
                    WarcFixtures.readAll(
                            Arrays.copyOf(file, cut), WarcPageReader.DEFAULT_MAX_BODY_BYTES);
        } catch (RuntimeException e) {
            throw new AssertionError("cut at " + cut + " of " + file.length + " threw " + e, e);
        }
        if (read.failure() != null) {
            assertThat(read.failure().reason())
                    .as("cut at %d: %s", cut, read.failure())
                    .isEqualTo(ReadFailure.CORRUPT_FILE);
            assertThat(read.failure().offset()).as("cut at %d", cut).isNotNegative();
        }
        for (int i = 0; i < read.pages().size(); i++) {
            HtmlPage page = read.pages().get(i);
            assertThat(page.recordId()).as("cut at %d", cut).isEqualTo(complete.get(i).recordId());
            HtmlPage whole = complete.get(i);
            if (page.body().length == whole.body().length) {
                assertThat(page.body()).as("cut at %d", cut).isEqualTo(whole.body());
            } else {
                assertThat(page.truncated())
                        .as("cut at %d shortened a page without flagging it", cut)
                        .isTrue();
                assertThat(whole.body())
                        .as("cut at %d: a shortened page is a prefix of the page", cut)
                        .startsWith(page.body());
            }
        }
        return read;
    }
}
