package org.ccpairs.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two segments the demo announces. With the real WARC corpus next to the repository ({@code
 * ../shared/corpus}, or {@code $CCPAIRS_CORPUS}) they are real crawls read in place; otherwise the
 * demo writes synthetic WARC files. Either way the second segment repeats a file of the first, so
 * the second version shows dedup at work.
 */
public final class DemoData {
    public static final String CRAWL = "CC-DEMO-2026-48";

    /** A segment of the demo. */
    public record Segment(String id, List<Path> files) {}

    /** What the demo reads, and where it came from for the summary. */
    public record Plan(String description, List<Segment> segments) {}

    private static final List<String> CORPUS_SEGMENT_1 =
            List.of(
                    "chatnoir-resiliparse/warcfile.warc.gz",
                    "aut/example.warc.gz",
                    "jwarc/cc.warc.gz");
    private static final List<String> CORPUS_SEGMENT_2 =
            List.of(
                    "aut/example.warc.gz",
                    "eugeneware-warc/CC-MAIN-20140820021334-00006-ip-10-180-136-8.ec2.internal.warc",
                    "ia-web-commons/IAH-urls-wget.warc.gz",
                    "node-warc/books.toscrape.warc");

    private DemoData() {}

    /**
     * @param source {@code auto}, {@code corpus} or {@code generated}
     * @param repository the repository root, next to which the corpus may be
     * @param scratch where generated files go
     * @throws IllegalArgumentException when {@code corpus} is asked for and not found
     */
    public static Plan prepare(String source, Path repository, Path scratch) throws IOException {
        Optional<Path> corpus = findCorpus(repository);
        if (source.equals("corpus") && corpus.isEmpty()) {
            throw new IllegalArgumentException(
                    "the real corpus was not found next to the repository"
                            + " (../shared/corpus) nor in $CCPAIRS_CORPUS; use --data generated");
        }
        if (!source.equals("generated") && corpus.isPresent()) {
            Path dir = corpus.get();
            return new Plan(
                    "real WARC files from " + dir,
                    List.of(
                            new Segment("segment-1", resolve(dir, CORPUS_SEGMENT_1)),
                            new Segment("segment-2", resolve(dir, CORPUS_SEGMENT_2))));
        }
        Files.createDirectories(scratch);
        Path a = scratch.resolve("demo-00000.warc.gz");
        Path b = scratch.resolve("demo-00001.warc.gz");
        Path c = scratch.resolve("demo-00002.warc.gz");
        GeneratedWarcs.write(a, "photos-a.example.org", 120, 1);
        GeneratedWarcs.write(b, "photos-b.example.org", 120, 2);
        GeneratedWarcs.write(c, "photos-c.example.org", 120, 3);
        return new Plan(
                "synthetic WARC files generated in " + scratch,
                List.of(
                        new Segment("segment-1", List.of(a, b)),
                        new Segment("segment-2", List.of(b, c))));
    }

    private static Optional<Path> findCorpus(Path repository) {
        String env = System.getenv("CCPAIRS_CORPUS");
        List<Path> candidates = new ArrayList<>();
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        candidates.add(repository.toAbsolutePath().getParent().resolve("shared/corpus"));
        for (Path c : candidates) {
            if (resolveAll(c, CORPUS_SEGMENT_1) && resolveAll(c, CORPUS_SEGMENT_2)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static boolean resolveAll(Path dir, List<String> files) {
        return files.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    private static List<Path> resolve(Path dir, List<String> files) {
        return files.stream().map(dir::resolve).toList();
    }
}
