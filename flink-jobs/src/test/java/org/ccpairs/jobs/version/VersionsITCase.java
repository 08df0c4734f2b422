package org.ccpairs.jobs.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.ccpairs.avro.DatasetVersion;
import org.ccpairs.avro.ImageTextPair;
import org.ccpairs.avro.SegmentRef;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.testing.Corpus;
import org.ccpairs.jobs.testing.ExpectedPairs;
import org.ccpairs.jobs.testing.FailingCommitsCatalog;
import org.ccpairs.jobs.testing.FailingCommitsCatalog.Failure;
import org.ccpairs.jobs.testing.PipelineRun;
import org.ccpairs.jobs.testing.RangeServer;
import org.ccpairs.jobs.testing.TestWarcs;
import org.ccpairs.jobs.testing.TopicReader;
import org.ccpairs.localstack.SharedStackExtension;
import org.ccpairs.localstack.web.ImageHosts;
import org.ccpairs.localstack.web.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versions on the real job (MiniCluster, broker, registry, Iceberg table) when things go wrong: a
 * commit whose answer is lost, a commit refused between two versions, and a segment that is slow to
 * download between two fast ones. Whatever happens, versions are gapless, each has exactly one
 * event on the versions topic, and the table and the pairs topic hold the same pairs, once.
 */
@ExtendWith(SharedStackExtension.class)
class VersionsITCase {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir Path warehouse;

    private final Path first = Corpus.file("chatnoir-resiliparse/warcfile.warc.gz");
    private final Path second = Corpus.file("jwarc/cc.warc.gz");
    private final Path third = Corpus.file("ia-web-commons/IAH-urls-wget.warc.gz");

    @AfterEach
    void disarm() {
        FailingCommitsCatalog.arm(null, 0);
    }

    @Test
    void aVersionCommittedJustBeforeAFailureIsNeitherRepeatedNorSkipped() throws Exception {
        FailingCommitsCatalog.arm(Failure.AFTER_COMMIT, 1);

        Outcome outcome = twoSegments();

        assertThat(FailingCommitsCatalog.injected()).as("the failure was injected").isEqualTo(1);
        outcome.assertConsistent();
    }

    @Test
    void aCommitRefusedBetweenTwoVersionsIsMadeAfterTheRestart() throws Exception {
        FailingCommitsCatalog.arm(Failure.BEFORE_COMMIT, 2);

        Outcome outcome = twoSegments();

        assertThat(FailingCommitsCatalog.injected()).as("the failure was injected").isEqualTo(1);
        outcome.assertConsistent();
    }

    /**
     * Three segments, the second a 2.5 MB file served at 256 KiB/s (about ten seconds), with {@code
     * dataset.version-max-interval} of one second: partial versions go out while it downloads, the
     * first segment's version does not wait for it, and every segment is complete in exactly one
     * version.
     */
    @Test
    void aSlowSegmentGoesOutInPartialVersionsWithoutHoldingBackTheRest() throws Exception {
        Path slow = Corpus.file("aut/example.warc.gz"); // 2.5 MB
        try (RangeServer server = new RangeServer(slow).throttle(256 << 10);
                PipelineRun run = new PipelineRun(warehouse);
                Topics topics = new Topics(run)) {
            run.conf.setString(DatasetOptions.VERSION_MAX_INTERVAL.key(), "1s");
            run.start();
            run.announce("segment-1", first);
            run.announceUrls("segment-2", List.of(server.url()));
            run.announce("segment-3", third);

            Set<String> expected = uniqueIds(List.of(first, slow, third));
            List<DatasetVersion> versions = untilSegment3Completes(topics, expected);
            Outcome outcome = new Outcome(run, topics, expected, versions);
            outcome.assertConsistent();

            int completesSecond = versionCompleting(versions, "segment-2");
            assertThat(versions.subList(0, completesSecond))
                    .as("while segment 2 downloaded, versions listed it as partial")
                    .anySatisfy(v -> assertThat(v.getSegmentsPartial()).contains(ref("segment-2")));
            assertThat(versionCompleting(versions, "segment-1"))
                    .as("segment 1 did not wait for segment 2")
                    .isLessThan(completesSecond);
            assertThat(versionCompleting(versions, "segment-3"))
                    .as("segments complete in announcement order")
                    .isGreaterThanOrEqualTo(completesSecond);
        }
    }

    @Test
    void aSegmentSlowInTheLinkCheckIsCompleteOnlyWithItsLastCheckedPair() throws Exception {
        // segment 2's images are on a host that answers after 4 s: its file is read at once,
        // but its pairs wait in the link check, and so does its completion
        StringBuilder images = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            images.append("<img src=\"https://slow-images.test/p/")
                    .append(i)
                    .append(".jpg\" alt=\"a slowly answered picture number ")
                    .append(i)
                    .append("\">");
        }
        Path slowPage =
                TestWarcs.page(
                        warehouse.resolve("slow-images.warc.gz"),
                        "https://example.org/slow",
                        images.toString());
        try (PipelineRun run = new PipelineRun(warehouse);
                Topics topics = new Topics(run)) {
            byte[] jpeg = TestImages.jpeg(320, 200);
            run.web.host(
                    "slow-images.test",
                    r ->
                            r.path().startsWith("/p/")
                                    ? ImageHosts.Answer.image(jpeg, "image/jpeg")
                                            .delay(Duration.ofSeconds(4))
                                    : ImageHosts.Answer.status(404));
            run.conf.setString(DatasetOptions.VERSION_MAX_INTERVAL.key(), "1s");
            run.start();
            run.announce("segment-1", first);
            topics.versions.readUntil(v -> completes(v, "segment-1"), TIMEOUT);
            run.announce("segment-2", slowPage);
            run.announce("segment-3", third);

            Set<String> expected = uniqueIds(List.of(first, slowPage, third));
            List<DatasetVersion> versions = untilSegment3Completes(topics, expected);
            Outcome outcome = new Outcome(run, topics, expected, versions);
            outcome.assertConsistent();

            int completesSecond = versionCompleting(versions, "segment-2");
            assertThat(versionCompleting(versions, "segment-1")).isLessThan(completesSecond);
            Set<String> slowIds = uniqueIds(List.of(slowPage));
            assertThat(slowIds).hasSize(6);
            List<String> addedUpToSecond = new ArrayList<>();
            for (DatasetVersion v : outcome.versions.subList(0, completesSecond + 1)) {
                addedUpToSecond.addAll(outcome.addedByVersion.get(v.getVersion()));
            }
            assertThat(addedUpToSecond)
                    .as(
                            "the version that completes segment 2 holds its pairs still in the link"
                                    + " check when its file had been read")
                    .containsAll(slowIds);
            assertThat(versionCompleting(versions, "segment-3"))
                    .as("segments complete in announcement order")
                    .isGreaterThanOrEqualTo(completesSecond);
        }
    }

    /** Two segments, the second repeating a file of the first; waits for both versions. */
    private Outcome twoSegments() throws Exception {
        try (PipelineRun run = new PipelineRun(warehouse);
                Topics topics = new Topics(run)) {
            run.conf.setString(DatasetOptions.CATALOG_TYPE.key(), DatasetSettings.CUSTOM);
            run.conf.set(
                    DatasetOptions.CATALOG_PROPERTIES,
                    Map.of(CatalogProperties.CATALOG_IMPL, FailingCommitsCatalog.class.getName()));
            run.start();
            run.announce("segment-1", first, second);
            topics.versions.readUntil(v -> !v.isEmpty(), TIMEOUT);
            run.announce("segment-2", first, third);

            Set<String> expected = uniqueIds(List.of(first, second, third));
            List<DatasetVersion> versions =
                    topics.versions.readUntil(v -> completes(v, "segment-2"), TIMEOUT);
            return new Outcome(run, topics, expected, versions);
        }
    }

    /** What a run left: its version events, its pairs, and its table. */
    private static final class Outcome {
        final Set<String> expected;
        final List<DatasetVersion> versions;
        final List<String> published;
        final Map<String, Long> tags = new HashMap<>();
        final Map<Long, List<String>> addedByVersion = new HashMap<>();
        final List<String> current;

        Outcome(PipelineRun run, Topics topics, Set<String> expected, List<DatasetVersion> versions)
                throws Exception {
            this.expected = expected;
            topics.pairs.readUntil(p -> p.size() >= expected.size(), TIMEOUT);
            this.published =
                    topics.pairs.drain(Duration.ofSeconds(2)).stream()
                            .map(ImageTextPair::getPairId)
                            .toList();
            this.versions = new ArrayList<>(topics.versions.drain(Duration.ofSeconds(2)));
            Table table = run.table();
            table.refs()
                    .forEach(
                            (name, ref) -> {
                                if (ref.isTag()) {
                                    tags.put(name, ref.snapshotId());
                                }
                            });
            long previous = -1;
            for (DatasetVersion v : this.versions) {
                addedByVersion.put(v.getVersion(), added(table, previous, v.getSnapshotId()));
                previous = v.getSnapshotId();
            }
            this.current = ids(table, table.currentSnapshot().snapshotId());
        }

        void assertConsistent() {
            assertThat(versions)
                    .extracting(DatasetVersion::getVersion)
                    .as("one event per version, gapless, in order")
                    .containsExactlyElementsOf(
                            java.util.stream.LongStream.rangeClosed(1, versions.size())
                                    .boxed()
                                    .toList());
            for (DatasetVersion v : versions) {
                assertThat(tags.get("v" + v.getVersion()))
                        .as("tag of v" + v.getVersion())
                        .isEqualTo(v.getSnapshotId());
                assertThat(v.getPairsAdded())
                        .as("pairs added by v" + v.getVersion())
                        .isEqualTo(addedByVersion.get(v.getVersion()).size());
            }
            assertThat(tags).as("no version without its event").hasSize(versions.size());
            List<String> allAdded = new ArrayList<>();
            addedByVersion.values().forEach(allAdded::addAll);
            assertThat(allAdded)
                    .as("every pair in exactly one version's additions")
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(current).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(published)
                    .as("the pairs topic holds what the table holds, once")
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(versions.get(versions.size() - 1).getPairsTotal())
                    .isEqualTo(expected.size());
        }
    }

    /** The topics a run writes, read as a consumer reads them ({@code read_committed}). */
    private static final class Topics implements AutoCloseable {
        final TopicReader<ImageTextPair> pairs;
        final TopicReader<DatasetVersion> versions;

        Topics(PipelineRun run) {
            pairs = PipelineRun.reader(run.pairsTopic, ImageTextPair.getClassSchema());
            versions = PipelineRun.reader(run.versionsTopic, DatasetVersion.getClassSchema());
        }

        @Override
        public void close() throws Exception {
            try (pairs) {
                versions.close();
            }
        }
    }

    private static boolean completes(List<DatasetVersion> versions, String segment) {
        return versions.stream().anyMatch(v -> v.getSegmentsComplete().contains(ref(segment)));
    }

    /** The index in {@code versions} of the version that completes {@code segment}. */
    private static int versionCompleting(List<DatasetVersion> versions, String segment) {
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).getSegmentsComplete().contains(ref(segment))) {
                return i;
            }
        }
        throw new AssertionError(segment + " is complete in no version: " + versions);
    }

    private static SegmentRef ref(String segment) {
        return new SegmentRef("CC-TEST-2026-01", segment);
    }

    /** The pair ids in the data files a version snapshot appended after {@code previous}. */
    private static List<String> added(Table table, long previous, long snapshot) throws Exception {
        if (previous < 0) {
            return ids(table, snapshot);
        }
        List<String> ids = new ArrayList<>();
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(table).appendsBetween(previous, snapshot).build()) {
            rows.forEach(r -> ids.add((String) r.getField("pair_id")));
        }
        return ids;
    }

    private static List<String> ids(Table table, long snapshot) throws Exception {
        List<String> ids = new ArrayList<>();
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(table).useSnapshot(snapshot).build()) {
            rows.forEach(r -> ids.add((String) r.getField("pair_id")));
        }
        return ids;
    }

    private static Set<String> uniqueIds(List<Path> files) throws Exception {
        Set<String> ids = new LinkedHashSet<>();
        Segment segment = new Segment(1, "CC-TEST-2026-01", "s", "WARC", files.size());
        for (Path f : files) {
            for (Pair p : ExpectedPairs.published(f, segment)) {
                ids.add(p.pairId());
            }
        }
        return ids;
    }

    /** The versions up to the one that completes segment 3 with every expected pair published. */
    private static List<DatasetVersion> untilSegment3Completes(Topics topics, Set<String> expected)
            throws Exception {
        return topics.versions.readUntil(
                v ->
                        !v.isEmpty()
                                && v.get(v.size() - 1).getPairsTotal() >= expected.size()
                                && completes(v, "segment-3"),
                TIMEOUT);
    }
}
