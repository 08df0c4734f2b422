package org.ccpairs.jobs.extract;

import java.io.InputStream;
import java.util.Locale;
import java.util.function.Consumer;
import org.ccpairs.connectors.warc.FileReadException;
import org.ccpairs.jobs.model.Segment;

/** Opens the {@link FilePairReader} for a kind of file. */
public final class FilePairReaders {
    /** Kind of a WARC file of HTML responses. */
    public static final String WARC = "WARC";

    /** Kind of a WAT file of metadata records. */
    public static final String WAT = "WAT";

    private FilePairReaders() {}

    /**
     * A reader of {@code in}.
     *
     * @param fileKind {@link #WARC} or {@link #WAT} (case-insensitive), as announced
     * @param in the file's bytes from {@code baseOffset} on; closed by the reader
     * @param file the file's URL, for provenance
     * @param baseOffset where {@code in} starts in the file: a record (gzip member) boundary
     * @param maxPageBytes payload bytes kept per page (WARC) or metadata record (WAT)
     * @param badRecords told about each record that could not be parsed and was skipped
     * @param pageFailures told about each page the extractor failed on
     * @throws FileReadException when the stream does not start like a WARC file
     * @throws IllegalArgumentException for another kind
     */
    public static FilePairReader open(
            String fileKind,
            InputStream in,
            String file,
            long baseOffset,
            int maxPageBytes,
            Segment segment,
            Consumer<FileReadException> badRecords,
            Consumer<WarcPairReader.PageFailure> pageFailures)
            throws FileReadException {
        String kind = fileKind == null ? WARC : fileKind.toUpperCase(Locale.ROOT);
        return switch (kind) {
            case WARC ->
                    new WarcPairReader(
                            in, file, baseOffset, maxPageBytes, segment, badRecords, pageFailures);
            case WAT ->
                    new WatPairReader(
                            in, file, baseOffset, maxPageBytes, segment, badRecords, pageFailures);
            default ->
                    throw new IllegalArgumentException(
                            "unknown file kind '" + fileKind + "', expected WARC or WAT");
        };
    }

    /**
     * {@link #WAT} when the file name says so ({@code .wat}, {@code .wat.gz}), else {@link #WARC}.
     */
    public static String kindOf(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        return f.endsWith(".wat") || f.endsWith(".wat.gz") || f.contains("/wat/") ? WAT : WARC;
    }
}
