package org.ccpairs.jobs.read;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.ccpairs.connectors.warc.FileOpener;
import org.ccpairs.connectors.warc.FileReadException;
import org.ccpairs.connectors.warc.ReadFailure;
import org.ccpairs.jobs.extract.FilePairReader;
import org.ccpairs.jobs.extract.RecordPairs;
import org.ccpairs.jobs.extract.WarcPairReader;
import org.ccpairs.jobs.model.FileSplit;

/**
 * Reads one file from its cursor on and moves the cursor past every record it returns, so that
 * reading can resume after a failure without losing or repeating a record.
 *
 * <p>Resuming opens the file at the offset of the record returned last (a range request over HTTP)
 * when a record or gzip member starts there, as in Common Crawl's files (one gzip member per
 * record), and skips that one record. Where it does not (several records in one gzip member), it
 * reads from the start and skips every record already returned. Bad records and failed pages that
 * were reported before the cursor are not reported again. Not thread-safe.
 */
final class SplitReader implements Closeable {
    private static final int PROBE = 5;

    private final FileSplit split;
    private final ReadCursor resumeFrom;
    private ReadCursor cursor;
    private FilePairReader reader;
    private CountingInputStream counted;
    private long indexBase;
    private long skipThrough;

    SplitReader(FileSplit split, ReadCursor cursor) {
        this.split = split;
        this.resumeFrom = cursor;
        this.cursor = cursor;
    }

    /**
     * Opens the file at the cursor.
     *
     * @throws FileReadException when the file cannot be opened or does not start like a file of its
     *     kind
     */
    void open(
            FileOpener opener,
            FilePairReaderFactory readers,
            Consumer<FileReadException> badRecords,
            Consumer<WarcPairReader.PageFailure> pageFailures)
            throws FileReadException {
        long offset = 0;
        InputStream in = null;
        try {
            if (!resumeFrom.atStart()) {
                in =
                        new BufferedInputStream(
                                opener.open(split.file(), resumeFrom.offset()), 1 << 16);
                if (startsRecord(in)) {
                    offset = resumeFrom.offset();
                    indexBase = resumeFrom.recordIndex() - 1;
                    skipThrough = 1;
                } else {
                    in.close();
                    in = null;
                    skipThrough = resumeFrom.recordIndex();
                }
            }
            if (in == null) {
                in = opener.open(split.file(), 0);
            }
            counted = new CountingInputStream(in);
            reader =
                    readers.open(
                            counted,
                            split,
                            offset,
                            e -> {
                                if (e.offset() > resumeFrom.offset() || resumeFrom.atStart()) {
                                    badRecords.accept(e);
                                }
                            },
                            f -> {
                                if (f.page().offset() > resumeFrom.offset()
                                        || resumeFrom.atStart()) {
                                    pageFailures.accept(f);
                                }
                            });
        } catch (IOException e) {
            closeQuietly(in);
            if (e instanceof FileReadException fre) {
                throw fre;
            }
            throw new FileReadException(
                    ReadFailure.UNREACHABLE, split.file(), offset, e.toString(), e);
        }
    }

    /**
     * The next record not returned before, or empty at the end of the file.
     *
     * @throws FileReadException when reading cannot go on; the cursor still points past the last
     *     record returned
     */
    Optional<RecordPairs> next() throws FileReadException {
        while (true) {
            Optional<RecordPairs> record = reader.next();
            if (record.isEmpty()) {
                return record;
            }
            RecordPairs r = record.get();
            if (r.recordIndex() <= skipThrough) {
                continue; // returned before the failure that made us resume
            }
            long index = indexBase + r.recordIndex();
            cursor = new ReadCursor(r.offset(), index);
            return Optional.of(
                    new RecordPairs(
                            r.offset(), index, r.pairs(), r.extraction(), r.unnormalizable()));
        }
    }

    ReadCursor cursor() {
        return cursor;
    }

    /** Compressed bytes read from the file so far by this reader (not counting a resume's skip). */
    long bytesRead() {
        return counted == null ? 0 : counted.count;
    }

    /**
     * Records skipped because they cannot hold pairs, by reason, since this reader opened the file.
     */
    Map<String, Long> skipped() {
        return reader == null ? Map.of() : reader.skipped();
    }

    /** Records of every type read since this reader opened the file. */
    long recordsRead() {
        return reader == null ? 0 : reader.records();
    }

    /**
     * Whether a record (a gzip member, or an uncompressed WARC record) starts at the stream's
     * position.
     */
    private static boolean startsRecord(InputStream in) throws IOException {
        in.mark(PROBE);
        byte[] head = in.readNBytes(PROBE);
        in.reset();
        boolean gzipMember =
                head.length >= 3
                        && (head[0] & 0xff) == 0x1f
                        && (head[1] & 0xff) == 0x8b
                        && head[2] == 8;
        boolean warcRecord =
                head.length == PROBE
                        && head[0] == 'W'
                        && head[1] == 'A'
                        && head[2] == 'R'
                        && head[3] == 'C'
                        && head[4] == '/';
        return gzipMember || warcRecord;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        } else if (counted != null) {
            counted.close();
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // already failing with the cause that matters
            }
        }
    }

    /** Counts the bytes that pass, for the bytes-read metric. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
