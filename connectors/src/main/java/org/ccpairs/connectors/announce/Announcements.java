package org.ccpairs.connectors.announce;

import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.ccpairs.avro.FileKind;
import org.ccpairs.avro.SegmentAnnouncement;

/** Builds segment announcements. */
public final class Announcements {
    /**
     * Crawl and segment ids: what Common Crawl uses ({@code CC-MAIN-2024-51}, {@code
     * 1733066035855.10}) and nothing that could be mistaken for a separator in keys, paths or
     * metadata.
     */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private Announcements() {}

    /** Whether {@code id} is a valid crawl or segment id (see {@link #ID}). */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * An announcement of {@code files}, each turned into an absolute URL: http(s) and file URLs are
     * kept, plain paths become {@code file://} URLs of their absolute form.
     *
     * @throws IllegalArgumentException when an id is not valid ({@link #ID}), a file is blank, or
     *     no file is given
     */
    public static SegmentAnnouncement of(
            String crawlId,
            String segmentId,
            FileKind kind,
            List<String> files,
            String announcer,
            Clock clock) {
        requireId(crawlId, "crawl id");
        requireId(segmentId, "segment id");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("an announcement needs at least one file");
        }
        return SegmentAnnouncement.newBuilder()
                .setCrawlId(crawlId)
                .setSegmentId(segmentId)
                .setFileKind(kind)
                .setFiles(files.stream().map(Announcements::toUrl).toList())
                .setAnnouncedAt(clock.instant())
                .setAnnouncer(announcer)
                .build();
    }

    /** The Kafka key of an announcement: {@code <crawl_id>/<segment_id>}. */
    public static String key(SegmentAnnouncement announcement) {
        return announcement.getCrawlId() + "/" + announcement.getSegmentId();
    }

    static String toUrl(String file) {
        requireText(file, "file");
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            URI uri = URI.create(file); // fails early on a malformed URL
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("an http(s) URL needs a host: " + file);
            }
            return file;
        }
        if (lower.startsWith("file:")) {
            try {
                Path.of(URI.create(file)); // absolute, local, no host: what the job can open
            } catch (IllegalArgumentException | FileSystemNotFoundException e) {
                throw new IllegalArgumentException("not an absolute local file URL: " + file, e);
            }
            return file;
        }
        return Path.of(file).toAbsolutePath().normalize().toUri().toString();
    }

    private static void requireId(String value, String what) {
        if (!isValidId(value)) {
            throw new IllegalArgumentException(
                    what
                            + " '"
                            + value
                            + "' is not valid: use letters, digits,"
                            + " '.', '_' and '-' (at most 128), starting with a letter or digit");
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
