package org.ccpairs.connectors.announce;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.ccpairs.avro.FileKind;

/**
 * Reads a crawl's path list ({@code warc.paths.gz}, {@code wat.paths.gz}): gzip (or plain) text,
 * one path per line, {@code crawl-data/<crawl>/segments/<segment>/<warc|wat>/<file>}. Lenient per
 * line: a line that is not such a path of this crawl and kind is rejected with a {@link
 * PathProblem} and the rest is used; blank lines are skipped. Thread-safe.
 */
public final class PathListParser {
    /** A real warc.paths.gz is about 13 MB of text. */
    static final int MAX_TEXT_BYTES = 256 << 20;

    /** Rejected lines kept per problem as examples; the rest are only counted. */
    static final int EXAMPLES = 10;

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Pattern LAYOUT =
            Pattern.compile("crawl-data/([^/]+)/segments/([^/]+)/([^/]+)/([^/]+)");

    /**
     * A parsed path list.
     *
     * @param paths usable paths in list order, without duplicates
     * @param rejected count of rejected lines per problem
     * @param examples the first {@value #EXAMPLES} rejected lines per problem
     */
    public record PathList(
            List<CrawlPath> paths,
            Map<PathProblem, Integer> rejected,
            Map<PathProblem, List<String>> examples) {}

    private PathListParser() {}

    /** {@code warc.paths.gz} or {@code wat.paths.gz}. */
    public static String fileName(FileKind kind) {
        return directory(kind) + ".paths.gz";
    }

    /** The folder of a kind's files inside a segment: {@code warc}, {@code wat}. */
    public static String directory(FileKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws MalformedListException ({@code MALFORMED_PATH_LIST}) when the body is broken gzip or
     *     decompresses to more than {@value #MAX_TEXT_BYTES} bytes
     */
    public static PathList parse(byte[] body, String crawlId, FileKind kind)
            throws MalformedListException {
        String text = new String(decompress(body), StandardCharsets.UTF_8);
        List<CrawlPath> paths = new ArrayList<>();
        Map<PathProblem, Integer> rejected = new EnumMap<>(PathProblem.class);
        Map<PathProblem, List<String>> examples = new EnumMap<>(PathProblem.class);
        Set<String> seen = new HashSet<>();
        for (String raw : text.split("\n")) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LAYOUT.matcher(line);
            PathProblem problem = problem(line, m, crawlId, kind);
            if (problem == null && !seen.add(line)) {
                problem = PathProblem.DUPLICATE_PATH;
            }
            if (problem != null) {
                rejected.merge(problem, 1, Integer::sum);
                List<String> some = examples.computeIfAbsent(problem, p -> new ArrayList<>());
                if (some.size() < EXAMPLES) {
                    some.add(line.length() > 300 ? line.substring(0, 300) + "…" : line);
                }
                continue;
            }
            paths.add(new CrawlPath(crawlId, m.group(2), kind, line));
        }
        return new PathList(List.copyOf(paths), Map.copyOf(rejected), Map.copyOf(examples));
    }

    /** Why {@code line} is not a usable path, or null; {@code m} has matched when null. */
    private static PathProblem problem(String line, Matcher m, String crawlId, FileKind kind) {
        if (!PLAIN.matcher(line).matches() || !line.startsWith("crawl-data/")) {
            return PathProblem.MALFORMED_PATH;
        }
        String[] parts = line.split("/");
        for (String part : parts) {
            if (part.equals(".") || part.equals("..")) {
                return PathProblem.MALFORMED_PATH;
            }
        }
        if (!parts[1].equals(crawlId)) {
            return PathProblem.PATH_OF_OTHER_CRAWL;
        }
        if (!m.matches() || !Announcements.isValidId(m.group(2))) {
            return PathProblem.PATH_WITHOUT_SEGMENT;
        }
        if (!m.group(3).equals(directory(kind))) {
            return PathProblem.PATH_OF_OTHER_KIND;
        }
        return null;
    }

    private static byte[] decompress(byte[] body) throws MalformedListException {
        boolean gzip = body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
        if (!gzip) {
            return body; // served uncompressed, or decompressed by a proxy
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body), 1 << 16)) {
            byte[] text = in.readNBytes(MAX_TEXT_BYTES + 1);
            if (text.length > MAX_TEXT_BYTES) {
                throw new MalformedListException(
                        AnnouncerDeadLetters.MALFORMED_PATH_LIST,
                        "more than " + MAX_TEXT_BYTES + " bytes once decompressed",
                        null);
            }
            return text;
        } catch (IOException e) {
            throw new MalformedListException(
                    AnnouncerDeadLetters.MALFORMED_PATH_LIST, "broken gzip: " + e.getMessage(), e);
        }
    }
}
