package org.ccpairs.jobs.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.ccpairs.connectors.warc.FileReadException;
import org.ccpairs.connectors.warc.HtmlPage;
import org.ccpairs.connectors.warc.WarcPageReader;
import org.ccpairs.jobs.extract.html.StreamingImageAltExtractor;
import org.ccpairs.jobs.testing.Corpus;
import org.junit.jupiter.api.Test;

/**
 * The streaming extractor against the reference on every page of the real corpus: the pairs (page,
 * image URL, caption) must agree for at least 99.5% of the reference's pairs in every file, and
 * every difference is listed in {@code target/extraction-agreement.md}. The other fields of
 * agreeing pairs (width, height, title, figcaption, position, URL source) and the page signals are
 * compared too.
 */
class ExtractorAgreementTest {
    private static final double REQUIRED = 0.995;

    record Key(String page, String url, String caption) {}

    record FileAgreement(
            String file,
            int pages,
            int referencePairs,
            int fastPairs,
            int agreeing,
            List<String> differences,
            int fieldDifferences,
            int signalDifferences) {
        double agreement() {
            return referencePairs == 0 ? 1.0 : (double) agreeing / referencePairs;
        }
    }

    @Test
    void streamingExtractorAgreesWithTheDomOnEveryCorpusFile() throws IOException {
        List<FileAgreement> results = new ArrayList<>();
        for (Path file : corpusFiles()) {
            results.add(compare(file));
        }
        String report = report(results);
        Path out = Path.of("target", "extraction-agreement.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
        for (FileAgreement r : results) {
            assertThat(r.agreement())
                    .as("agreement on %s: %s", r.file(), r.differences())
                    .isGreaterThanOrEqualTo(REQUIRED);
        }
        assertThat(results.stream().mapToInt(FileAgreement::referencePairs).sum())
                .isGreaterThan(1500);
    }

    static List<Path> corpusFiles() throws IOException {
        try (Stream<Path> all = Files.walk(Corpus.dir())) {
            return all.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList();
        }
    }

    private static FileAgreement compare(Path file) throws IOException {
        ImageAltExtractor reference = new DomImageAltExtractor();
        ImageAltExtractor fast = new StreamingImageAltExtractor();
        List<String> differences = new ArrayList<>();
        int pages = 0, refPairs = 0, fastPairs = 0, agreeing = 0, fieldDiffs = 0, signalDiffs = 0;
        for (HtmlPage page : pages(file)) {
            pages++;
            Extraction ref = reference.extract(page);
            Extraction got = fast.extract(page);
            Map<Key, List<ImageCandidate>> expected = byKey(page, ref.candidates());
            refPairs += ref.candidates().size();
            fastPairs += got.candidates().size();
            for (ImageCandidate c : got.candidates()) {
                Key key = new Key(page.url(), c.imageUrl(), c.caption());
                List<ImageCandidate> same = expected.get(key);
                if (same != null && !same.isEmpty()) {
                    ImageCandidate r = same.remove(0);
                    agreeing++;
                    if (!sameFields(r, c)) {
                        fieldDiffs++;
                        differences.add(
                                "fields differ on "
                                        + page.url()
                                        + ": reference "
                                        + r
                                        + " streaming "
                                        + c);
                    }
                } else {
                    differences.add("only streaming: " + key + " at offset " + page.offset());
                }
            }
            expected.values().stream()
                    .flatMap(List::stream)
                    .forEach(
                            r ->
                                    differences.add(
                                            "only reference: "
                                                    + new Key(page.url(), r.imageUrl(), r.caption())
                                                    + " at offset "
                                                    + page.offset()));
            if (!ref.signals().equals(got.signals())
                    || ref.images() != got.images()
                    || ref.withoutAlt() != got.withoutAlt()
                    || ref.badUrl() != got.badUrl()) {
                signalDiffs++;
                differences.add(
                        "page differs on "
                                + page.url()
                                + ": reference "
                                + summary(ref)
                                + " streaming "
                                + summary(got));
            }
        }
        return new FileAgreement(
                Corpus.dir().relativize(file).toString(),
                pages,
                refPairs,
                fastPairs,
                agreeing,
                differences,
                fieldDiffs,
                signalDiffs);
    }

    private static String summary(Extraction e) {
        return "images="
                + e.images()
                + " withoutAlt="
                + e.withoutAlt()
                + " badUrl="
                + e.badUrl()
                + " "
                + e.signals();
    }

    private static boolean sameFields(ImageCandidate a, ImageCandidate b) {
        return java.util.Objects.equals(a.width(), b.width())
                && java.util.Objects.equals(a.height(), b.height())
                && java.util.Objects.equals(a.title(), b.title())
                && java.util.Objects.equals(a.figcaption(), b.figcaption())
                && a.position() == b.position()
                && a.urlSource().equals(b.urlSource())
                && java.util.Objects.equals(a.srcsetWidth(), b.srcsetWidth())
                && a.captionTruncated() == b.captionTruncated();
    }

    private static Map<Key, List<ImageCandidate>> byKey(HtmlPage page, List<ImageCandidate> cs) {
        Map<Key, List<ImageCandidate>> out = new HashMap<>();
        for (ImageCandidate c : cs) {
            out.computeIfAbsent(
                            new Key(page.url(), c.imageUrl(), c.caption()), k -> new ArrayList<>())
                    .add(c);
        }
        return out;
    }

    /** Every page of {@code file} that can be read; a file that breaks off gives those before. */
    static List<HtmlPage> pages(Path file) throws IOException {
        List<HtmlPage> pages = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            WarcPageReader reader;
            try {
                reader =
                        new WarcPageReader(
                                in, file.toUri().toString(), WarcPageReader.DEFAULT_MAX_BODY_BYTES);
            } catch (FileReadException e) {
                return pages;
            }
            try (reader) {
                Optional<HtmlPage> page;
                while ((page = reader.next()).isPresent()) {
                    pages.add(page.get());
                }
            } catch (FileReadException e) {
                // what was read before stays
            }
        }
        return pages;
    }

    private static String report(List<FileAgreement> results) {
        StringBuilder out = new StringBuilder();
        out.append(
                "| file | pages | reference pairs | streaming pairs | agreeing | agreement | other"
                        + " fields differ | pages whose counts or signals differ |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (FileAgreement r : results) {
            out.append(
                    String.format(
                            java.util.Locale.ROOT,
                            "| %s | %d | %d | %d | %d | %.2f%% | %d | %d |%n",
                            r.file(),
                            r.pages(),
                            r.referencePairs(),
                            r.fastPairs(),
                            r.agreeing(),
                            100 * r.agreement(),
                            r.fieldDifferences(),
                            r.signalDifferences()));
        }
        out.append("\nDifferences:\n\n");
        for (FileAgreement r : results) {
            for (String d : r.differences()) {
                out.append("- ").append(r.file()).append(": ").append(d).append('\n');
            }
        }
        return out.toString();
    }
}
