package org.ccpairs.jobs.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ccpairs.connectors.warc.FileReadException;
import org.ccpairs.connectors.warc.WarcPageReader;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/**
 * Real files cut at every byte (a small one) or at a dense sample of bytes including every record
 * boundary (larger ones), as a download that broke off leaves them, through the whole pair
 * extraction: nothing but a {@link FileReadException} escapes, reading ends quickly, every pair of
 * a record that lies wholly before the cut is extracted, and the record the cut goes through gives
 * no pair the whole file does not give.
 */
class PairExtractionCutFileTest {
    private static final Segment SEGMENT = new Segment(1, "c", "s", "WARC", 1);

    record Outcome(List<Pair> pairs, FileReadException failure) {}

    @Test
    void singleRecordGzipFileCutAtEveryByte() throws IOException {
        byte[] file = Files.readAllBytes(Corpus.file("jwarc/cc.warc.gz"));
        assertCuts(file, everyByte(file.length), Duration.ofSeconds(90));
    }

    @Test
    void commonCrawlSegmentExtractCutAtADenseSample() throws IOException {
        byte[] file = Files.readAllBytes(Corpus.file("chatnoir-resiliparse/warcfile.warc.gz"));
        int partial = assertCuts(file, sample(file, 173), Duration.ofSeconds(180));
        assertThat(partial).as("cuts inside a page that still gave some of its pairs").isPositive();
    }

    @Test
    void uncompressedFileWithTruncatedRecordsCutAtADenseSample() throws IOException {
        byte[] file =
                Files.readAllBytes(
                        Corpus.file(
                                "eugeneware-warc/CC-MAIN-20140820021334-00006-ip-10-180-136-8.ec2.internal.warc"));
        int partial = assertCuts(file, sample(file, 997), Duration.ofSeconds(180));
        assertThat(partial).as("cuts inside a page that still gave some of its pairs").isPositive();
    }

    /**
     * @return how many cuts gave pairs of the record they went through
     */
    private static int assertCuts(byte[] file, Set<Integer> cuts, Duration within)
            throws IOException {
        List<Long> recordStarts = recordStarts(file);
        Outcome whole = read(file);
        assertThat(whole.failure()).isNull();
        assertThat(whole.pairs()).isNotEmpty();
        Set<String> all = keys(whole.pairs());
        int[] partial = {0};
        assertTimeoutPreemptively(
                within,
                () -> {
                    for (int cut : cuts) {
                        Outcome o;
                        try {
                            o = read(Arrays.copyOf(file, cut));
                        } catch (RuntimeException e) {
                            throw new AssertionError("cut at " + cut + " threw " + e, e);
                        }
                        Set<String> got = keys(o.pairs());
                        assertThat(all)
                                .as("cut at %d gave a pair the whole file does not", cut)
                                .containsAll(got);
                        List<Pair> expected =
                                whole.pairs().stream()
                                        .filter(
                                                p ->
                                                        endOf(
                                                                        p.warcOffset(),
                                                                        recordStarts,
                                                                        file.length)
                                                                <= cut)
                                        .toList();
                        assertThat(got)
                                .as("cut at %d lost pairs of records before it", cut)
                                .containsAll(keys(expected));
                        if (got.size() > expected.size()) {
                            partial[0]++;
                        }
                    }
                });
        assertThat(cuts).isNotEmpty();
        return partial[0];
    }

    private static long endOf(long offset, List<Long> starts, long fileLength) {
        for (long start : starts) {
            if (start > offset) {
                return start;
            }
        }
        return fileLength;
    }

    private static Set<String> keys(List<Pair> pairs) {
        Set<String> out = new HashSet<>();
        for (Pair p : pairs) {
            out.add(p.warcOffset() + " " + p.imageUrl() + " " + p.caption());
        }
        return out;
    }

    private static Outcome read(byte[] file) {
        List<Pair> pairs = new ArrayList<>();
        WarcPairReader reader;
        try {
            reader =
                    new WarcPairReader(
                            new ByteArrayInputStream(file),
                            "cut.warc.gz",
                            0,
                            WarcPageReader.DEFAULT_MAX_BODY_BYTES,
                            SEGMENT,
                            e -> {},
                            f -> {
                                throw new AssertionError("extractor failed", f.cause());
                            });
        } catch (FileReadException e) {
            return new Outcome(pairs, e);
        }
        try (reader) {
            Optional<RecordPairs> r;
            while ((r = reader.next()).isPresent()) {
                pairs.addAll(r.get().pairs());
            }
            return new Outcome(pairs, null);
        } catch (FileReadException e) {
            return new Outcome(pairs, e);
        } catch (IOException e) {
            throw new AssertionError("close failed", e);
        }
    }

    private static List<Long> recordStarts(byte[] file) throws IOException {
        List<Long> starts = new ArrayList<>();
        try (WarcReader reader = new WarcReader(new ByteArrayInputStream(file))) {
            reader.setLenient(true);
            for (WarcRecord ignored : reader) {
                starts.add(reader.position());
            }
        }
        return starts;
    }

    private static Set<Integer> everyByte(int length) {
        Set<Integer> cuts = new TreeSet<>();
        for (int i = 0; i < length; i++) {
            cuts.add(i);
        }
        return cuts;
    }

    /** Every {@code step}-th byte, and every record boundary with its neighbours. */
    private static Set<Integer> sample(byte[] file, int step) throws IOException {
        Set<Integer> cuts = new TreeSet<>();
        for (int i = 0; i < file.length; i += step) {
            cuts.add(i);
        }
        for (long start : recordStarts(file)) {
            for (long c = start - 2; c <= start + 2; c++) {
                if (c >= 0 && c < file.length) {
                    cuts.add((int) c);
                }
            }
        }
        return cuts;
    }
}
