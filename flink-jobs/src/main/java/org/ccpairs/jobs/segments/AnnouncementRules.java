package org.ccpairs.jobs.segments;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.announce.Announcements;

/** What makes a decoded announcement usable. */
public final class AnnouncementRules {
    /**
     * More files than any Common Crawl segment has (about 900); guards against runaway
     * announcements.
     */
    public static final int MAX_FILES = 100_000;

    private AnnouncementRules() {}

    /** Why an announcement cannot be processed: a stable reason code and a detail. */
    public record Problem(String reason, String detail) {}

    /** Why {@code a} cannot be processed, or null when it can. */
    public static Problem problem(SegmentAnnouncement a) {
        if (!Announcements.isValidId(a.getCrawlId())
                || !Announcements.isValidId(a.getSegmentId())) {
            return new Problem(
                    "INVALID_ANNOUNCEMENT",
                    "crawl_id '"
                            + a.getCrawlId()
                            + "' or segment_id '"
                            + a.getSegmentId()
                            + "' is not a valid id (letters, digits, '.', '_', '-')");
        }
        if (a.getFiles().isEmpty()) {
            return new Problem(
                    "INVALID_ANNOUNCEMENT",
                    "announcement of "
                            + a.getCrawlId()
                            + "/"
                            + a.getSegmentId()
                            + " lists no files");
        }
        if (a.getFiles().size() > MAX_FILES) {
            return new Problem(
                    "INVALID_ANNOUNCEMENT",
                    "announcement lists " + a.getFiles().size() + " files, more than " + MAX_FILES);
        }
        for (String file : a.getFiles()) {
            String scheme;
            try {
                scheme = new URI(file).getScheme();
                scheme = scheme == null ? null : scheme.toLowerCase(Locale.ROOT);
            } catch (URISyntaxException e) {
                return new Problem("INVALID_ANNOUNCEMENT", "file URL is malformed: " + file);
            }
            if (scheme == null
                    || !(scheme.equals("file")
                            || scheme.equals("http")
                            || scheme.equals("https"))) {
                return new Problem(
                        "INVALID_ANNOUNCEMENT",
                        "file URL must be absolute file://, http:// or https://: " + file);
            }
        }
        return null;
    }
}
