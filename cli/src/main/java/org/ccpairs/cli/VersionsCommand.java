package org.ccpairs.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.TimeUtils;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.version.DatasetMaintenance;
import org.ccpairs.jobs.version.DatasetOptions;
import org.ccpairs.jobs.version.DatasetSettings;
import org.ccpairs.jobs.version.DatasetVersions;
import org.ccpairs.jobs.version.VersionDiff;
import org.ccpairs.jobs.version.VersionExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ccpairs versions list|show|diff|export}: the dataset's numbered, immutable versions. */
@Command(
        name = "versions",
        mixinStandardHelpOptions = true,
        description =
                "The dataset's versions: list them, show one, diff two, export one; maintain the"
                        + " table.",
        subcommands = {
            VersionsCommand.ListVersions.class,
            VersionsCommand.Show.class,
            VersionsCommand.Diff.class,
            VersionsCommand.Export.class,
            VersionsCommand.Maintain.class
        })
final class VersionsCommand implements Callable<Integer> {
    @Mixin Table table;

    /** Without a subcommand: the list, as {@code versions list} prints it. */
    @Override
    public Integer call() {
        return new ListVersions().print(table.versions(), false);
    }

    /** Where the dataset table is. */
    static final class Table {
        @Option(
                names = "--warehouse",
                description = "Warehouse of a hadoop catalog. Default: .ccpairs/warehouse.")
        String warehouse;

        @Option(
                names = "--catalog-type",
                defaultValue = "hadoop",
                description = "Iceberg catalog type. Default: ${DEFAULT-VALUE}.")
        String catalogType;

        @Option(
                names = "--catalog-property",
                paramLabel = "KEY=VALUE",
                description = "Iceberg catalog property, repeatable.")
        Map<String, String> catalogProperties = new LinkedHashMap<>();

        @Option(
                names = "--table",
                defaultValue = "ccpairs.pairs",
                description = "Table. Default: ${DEFAULT-VALUE}.")
        String name;

        DatasetVersions versions() {
            Configuration conf = new Configuration();
            conf.set(DatasetOptions.CATALOG_TYPE, catalogType);
            conf.set(
                    DatasetOptions.WAREHOUSE,
                    warehouse != null
                            ? warehouse
                            : LocalStackEndpoints.warehouse().toUri().toString());
            conf.set(DatasetOptions.CATALOG_PROPERTIES, catalogProperties);
            conf.set(DatasetOptions.TABLE, name);
            return DatasetVersions.open(DatasetSettings.from(conf));
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description =
                    "Every version: number, commit time, segments, pairs added, removed, total.")
    static final class ListVersions implements Callable<Integer> {
        @Mixin Table table;

        @Option(names = "--json", description = "One JSON object per version instead of a table.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            return print(table.versions(), json);
        }

        int print(DatasetVersions versions, boolean asJson) {
            List<DatasetVersionRecord> all = versions.list();
            if (all.isEmpty()) {
                throw new IllegalArgumentException(
                        "the dataset table "
                                + versions.tableName()
                                + " has no versions yet: the job commits v1 when the first"
                                + " announced segment is complete");
            }
            if (asJson) {
                all.forEach(v -> System.out.println(VersionJson.of(v)));
                return 0;
            }
            System.out.printf(
                    "%-8s %-24s %-44s %10s %10s %10s%n",
                    "VERSION", "COMMITTED", "SEGMENTS", "ADDED", "REMOVED", "TOTAL");
            for (DatasetVersionRecord v : all) {
                System.out.printf(
                        "v%-7d %-24s %-44s %10d %10d %10d%n",
                        v.version(),
                        Instant.ofEpochMilli(v.committedAtMillis()),
                        segments(v),
                        v.pairsAdded(),
                        v.pairsRemoved(),
                        v.pairsTotal());
            }
            return 0;
        }

        private static String segments(DatasetVersionRecord v) {
            String complete =
                    String.join(
                            ",",
                            v.segmentsComplete().stream()
                                    .map(s -> s.crawlId() + "/" + s.segmentId())
                                    .toList());
            return v.segmentsPartial().isEmpty()
                    ? complete
                    : complete
                            + (complete.isEmpty() ? "" : " ")
                            + "(+"
                            + v.segmentsPartial().size()
                            + " partial)";
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "One version's metadata and coverage.")
    static final class Show implements Callable<Integer> {
        @Mixin Table table;

        @Parameters(paramLabel = "VERSION", description = "e.g. v3")
        String version;

        @Override
        public Integer call() {
            DatasetVersionRecord v = table.versions().get(version);
            PrintStream out = System.out;
            out.printf("version         v%d%n", v.version());
            out.printf("table           %s (%s)%n", v.table(), v.tableLocation());
            out.printf("snapshot        %d (tag v%d)%n", v.snapshotId(), v.version());
            out.printf("committed at    %s%n", Instant.ofEpochMilli(v.committedAtMillis()));
            out.printf(
                    "pairs           +%d added, -%d removed%s, %d in total%n",
                    v.pairsAdded(),
                    v.pairsRemoved(),
                    v.pairsRemovedByReason().isEmpty() ? "" : " " + v.pairsRemovedByReason(),
                    v.pairsTotal());
            out.println("complete        " + describe(v.segmentsComplete()));
            out.println("partial         " + describe(v.segmentsPartial()));
            return 0;
        }

        private static String describe(List<Segment> segments) {
            return segments.isEmpty()
                    ? "-"
                    : String.join(
                            ", ",
                            segments.stream()
                                    .map(
                                            s ->
                                                    s.crawlId()
                                                            + "/"
                                                            + s.segmentId()
                                                            + " ("
                                                            + s.fileCount()
                                                            + " "
                                                            + s.fileKind()
                                                            + " files)")
                                    .toList());
        }
    }

    @Command(
            name = "diff",
            mixinStandardHelpOptions = true,
            description =
                    "What changed between two versions: pairs added, removed by reason; with --ids"
                            + " the ids.")
    static final class Diff implements Callable<Integer> {
        @Mixin Table table;

        @Parameters(index = "0", paramLabel = "FROM", description = "e.g. v1")
        String from;

        @Parameters(index = "1", paramLabel = "TO", description = "a later version, e.g. v2")
        String to;

        @Option(
                names = "--ids",
                description = "Also print the pair ids: '+<id>' added, '-<id>' removed.")
        boolean ids;

        @Override
        public Integer call() {
            VersionDiff diff = VersionDiff.of(table.versions(), from, to);
            System.out.printf(
                    "v%d -> v%d: %d version(s), +%d pairs added, -%d removed%s, total %d -> %d%n",
                    diff.from().version(),
                    diff.to().version(),
                    diff.versions().size(),
                    diff.added(),
                    diff.removedByReason().values().stream().mapToLong(Long::longValue).sum(),
                    diff.removedByReason().isEmpty() ? "" : " " + diff.removedByReason(),
                    diff.from().pairsTotal(),
                    diff.to().pairsTotal());
            if (ids) {
                diff.addedIds(id -> System.out.println("+" + id));
                diff.removedIds(id -> System.out.println("-" + id));
            }
            return 0;
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = {
                "Write one version as files, with LAION's column names (URL, TEXT, WIDTH, HEIGHT,"
                        + " LANGUAGE, LICENSE) next to every ccpairs column."
            })
    static final class Export implements Callable<Integer> {
        @Mixin Table table;

        @Parameters(paramLabel = "VERSION", description = "e.g. v2")
        String version;

        @Option(
                names = "--format",
                defaultValue = "parquet",
                description = "parquet or jsonl. Default: ${DEFAULT-VALUE}.")
        String format;

        @Option(names = "--out", required = true, description = "A new or empty folder.")
        Path out;

        @Option(
                names = "--shard-size",
                defaultValue = "256mb",
                description = "About this much per file. Default: ${DEFAULT-VALUE}.")
        String shardSize;

        @Override
        public Integer call() throws IOException {
            VersionExport.Format f =
                    switch (format.toLowerCase()) {
                        case "parquet" -> VersionExport.Format.PARQUET;
                        case "jsonl" -> VersionExport.Format.JSONL;
                        default ->
                                throw new IllegalArgumentException(
                                        "--format must be parquet or jsonl, got '" + format + "'");
                    };
            long shardBytes = MemorySize.parse(shardSize).getBytes();
            DatasetVersions versions = table.versions();
            long total = versions.get(version).pairsTotal();
            Progress progress = new Progress(total);
            VersionExport.Result result =
                    VersionExport.export(versions, version, f, out, shardBytes, progress::show);
            progress.done();
            System.out.printf(
                    "exported v%d: %d pairs in %d file(s) under %s%n",
                    result.version().version(), result.rows(), result.shards().size(), out);
            return 0;
        }
    }

    @Command(
            name = "maintain",
            mixinStandardHelpOptions = true,
            description = {
                "Compact small files and expire old snapshots, keeping every version within the"
                        + " retention. Safe while the job runs; schedule it (e.g. a Kubernetes"
                        + " CronJob) daily."
            })
    static final class Maintain implements Callable<Integer> {
        @Mixin Table table;

        @Option(
                names = "--version-retention",
                paramLabel = "DURATION",
                description =
                        "Untag versions committed longer ago than this (e.g. 365d), so that"
                                + " expiry can remove them; the newest version always stays."
                                + " Default: keep every version.")
        String versionRetention;

        @Option(
                names = "--snapshot-age",
                defaultValue = "7d",
                paramLabel = "DURATION",
                description =
                        "Expire untagged snapshots older than this. Default: ${DEFAULT-VALUE}.")
        String snapshotAge;

        @Option(
                names = "--retain-last",
                defaultValue = "10",
                description =
                        "Keep at least this many of the newest snapshots. Default:"
                                + " ${DEFAULT-VALUE}.")
        int retainLast;

        @Option(
                names = "--target-file-size",
                defaultValue = "512mb",
                description =
                        "Compact into files of about this size; 0 skips compaction. Default:"
                                + " ${DEFAULT-VALUE}.")
        String targetFileSize;

        @Override
        public Integer call() {
            DatasetMaintenance.Policy policy =
                    new DatasetMaintenance.Policy(
                            versionRetention == null ? null : duration(versionRetention),
                            duration(snapshotAge),
                            retainLast,
                            MemorySize.parse(targetFileSize).getBytes());
            DatasetVersions versions = table.versions();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            DatasetMaintenance.Result result =
                    new DatasetMaintenance(versions.table(), Clock.systemUTC()).run(policy, env);
            System.out.printf(
                    "maintained %s in %d ms: %d file(s) compacted into %d, %d snapshot(s)"
                            + " expired, %s%n",
                    versions.tableName(),
                    result.millis(),
                    result.filesRewritten(),
                    result.filesWritten(),
                    result.snapshotsExpired(),
                    result.versionsUntagged().isEmpty()
                            ? "every version kept"
                            : "versions untagged: "
                                    + String.join(
                                            ", ",
                                            result.versionsUntagged().stream()
                                                    .map(v -> "v" + v)
                                                    .toList()));
            return 0;
        }

        private static Duration duration(String text) {
            try {
                return TimeUtils.parseDuration(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "not a duration: '" + text + "' (e.g. 7d, 12h, 30min)");
            }
        }
    }

    /** A progress bar on a terminal; nothing when the output is redirected. */
    static final class Progress {
        private final long total;
        private final boolean terminal = System.console() != null;

        Progress(long total) {
            this.total = total;
        }

        void show(long rows) {
            if (terminal && total > 0) {
                int width = 30;
                int filled = (int) Math.min(width, rows * width / total);
                System.err.printf(
                        "\r[%s%s] %3d%% %,d/%,d pairs",
                        "#".repeat(filled),
                        " ".repeat(width - filled),
                        rows * 100 / total,
                        rows,
                        total);
            }
        }

        void done() {
            if (terminal) {
                System.err.println();
            }
        }
    }

    /** A version as one line of JSON. */
    static final class VersionJson {
        static String of(DatasetVersionRecord v) {
            var buffer = new java.io.ByteArrayOutputStream();
            try (JsonGenerator json =
                    new JsonFactory()
                            .createGenerator(
                                    new OutputStreamWriter(buffer, StandardCharsets.UTF_8))) {
                json.writeStartObject();
                json.writeNumberField("version", v.version());
                json.writeNumberField("snapshot_id", v.snapshotId());
                json.writeStringField(
                        "committed_at", Instant.ofEpochMilli(v.committedAtMillis()).toString());
                json.writeStringField("table", v.table());
                json.writeStringField("table_location", v.tableLocation());
                segments(json, "segments_complete", v.segmentsComplete());
                segments(json, "segments_partial", v.segmentsPartial());
                json.writeNumberField("pairs_added", v.pairsAdded());
                json.writeNumberField("pairs_removed", v.pairsRemoved());
                json.writeObjectFieldStart("pairs_removed_by_reason");
                for (var e : v.pairsRemovedByReason().entrySet()) {
                    json.writeNumberField(e.getKey(), e.getValue());
                }
                json.writeEndObject();
                json.writeNumberField("pairs_total", v.pairsTotal());
                json.writeEndObject();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return buffer.toString(StandardCharsets.UTF_8);
        }

        private static void segments(JsonGenerator json, String name, List<Segment> segments)
                throws IOException {
            json.writeArrayFieldStart(name);
            for (Segment s : segments) {
                json.writeStartObject();
                json.writeStringField("crawl_id", s.crawlId());
                json.writeStringField("segment_id", s.segmentId());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }
}
