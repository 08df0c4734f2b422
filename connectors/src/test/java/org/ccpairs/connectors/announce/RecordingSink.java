package org.ccpairs.connectors.announce;

import java.util.ArrayList;
import java.util.List;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.SegmentAnnouncement;

/** An {@link AnnouncementSink} that keeps what it is given, and can be made to fail. */
final class RecordingSink implements AnnouncementSink {
    final List<SegmentAnnouncement> announcements = new ArrayList<>();
    final List<CrawlProgress> progress = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();

    /** Publishes that succeed before every further one fails; negative: never fail. */
    int failAfter = -1;

    @Override
    public void announce(SegmentAnnouncement announcement, CrawlProgress after)
            throws PublishException {
        check();
        announcements.add(announcement);
        progress.add(after);
    }

    @Override
    public void deadLetter(DeadLetter letter) throws PublishException {
        check();
        deadLetters.add(letter);
    }

    private void check() throws PublishException {
        if (failAfter == 0) {
            throw new PublishException("broker gone", null, false);
        }
        if (failAfter > 0) {
            failAfter--;
        }
    }

    List<String> keys() {
        return announcements.stream().map(Announcements::key).toList();
    }

    List<String> reasons() {
        return deadLetters.stream().map(DeadLetter::getReason).toList();
    }
}
