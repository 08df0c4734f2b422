package org.ccpairs.jobs.version;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.sink.JsonValues;

/**
 * Writes one version of the dataset as files for training pipelines: Parquet or JSON lines, in
 * shards of about a given size. Every row has the column names LAION's metadata uses ({@code URL},
 * {@code TEXT}, {@code WIDTH}, {@code HEIGHT}, {@code LANGUAGE}, {@code LICENSE}, {@code punsafe}),
 * plus the caption's safety score as {@code caption_unsafe}, so that tools written for LAION
 * (img2dataset among them) read it unchanged, followed by every column of the table.
 */
public final class VersionExport {
    /** The file format of the shards. */
    public enum Format {
        PARQUET("parquet"),
        JSONL("jsonl");

        final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    /** What was written. */
    public record Result(DatasetVersionRecord version, long rows, List<Path> shards) {}

    /** LAION's name and the table column it is filled from. */
    private record Alias(String name, String column, org.apache.iceberg.types.Type type) {}

    private static final List<Alias> LAION =
            List.of(
                    new Alias("URL", "image_url", Types.StringType.get()),
                    new Alias("TEXT", "caption", Types.StringType.get()),
                    new Alias("WIDTH", "width", Types.IntegerType.get()),
                    new Alias("HEIGHT", "height", Types.IntegerType.get()),
                    // LAION's LANGUAGE is the caption's detected language, as is ours
                    new Alias("LANGUAGE", "language", Types.StringType.get()),
                    new Alias("LICENSE", "license_id", Types.StringType.get()),
                    // LAION's punsafe: the probability that the image is unsafe, from an image
                    // model; ours when an image-safety scorer is configured, else null
                    new Alias("punsafe", "image_safety_score", Types.DoubleType.get()),
                    // no LAION equivalent: the caption's lexicon safety score (docs/filters.md)
                    new Alias("caption_unsafe", "caption_safety_score", Types.DoubleType.get()));

    private VersionExport() {}

    /**
     * Exports version {@code name} into {@code outDir} (created if missing), as {@code
     * part-00000.<ext>}, {@code part-00001.<ext>}, ...
     *
     * @param shardBytes a shard is closed once it reaches about this many bytes
     * @param progress told the number of rows written so far, now and then
     * @throws IllegalArgumentException for an unknown version or a non-empty {@code outDir}
     */
    public static Result export(
            DatasetVersions versions,
            String name,
            Format format,
            Path outDir,
            long shardBytes,
            LongConsumer progress)
            throws IOException {
        DatasetVersionRecord version = versions.get(name);
        Files.createDirectories(outDir);
        try (var existing = Files.list(outDir)) {
            if (existing.findAny().isPresent()) {
                throw new IllegalArgumentException(
                        outDir + " is not empty; export into a new folder");
            }
        }
        Schema tableSchema = versions.table().schema();
        Schema exportSchema = exportSchema(tableSchema);
        List<Path> shards = new ArrayList<>();
        long rows = 0;
        ShardWriter shard = null;
        try (CloseableIterable<Record> records =
                IcebergGenerics.read(versions.table()).useSnapshot(version.snapshotId()).build()) {
            for (Record row : records) {
                if (shard == null || shard.bytes() >= shardBytes) {
                    if (shard != null) {
                        shard.close();
                    }
                    Path file =
                            outDir.resolve(
                                    String.format("part-%05d.%s", shards.size(), format.extension));
                    shards.add(file);
                    shard =
                            format == Format.PARQUET
                                    ? new ParquetShard(file, exportSchema)
                                    : new JsonShard(file);
                }
                shard.write(exportRow(row, tableSchema, exportSchema));
                if (++rows % 10_000 == 0) {
                    progress.accept(rows);
                }
            }
        } finally {
            if (shard != null) {
                shard.close();
            }
        }
        progress.accept(rows);
        return new Result(version, rows, shards);
    }

    static Schema exportSchema(Schema tableSchema) {
        List<Types.NestedField> fields = new ArrayList<>();
        int id = 10_000;
        for (Alias a : LAION) {
            fields.add(Types.NestedField.optional(id++, a.name(), a.type()));
        }
        fields.addAll(tableSchema.columns());
        return new Schema(fields);
    }

    private static Record exportRow(Record row, Schema tableSchema, Schema exportSchema) {
        GenericRecord out = GenericRecord.create(exportSchema);
        for (Alias a : LAION) {
            out.setField(
                    a.name(),
                    tableSchema.findField(a.column()) == null ? null : row.getField(a.column()));
        }
        for (Types.NestedField f : tableSchema.columns()) {
            out.setField(f.name(), row.getField(f.name()));
        }
        return out;
    }

    /** One output file. */
    private interface ShardWriter extends Closeable {
        void write(Record row) throws IOException;

        long bytes();
    }

    private static final class ParquetShard implements ShardWriter {
        private final FileAppender<Record> appender;
        private long rows;
        private long length;

        ParquetShard(Path file, Schema schema) throws IOException {
            appender =
                    Parquet.write(org.apache.iceberg.Files.localOutput(file.toFile()))
                            .schema(schema)
                            .createWriterFunc(GenericParquetWriter::create)
                            .build();
        }

        @Override
        public void write(Record row) {
            appender.add(row);
            rows++;
        }

        /**
         * The size as of the last thousandth row: {@code length()} flushes pages, so not each row.
         */
        @Override
        public long bytes() {
            if (rows % 1000 == 0) {
                length = appender.length();
            }
            return length;
        }

        @Override
        public void close() throws IOException {
            appender.close();
        }
    }

    private static final class JsonShard implements ShardWriter {
        private final CountingStream out;
        private final JsonGenerator json;

        JsonShard(Path file) throws IOException {
            out =
                    new CountingStream(
                            new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            json = new JsonFactory().createGenerator(out);
            json.setRootValueSeparator(null);
        }

        @Override
        public void write(Record row) throws IOException {
            json.writeStartObject();
            for (Types.NestedField f : row.struct().fields()) {
                json.writeFieldName(f.name());
                JsonValues.write(json, row.getField(f.name()));
            }
            json.writeEndObject();
            json.writeRaw('\n');
        }

        @Override
        public long bytes() {
            return out.count;
        }

        @Override
        public void close() throws IOException {
            json.close();
        }
    }

    private static final class CountingStream extends java.io.FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
