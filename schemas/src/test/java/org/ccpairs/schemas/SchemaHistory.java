package org.ccpairs.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;

/**
 * The released versions of every schema: {@code history/<RecordName>/v<N>.avsc}, one file per
 * version that ever reached a topic. A current schema in {@code src/main/avro} must be able to read
 * data written with every one of them (Confluent's BACKWARD_TRANSITIVE), so consumers upgraded
 * first never break.
 */
final class SchemaHistory {
    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

    private final Path historyDir;

    SchemaHistory(Path historyDir) {
        this.historyDir = historyDir;
    }

    /** The released versions of {@code recordName}, oldest first; empty when none was released. */
    List<Schema> versions(String recordName) {
        Path dir = historyDir.resolve(recordName);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> VERSION_FILE.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(SchemaHistory::versionOf))
                    .map(SchemaHistory::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Why {@code current} cannot read data written with {@code released}: one line per
     * incompatibility, empty when it can.
     */
    static List<String> backwardProblems(Schema current, Schema released) {
        SchemaCompatibilityResult result =
                SchemaCompatibility.checkReaderWriterCompatibility(current, released).getResult();
        List<String> problems = new ArrayList<>();
        for (Incompatibility i : result.getIncompatibilities()) {
            problems.add(i.getType() + " at " + i.getLocation() + ": " + i.getMessage());
        }
        return problems;
    }

    static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int versionOf(Path file) {
        Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a version file: " + file);
        }
        return Integer.parseInt(m.group(1));
    }
}
