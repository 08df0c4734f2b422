package org.ccpairs.jobs.version;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.ccpairs.jobs.model.Retraction;
import org.ccpairs.jobs.model.Segment;

/**
 * What the {@link VersionCommitter} remembers between checkpoints: data files and segments not yet
 * in a version, the watermark seen at each checkpoint not yet acted on, its lineage id, the newest
 * version it emitted. Kept in operator list state; not thread-safe.
 */
final class CommitterState {
    /**
     * What a version commits: the segments it completes, the segments it holds only in part, the
     * data files of both, and the retractions it applies.
     */
    record Completion(
            List<Segment> complete,
            List<Segment> partial,
            List<WrittenFiles> files,
            List<Retraction> retractions) {
        /** The highest segment it completes; 0 when it completes none. */
        long maxCompleteSeq() {
            return complete.isEmpty() ? 0 : complete.get(complete.size() - 1).seq();
        }
    }

    private final ListState<WrittenFiles> pendingState;
    private final ListState<Segment> openSegmentsState;
    private final ListState<Long> marksState;
    private final ListState<String> lineageState;
    private final ListState<Long> lastEmittedState;
    private final ListState<Long> watermarkState;
    private final ListState<PendingRetraction> retractionsState;

    private final List<WrittenFiles> pending = new ArrayList<>();

    /** Retractions, each with the checkpoint whose state first held it (MAX_VALUE: none yet). */
    private final List<PendingRetraction> retractions = new ArrayList<>();

    private final NavigableMap<Long, Segment> openSegments = new TreeMap<>();
    private final NavigableMap<Long, Long> watermarkAtCheckpoint = new TreeMap<>();
    private final String lineage;
    private long lastEmittedVersion;
    private long watermark = Long.MIN_VALUE;

    /** The highest segment sequence a version of this lineage holds; later copies are replays. */
    private long committedUpTo;

    /** The state restored from {@code store}, or a fresh one with a new lineage. */
    CommitterState(OperatorStateStore store) throws Exception {
        pendingState =
                store.getListState(
                        new ListStateDescriptor<>(
                                "pending-files", TypeInformation.of(WrittenFiles.class)));
        openSegmentsState =
                store.getListState(
                        new ListStateDescriptor<>(
                                "open-segments", TypeInformation.of(Segment.class)));
        marksState =
                store.getListState(new ListStateDescriptor<>("checkpoint-watermarks", Types.LONG));
        lineageState = store.getListState(new ListStateDescriptor<>("lineage", Types.STRING));
        lastEmittedState =
                store.getListState(new ListStateDescriptor<>("last-emitted-version", Types.LONG));
        watermarkState = store.getListState(new ListStateDescriptor<>("watermark", Types.LONG));
        retractionsState =
                store.getListState(
                        new ListStateDescriptor<>(
                                "pending-retractions",
                                TypeInformation.of(PendingRetraction.class)));

        pendingState.get().forEach(pending::add);
        retractionsState.get().forEach(retractions::add);
        openSegmentsState.get().forEach(s -> openSegments.put(s.seq(), s));
        Iterator<Long> marks = marksState.get().iterator();
        while (marks.hasNext()) {
            watermarkAtCheckpoint.put(marks.next(), marks.next());
        }
        String restoredLineage = null;
        for (String l : lineageState.get()) {
            restoredLineage = l;
        }
        lineage = restoredLineage != null ? restoredLineage : UUID.randomUUID().toString();
        for (Long v : lastEmittedState.get()) {
            lastEmittedVersion = v;
        }
        // Upstream sends a watermark only with the next announcement: without restoring it, a
        // segment complete at the restored checkpoint would wait for the next segment.
        for (Long w : watermarkState.get()) {
            watermark = Math.max(watermark, w);
        }
    }

    String lineage() {
        return lineage;
    }

    long lastEmittedVersion() {
        return lastEmittedVersion;
    }

    void emitted(long version) {
        lastEmittedVersion = version;
    }

    void watermark(long mark) {
        watermark = Math.max(watermark, mark);
    }

    void addFiles(WrittenFiles files) {
        if (files.segmentSeq() > committedUpTo) {
            pending.add(files);
        }
    }

    void addSegment(Segment segment) {
        if (segment.seq() > committedUpTo) {
            openSegments.put(segment.seq(), segment);
        }
    }

    /**
     * Everything up to {@code seq} is in a version already: forget it, and ignore replays of it.
     */
    void committedThrough(long seq) {
        committedUpTo = Math.max(committedUpTo, seq);
        pending.removeIf(f -> f.segmentSeq() <= committedUpTo);
        openSegments.headMap(committedUpTo, true).clear();
    }

    /**
     * What completed checkpoint {@code checkpointId} completes: the open segments at or below the
     * watermark recorded at it (or at the latest checkpoint before it), with their files; null when
     * none. Forgets the watermarks recorded up to that checkpoint.
     */
    Completion completedAt(long checkpointId) {
        Map.Entry<Long, Long> mark = watermarkAtCheckpoint.floorEntry(checkpointId);
        if (mark == null) {
            return null;
        }
        watermarkAtCheckpoint.headMap(checkpointId, true).clear();
        List<Segment> segments =
                new ArrayList<>(openSegments.headMap(mark.getValue(), true).values());
        if (segments.isEmpty()) {
            return null;
        }
        long maxSeq = segments.get(segments.size() - 1).seq();
        List<WrittenFiles> files = pending.stream().filter(f -> f.segmentSeq() <= maxSeq).toList();
        return new Completion(segments, List.of(), files, retractionsAt(checkpointId));
    }

    /**
     * A version that only applies retractions, at checkpoint {@code checkpointId}: those held by
     * it; null when there are none. Only for a checkpoint that completes nothing.
     */
    Completion retractionsOnlyAt(long checkpointId) {
        List<Retraction> due = retractionsAt(checkpointId);
        return due.isEmpty() ? null : new Completion(List.of(), List.of(), List.of(), due);
    }

    /** The retractions held by the state of checkpoint {@code checkpointId} or an earlier one. */
    private List<Retraction> retractionsAt(long checkpointId) {
        return retractions.stream()
                .filter(r -> r.checkpointId() <= checkpointId)
                .map(PendingRetraction::retraction)
                .toList();
    }

    /**
     * The retractions a version of this lineage committed at checkpoint {@code checkpointId}
     * applied, before a restore: those the restored state held at that checkpoint. Forgets them.
     */
    List<Retraction> appliedBefore(long checkpointId) {
        List<Retraction> applied = retractionsAt(checkpointId);
        retractions.removeIf(r -> r.checkpointId() <= checkpointId);
        return applied;
    }

    void addRetraction(Retraction retraction) {
        retractions.add(new PendingRetraction(Long.MAX_VALUE, retraction));
    }

    int pendingRetractions() {
        return retractions.size();
    }

    /**
     * A partial version at checkpoint {@code checkpointId}: every pending data file written up to
     * it, and the open segments they belong to; null when there is none. Only for a checkpoint that
     * {@link #completedAt} found nothing complete for.
     */
    Completion partialAt(long checkpointId) {
        List<WrittenFiles> files =
                pending.stream().filter(f -> f.checkpointId() <= checkpointId).toList();
        if (files.isEmpty()) {
            return null;
        }
        List<Segment> partial =
                files.stream()
                        .map(WrittenFiles::segmentSeq)
                        .distinct()
                        .sorted()
                        .map(openSegments::get)
                        .filter(java.util.Objects::nonNull)
                        .toList();
        return new Completion(List.of(), partial, files, retractionsAt(checkpointId));
    }

    /** The files a version already holds: forget them, the version was committed. */
    void committed(Completion completion) {
        pending.removeAll(completion.files());
        retractions.removeIf(r -> completion.retractions().contains(r.retraction()));
        committedThrough(completion.maxCompleteSeq());
    }

    /**
     * After a restore: version {@code checkpointId} of this lineage holds the files, written up to
     * that checkpoint, of {@code segments}; forget those files.
     */
    void committedBefore(long checkpointId, java.util.Set<Long> segments) {
        pending.removeIf(
                f -> f.checkpointId() <= checkpointId && segments.contains(f.segmentSeq()));
    }

    /** The announcement time of the oldest open segment that has one; 0 when none. */
    long oldestOpenSegmentAnnouncedAt() {
        return openSegments.values().stream()
                .mapToLong(Segment::announcedAtMillis)
                .filter(t -> t > 0)
                .min()
                .orElse(0);
    }

    int openSegments() {
        return openSegments.size();
    }

    int pendingFiles() {
        return pending.size();
    }

    void snapshot(long checkpointId) throws Exception {
        watermarkAtCheckpoint.put(checkpointId, watermark);
        retractions.replaceAll(
                r ->
                        r.checkpointId() == Long.MAX_VALUE
                                ? new PendingRetraction(checkpointId, r.retraction())
                                : r);
        retractionsState.update(retractions);
        pendingState.update(pending);
        openSegmentsState.update(new ArrayList<>(openSegments.values()));
        List<Long> marks = new ArrayList<>();
        watermarkAtCheckpoint.forEach(
                (checkpoint, wm) -> {
                    marks.add(checkpoint);
                    marks.add(wm);
                });
        marksState.update(marks);
        lineageState.update(List.of(lineage));
        lastEmittedState.update(List.of(lastEmittedVersion));
        watermarkState.update(List.of(watermark));
    }

    /** A retraction and the first checkpoint whose state held it. */
    public record PendingRetraction(long checkpointId, Retraction retraction) {}
}
