package org.ccpairs.connectors.announce;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.ccpairs.avro.FileKind;
import org.ccpairs.avro.SegmentAnnouncement;

/** Builds segment announcements. */
public final class Announcements {
    private Announcements() {}

    /**
     * An announcement of {@code files}, each turned into an absolute URL: http(s) and file URLs are
     * kept, plain paths become {@code file://} URLs of their absolute form.
     *
     * @throws IllegalArgumentException when an argument is blank or no file is given
     */
    public static SegmentAnnouncement of(
            String crawlId,
            String segmentId,
            FileKind kind,
            List<String> files,
            String announcer,
            Clock clock) {
        requireText(crawlId, "crawl id");
        requireText(segmentId, "segment id");
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
        String lower = file.toLowerCase();
        if (lower.startsWith("http://")
                || lower.startsWith("https://")
                || lower.startsWith("file:")) {
            URI.create(file); // fail early on a malformed URL
            return file;
        }
        return Path.of(file).toAbsolutePath().normalize().toUri().toString();
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
