package org.ccpairs.connectors.warc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.ccpairs.connectors.testing.Corpus;
import org.junit.jupiter.api.Test;

/**
 * The fast path ({@link MemberRecords}) against jwarc alone: on every corpus file, on real gzip
 * files cut at every byte (or at every member boundary and a dense sample), and on files with
 * corrupted bytes, both give the same pages (every field, the payload byte for byte), the same WAT
 * records, bad records, record counts, skip counts and failure (reason and offset).
 */
class FastPathAgreementTest {
    private static final int MAX = WarcPageReader.DEFAULT_MAX_BODY_BYTES;

    @Test
    void everyCorpusFileReadsTheSame() throws IOException {
        List<Path> files = corpusFiles();
        assertThat(files).hasSizeGreaterThan(30);
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            String name = Corpus.dir().relativize(file).toString();
            assertThat(pages(bytes, true)).as(name).isEqualTo(pages(bytes, false));
            assertThat(watRecords(bytes, true)).as(name).isEqualTo(watRecords(bytes, false));
        }
    }

    @Test
    void commonCrawlLayoutStaysOnTheFastPathAndOddFilesAreHandedOver() throws IOException {
        // one member per record, WARC/1.0 or 1.1 (chunked and lenient HTTP read in memory)
        for (String name :
                List.of(
                        "chatnoir-resiliparse/warcfile.warc.gz",
                        "jwarc/cc.warc.gz",
                        "ia-web-commons/IAH-urls-wget.warc.gz",
                        "stormcrawler/test.warc.gz",
                        "node-warc/parseMe.warc.gz")) {
            assertThat(staysFast(name)).as(name).isTrue();
        }
        // WARC/0.17, several records in one member, records across members, a cut member
        for (String name :
                List.of(
                        "aut/example.warc.gz",
                        "stormcrawler/unparsable-date.warc.gz",
                        "warcio/example-wrong-chunks.warc.gz",
                        "chatnoir-resiliparse/clipped.warc.gz")) {
            assertThat(staysFast(name)).as(name).isFalse();
        }
    }

    private static boolean staysFast(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(Corpus.file(name));
        WarcPageReader reader =
                new WarcPageReader(new ByteArrayInputStream(bytes), name, 0, MAX, true);
        try {
            while (reader.next().isPresent()) {
                // read to the end
            }
        } catch (FileReadException e) {
            // a cut file ends so; what matters is which path read it
        }
        return reader.fastPath();
    }

    @Test
    void smallGzipFileCutAtEveryByteReadsTheSame() throws IOException {
        byte[] file = Files.readAllBytes(Corpus.file("jwarc/cc.warc.gz"));
        for (int cut = 0; cut <= file.length; cut++) {
            byte[] prefix = java.util.Arrays.copyOf(file, cut);
            assertThat(pages(prefix, true)).as("cut at %d", cut).isEqualTo(pages(prefix, false));
        }
    }

    @Test
    void gzipFilesCutAtMemberBoundariesAndASampleReadTheSame() throws IOException {
        for (String name :
                List.of(
                        "chatnoir-resiliparse/warcfile.warc.gz",
                        "chatnoir-resiliparse/clueweb-quirk.warc.gz",
                        "ia-web-commons/IAH-urls-wget.warc.gz",
                        "stormcrawler/test.warc.gz",
                        "warcio/example-wrong-chunks.warc.gz",
                        "node-warc/parseMe.warc.gz")) {
            byte[] file = Files.readAllBytes(Corpus.file(name));
            for (int cut : cuts(file, 250)) {
                byte[] prefix = java.util.Arrays.copyOf(file, cut);
                assertThat(pages(prefix, true))
                        .as("%s cut at %d", name, cut)
                        .isEqualTo(pages(prefix, false));
                assertThat(watRecords(prefix, true))
                        .as("%s cut at %d", name, cut)
                        .isEqualTo(watRecords(prefix, false));
            }
        }
    }

    @Test
    void corruptedGzipFilesReadTheSame() throws IOException {
        Random random = new Random(42);
        for (String name : List.of("chatnoir-resiliparse/warcfile.warc.gz", "jwarc/cc.warc.gz")) {
            byte[] file = Files.readAllBytes(Corpus.file(name));
            for (int i = 0; i < 300; i++) {
                byte[] bad = file.clone();
                int at = random.nextInt(bad.length);
                bad[at] ^= (byte) (1 + random.nextInt(255));
                List<HtmlPage> fastPages = new ArrayList<>();
                List<HtmlPage> jwarcPages = new ArrayList<>();
                assertThat(pages(bad, true, fastPages))
                        .as("%s with byte %d changed", name, at)
                        .isEqualTo(pages(bad, false, jwarcPages));
                for (int p = 0; p < fastPages.size(); p++) {
                    byte[] a = fastPages.get(p).body();
                    byte[] b = jwarcPages.get(p).body();
                    byte[] shorter = a.length <= b.length ? a : b;
                    byte[] longer = a.length <= b.length ? b : a;
                    assertThat(longer).as("%s with byte %d changed", name, at).startsWith(shorter);
                }
            }
        }
    }

    /** Every gzip member start (and the bytes around it), plus {@code sample} random offsets. */
    private static TreeSet<Integer> cuts(byte[] file, int sample) {
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int i = 0; i + 2 < file.length; i++) {
            if ((file[i] & 0xff) == 0x1f && (file[i + 1] & 0xff) == 0x8b && file[i + 2] == 8) {
                for (int d = -2; d <= 2; d++) {
                    cuts.add(Math.max(0, Math.min(file.length, i + d)));
                }
            }
        }
        Random random = new Random(file.length);
        for (int i = 0; i < sample; i++) {
            cuts.add(random.nextInt(file.length + 1));
        }
        return cuts;
    }

    /** What reading pages gave: each page, bad record, the counts and the end, as text. */
    private static List<String> pages(byte[] file, boolean fast) {
        return pages(file, fast, null);
    }

    /**
     * As {@link #pages(byte[], boolean)}; when {@code collect} is given, the pages go there too and
     * the payload of a page flagged truncated is left out of its text. (When a deflate stream is
     * corrupt, how much of the page before the error is inflated depends on where the inflater's
     * calls begin and end, which depends on the readers' buffers: jwarc reading the same file from
     * another offset differs the same way. What is read is a prefix either way.)
     */
    private static List<String> pages(byte[] file, boolean fast, List<HtmlPage> collect) {
        List<String> out = new ArrayList<>();
        WarcPageReader reader;
        try {
            reader = new WarcPageReader(new ByteArrayInputStream(file), "f", 0, MAX, fast);
        } catch (FileReadException e) {
            out.add("cannot start: " + e.reason() + " at " + e.offset());
            return out;
        }
        reader.onBadRecord(e -> out.add("bad record: " + e.reason() + " at " + e.offset()));
        try {
            Optional<HtmlPage> page;
            while ((page = reader.next()).isPresent()) {
                HtmlPage p = page.get();
                if (collect != null) {
                    collect.add(p);
                }
                boolean maskBody = collect != null && p.truncated();
                out.add(describe(p, maskBody) + " position=" + reader.position());
            }
            out.add("end at " + reader.position());
        } catch (FileReadException e) {
            out.add("failure: " + e.reason() + " at " + e.offset());
        } catch (RuntimeException e) {
            out.add("escaped: " + e.getClass().getName());
        }
        out.add("records=" + reader.records() + " skipped=" + reader.skipped());
        return out;
    }

    private static List<String> watRecords(byte[] file, boolean fast) {
        List<String> out = new ArrayList<>();
        WatRecordReader reader;
        try {
            reader = new WatRecordReader(new ByteArrayInputStream(file), "f", 0, MAX, fast);
        } catch (FileReadException e) {
            out.add("cannot start: " + e.reason() + " at " + e.offset());
            return out;
        }
        reader.onBadRecord(e -> out.add("bad record: " + e.reason() + " at " + e.offset()));
        try {
            Optional<WatRecord> record;
            while ((record = reader.next()).isPresent()) {
                WatRecord r = record.get();
                out.add(
                        String.join(
                                " | ",
                                r.file(),
                                Long.toString(r.offset()),
                                r.recordId(),
                                String.valueOf(r.targetUri()),
                                String.valueOf(r.fetchTime()),
                                String.valueOf(r.refersTo()),
                                Boolean.toString(r.truncated()),
                                sha256(r.json())));
            }
            out.add("end at " + reader.position());
        } catch (FileReadException e) {
            out.add("failure: " + e.reason() + " at " + e.offset());
        } catch (RuntimeException e) {
            out.add("escaped: " + e.getClass().getName());
        }
        out.add("records=" + reader.records() + " skipped=" + reader.skipped());
        return out;
    }

    private static String describe(HtmlPage p, boolean maskBody) {
        return String.join(
                " | ",
                p.file(),
                Long.toString(p.offset()),
                p.recordId(),
                String.valueOf(p.url()),
                String.valueOf(p.fetchTime()),
                String.valueOf(p.charset()),
                Boolean.toString(p.truncated()),
                p.headers().toString(),
                maskBody ? "cut payload" : p.body().length + " bytes " + sha256(p.body()));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> corpusFiles() throws IOException {
        try (Stream<Path> all = Files.walk(Corpus.dir())) {
            return all.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList();
        }
    }
}
