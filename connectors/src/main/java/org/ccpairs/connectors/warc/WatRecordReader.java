package org.ccpairs.connectors.warc;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcRecord;

/**
 * Streams the JSON metadata records out of one WAT file (a WARC file of {@code metadata} records
 * with {@code Content-Type: application/json}), with the same error handling as {@link
 * WarcPageReader}: a record that cannot be read goes to the bad-record listener, a file that breaks
 * off ends in a {@link FileReadException}. Which metadata describe HTML pages is for the caller to
 * decide (it is in the JSON). Not thread-safe.
 */
public final class WatRecordReader implements Closeable {
    private final WarcPageReader records;

    /**
     * @param in the file's bytes from {@code baseOffset} on; closed by {@link #close()}
     * @param maxJsonBytes JSON bytes kept per record; longer ones are cut and flagged
     * @throws FileReadException when the stream does not start like a WARC file
     */
    public WatRecordReader(InputStream in, String file, long baseOffset, int maxJsonBytes)
            throws FileReadException {
        this(in, file, baseOffset, maxJsonBytes, true);
    }

    /** A reader with or without the fast path (see {@link WarcPageReader}), for tests. */
    WatRecordReader(InputStream in, String file, long baseOffset, int maxJsonBytes, boolean fast)
            throws FileReadException {
        this.records = new WarcPageReader(in, file, baseOffset, maxJsonBytes, fast);
    }

    /** Called with each record that was skipped because it could not be read. */
    public WatRecordReader onBadRecord(Consumer<FileReadException> listener) {
        records.onBadRecord(listener);
        return this;
    }

    /**
     * The next JSON metadata record, or empty at the end of the file.
     *
     * @throws FileReadException when nothing more can be read
     */
    public Optional<WatRecord> next() throws FileReadException {
        while (true) {
            if (records.fastPath()) {
                Optional<WatRecord> record = nextFast();
                if (record != null) {
                    return record;
                }
                continue;
            }
            Optional<WarcRecord> next = records.nextRecord();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            WarcRecord record = next.get();
            try {
                if (!"metadata".equals(record.type())
                        || !record.contentType()
                                .base()
                                .toString()
                                .equalsIgnoreCase("application/json")) {
                    records.skip(WarcPageReader.skipReasonOf(record));
                    continue;
                }
                boolean cutByFile = records.readBody(record.body());
                boolean capped = records.bodyLength > records.maxBodyBytes;
                byte[] json = records.takeBody();
                if (json.length == 0) {
                    records.skip(SkipReason.EMPTY);
                    continue;
                }
                return Optional.of(
                        new WatRecord(
                                records.file,
                                records.position(),
                                WarcPageReader.recordIdOf(record),
                                record.headers().first("WARC-Target-URI").orElse(null),
                                WarcPageReader.dateOf(record),
                                record.headers().first("WARC-Refers-To").orElse(null),
                                json,
                                cutByFile || capped));
            } catch (RuntimeException e) {
                records.failRecord(e);
            }
        }
    }

    /**
     * One step of the fast path ({@link MemberRecords}): a record, empty at the end, or null when
     * the step skipped a record or handed over to jwarc.
     */
    private Optional<WatRecord> nextFast() throws FileReadException {
        int step = records.fastNext();
        if (step == MemberRecords.END) {
            return Optional.empty();
        }
        if (step != MemberRecords.RECORD) {
            return null;
        }
        HeaderFields warc = records.fastWarc();
        String type = warc.first("WARC-Type");
        if (!"metadata".equals(type) || !isJson(warc.first("Content-Type"))) {
            records.fastSkip(WarcPageReader.skipReasonOf(type));
            return null;
        }
        byte[] json = records.fastBlock();
        if (json == null) {
            return null;
        }
        boolean capped = records.bodyLength > records.maxBodyBytes;
        if (json.length == 0) {
            records.skip(SkipReason.EMPTY);
            return null;
        }
        String recordId = warc.first("WARC-Record-ID");
        return Optional.of(
                new WatRecord(
                        records.file,
                        records.position(),
                        recordId == null ? "" : recordId.trim(),
                        warc.first("WARC-Target-URI"),
                        WarcPageReader.dateOf(warc.first("WARC-Date")),
                        warc.first("WARC-Refers-To"),
                        json,
                        capped));
    }

    /** jwarc's {@code record.contentType()} test of a WARC Content-Type value, null-safe. */
    private static boolean isJson(String contentType) {
        try {
            MediaType type =
                    contentType == null
                            ? MediaType.OCTET_STREAM
                            : MediaType.parseLeniently(contentType);
            return type.base().toString().equalsIgnoreCase("application/json");
        } catch (RuntimeException e) {
            return false; // not JSON: skipped like any other record
        }
    }

    /** Offset of the record read last, as {@link WarcPageReader#position()}. */
    public long position() {
        return records.position();
    }

    /** Records read so far, of every type. */
    public long records() {
        return records.records();
    }

    /** Records skipped so far (warcinfo, non-JSON), by reason. */
    public Map<SkipReason, Long> skipped() {
        return records.skipped();
    }

    @Override
    public void close() throws IOException {
        records.close();
    }
}
