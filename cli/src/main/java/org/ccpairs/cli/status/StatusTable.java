package org.ccpairs.cli.status;

import java.io.PrintStream;
import java.time.Duration;

/** Prints a {@link JobStatus} as a terminal table, newest segment last. */
public final class StatusTable {
    private StatusTable() {}

    public static void print(JobStatus status, PrintStream out) {
        JobStatus.Summary s = status.summary();
        boolean versions = !Double.isNaN(s.lastVersion()) && s.lastVersion() > 0;
        boolean open = !Double.isNaN(s.segmentsOpen()) && s.segmentsOpen() > 0;
        out.printf(
                "newest version: %s   segments open: %s   oldest open segment: %s"
                        + "   announcements unread: %s%n",
                versions
                        ? "v"
                                + JobStatus.value(s.lastVersion())
                                + " ("
                                + seconds(s.lastVersionAgeSeconds())
                                + " ago)"
                        : "none",
                JobStatus.value(s.segmentsOpen()),
                open ? seconds(s.oldestOpenSegmentAgeSeconds()) + " old" : "-",
                JobStatus.value(s.announcementLag()));
        if (status.segments().isEmpty()) {
            out.println("no segments announced yet");
            return;
        }
        String format = "%-18s %-24s %-4s %5s %-10s %13s %10s %8s%n";
        out.printf(format, "CRAWL", "SEGMENT", "KIND", "SEQ", "STATE", "FILES", "PAIRS", "AGE");
        for (JobStatus.SegmentRow r : status.segments()) {
            out.printf(
                    format,
                    r.crawl(),
                    r.segment(),
                    r.kind(),
                    r.seq(),
                    r.state(),
                    r.done() + "/" + r.files(),
                    r.pairsKept() == null ? "-" : r.pairsKept(),
                    r.age() == null ? "-" : duration(r.age()));
        }
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "-" : duration(Duration.ofSeconds(Math.round(s)));
    }

    /** 45s, 3m05s, 2h10m, 3d04h. */
    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format("%dd%02dh", s / 86400, s % 86400 / 3600);
    }
}
