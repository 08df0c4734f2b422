package org.ccpairs.cli.bench;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.ccpairs.connectors.warc.FileReadException;
import org.ccpairs.connectors.warc.WarcPageReader;
import org.ccpairs.jobs.extract.DomImageAltExtractor;
import org.ccpairs.jobs.extract.FilePairReader;
import org.ccpairs.jobs.extract.FilePairReaders;
import org.ccpairs.jobs.extract.PagePairs;
import org.ccpairs.jobs.extract.RecordPairs;
import org.ccpairs.jobs.extract.WarcPairReader;
import org.ccpairs.jobs.model.Segment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ccpairs bench extract}: on one thread, in one run, how fast the file can merely be
 * gunzipped, and how fast pairs can be extracted from it (reading, decompressing, parsing WARC and
 * HTTP, extracting, naming pairs), both in compressed MB per second. Warms the JIT up on a prefix
 * first, then measures whole passes and keeps the best of {@code --rounds}.
 */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        description = {
            "Measure, on one thread and in one run, gunzip-only reading and full pair extraction"
                    + " of a WARC or WAT file. Run it pinned to one core for the one-core figure:"
                    + " taskset -c 0 ./ccpairs bench extract --input FILE.",
            "The last line is: extract_vs_gunzip=<ratio> extract_mb_s=<compressed MB/s>"
                    + " gunzip_mb_s=<compressed MB/s> pairs=<n> (MB = 10^6 bytes)."
        })
public final class ExtractBenchCommand implements Callable<Integer> {
    private static final int BUFFER = 1 << 16;

    @Option(
            names = "--input",
            required = true,
            description = "The file to read (from make-corpus).")
    Path input;

    @Option(
            names = "--kind",
            defaultValue = "auto",
            description = "WARC, WAT or auto (by file name). Default: ${DEFAULT-VALUE}.")
    String kind;

    @Option(
            names = "--rounds",
            defaultValue = "5",
            description =
                    "Measured passes of each; the best counts (extraction passes, which allocate,"
                            + " vary more than gunzip passes). Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(
            names = "--warmup-mb",
            defaultValue = "48",
            description =
                    "Compressed MB read by each before measuring, to warm the JIT up. Default:"
                            + " ${DEFAULT-VALUE}.")
    int warmupMb;

    @Option(
            names = "--reference",
            description =
                    "Extract with the reference (jsoup DOM) extractor instead of the streaming"
                            + " one.")
    boolean reference;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("no such file: " + input);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
        String fileKind =
                kind.equalsIgnoreCase("auto")
                        ? FilePairReaders.kindOf(input.toString())
                        : kind.toUpperCase(Locale.ROOT);
        long size = Files.size(input);
        long warmup = Math.min(size, (long) warmupMb * 1_000_000L);
        gunzip(warmup);
        extract(fileKind, warmup);
        // Wall time is the figure; the thread's CPU time is printed beside it because on a busy
        // machine it still says what the code costs, while wall time then also counts waiting.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long bestGunzip = Long.MAX_VALUE;
        long bestExtract = Long.MAX_VALUE;
        long bestGunzipCpu = Long.MAX_VALUE;
        long bestExtractCpu = Long.MAX_VALUE;
        long pairs = 0;
        for (int round = 1; round <= rounds; round++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long inflated = gunzip(size);
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            long[] counts = extract(fileKind, size);
            long t2 = System.nanoTime();
            long c2 = threads.getCurrentThreadCpuTime();
            pairs = counts[1];
            bestGunzip = Math.min(bestGunzip, t1 - t0);
            bestExtract = Math.min(bestExtract, t2 - t1);
            bestGunzipCpu = Math.min(bestGunzipCpu, c1 - c0);
            bestExtractCpu = Math.min(bestExtractCpu, c2 - c1);
            System.out.printf(
                    Locale.ROOT,
                    "round %d: gunzip %.2fs (cpu %.2fs, %d bytes inflated), extract %.2fs (cpu"
                            + " %.2fs, %d records, %d pairs)%n",
                    round,
                    (t1 - t0) / 1e9,
                    (c1 - c0) / 1e9,
                    inflated,
                    (t2 - t1) / 1e9,
                    (c2 - c1) / 1e9,
                    counts[0],
                    counts[1]);
        }
        double gunzipMbs = size / 1e6 / (bestGunzip / 1e9);
        double extractMbs = size / 1e6 / (bestExtract / 1e9);
        System.out.printf(
                Locale.ROOT,
                "input: %s (%s, %.1f MB compressed)%n",
                input,
                fileKind + (reference ? ", reference extractor" : ""),
                size / 1e6);
        System.out.printf(
                Locale.ROOT,
                "by thread cpu time: extract_vs_gunzip_cpu=%.3f%n",
                (double) bestGunzipCpu / bestExtractCpu);
        System.out.printf(
                Locale.ROOT,
                "extract_vs_gunzip=%.3f extract_mb_s=%.1f gunzip_mb_s=%.1f pairs=%d%n",
                extractMbs / gunzipMbs,
                extractMbs,
                gunzipMbs,
                pairs);
        return 0;
    }

    /** Inflates the first {@code limit} compressed bytes; returns the bytes inflated. */
    private long gunzip(long limit) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        try (InputStream file = new Limited(Files.newInputStream(input), limit);
                InputStream in =
                        isGzip()
                                ? new GZIPInputStream(file, BUFFER)
                                : new BufferedInputStream(file, BUFFER)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
            }
        } catch (IOException e) {
            // a prefix ends inside a gzip member: fine for the warm-up
        }
        return total;
    }

    /** Extracts from the first {@code limit} bytes; returns {records, pairs}. */
    private long[] extract(String fileKind, long limit) throws IOException {
        Segment segment = new Segment(0, "bench", "bench", fileKind, 1);
        long pairs = 0;
        long records = 0;
        try (InputStream in =
                        new BufferedInputStream(
                                new Limited(Files.newInputStream(input), limit), BUFFER);
                FilePairReader reader = open(fileKind, in, segment)) {
            try {
                Optional<RecordPairs> record;
                while ((record = reader.next()).isPresent()) {
                    pairs += record.get().pairs().size();
                }
            } catch (FileReadException e) {
                if (limit == Files.size(input)) {
                    throw e;
                }
            } finally {
                records = reader.records();
            }
        }
        return new long[] {records, pairs};
    }

    private FilePairReader open(String fileKind, InputStream in, Segment segment)
            throws FileReadException {
        String file = input.toUri().toString();
        int max = WarcPageReader.DEFAULT_MAX_BODY_BYTES;
        if (reference && fileKind.equals(FilePairReaders.WARC)) {
            return new WarcPairReader(
                    in,
                    file,
                    0,
                    max,
                    segment,
                    e -> {},
                    f -> {},
                    new PagePairs(new DomImageAltExtractor()));
        }
        return FilePairReaders.open(fileKind, in, file, 0, max, segment, e -> {}, f -> {});
    }

    private boolean isGzip() throws IOException {
        try (InputStream in = Files.newInputStream(input)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** The first {@code limit} bytes of a stream. */
    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
