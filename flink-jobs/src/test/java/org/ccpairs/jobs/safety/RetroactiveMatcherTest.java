package org.ccpairs.jobs.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;
import org.ccpairs.jobs.dedup.PairIdentity;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.model.LinkStatus;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Retraction;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.testing.DatasetFixture;
import org.ccpairs.jobs.testing.TestPairs;
import org.ccpairs.jobs.version.VersionCommitter;
import org.ccpairs.jobs.version.WrittenFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RetroactiveMatcher} against a real Iceberg table whose versions a real {@link
 * VersionCommitter} cuts; processing time, which drives the rechecks, is moved by hand.
 */
class RetroactiveMatcherTest {
    private static final long RECHECK = Duration.ofMinutes(1).toMillis();
    private static final PairIdentity ID = new PairIdentity();

    @TempDir Path warehouse;
    @TempDir Path lists;

    private DatasetFixture dataset;
    private final List<Pair> segment1 = TestPairs.pairs(1, 3);
    private final List<Pair> segment2 = TestPairs.pairs(2, 4);
    private final List<Pair> segment3 = TestPairs.pairs(3, 2);

    @BeforeEach
    void table() {
        dataset = new DatasetFixture(warehouse);
    }

    @Test
    void publishedPairsAreRetractedAtOnceAndPairsPublishedAfterTheUpdateAtTheNextRecheck()
            throws Exception {
        var committer = committer();
        committer.open();
        commit(committer, 1, segment1);

        OperatorSubtaskState snapshot;
        try (var matcher = matcher()) {
            matcher.setProcessingTime(0);
            matcher.open();
            // the list blocks one published pair and one of the next segment, which passed the
            // safety-list stage before the update reached it: it is still in flight
            matcher.processElement(update(1, url(segment1.get(0)), url(segment2.get(1))), 0);
            assertThat(ids(matcher)).containsExactly(segment1.get(0).pairId());
            assertThat(matcher.extractOutputValues().get(0).source()).isEqualTo("partner@1");

            commit(committer, 2, segment2);
            matcher.setProcessingTime(RECHECK);
            assertThat(ids(matcher))
                    .containsExactly(segment1.get(0).pairId(), segment2.get(1).pairId());

            // nothing new published: nothing read, nothing retracted twice
            matcher.setProcessingTime(2 * RECHECK);
            assertThat(ids(matcher)).hasSize(2);
            snapshot = matcher.snapshot(1, 1);
        }

        // restored: the list and the read position come back
        commit(committer, 3, segment3);
        try (var matcher = matcher()) {
            matcher.setProcessingTime(3 * RECHECK);
            matcher.initializeState(snapshot);
            matcher.open();
            matcher.processElement(update(2, url(segment3.get(1))), 0);
            assertThat(ids(matcher))
                    .as("segment 3 checked once against version 1 of the list, then version 2")
                    .containsExactly(segment3.get(1).pairId());
            matcher.processElement(update(2, url(segment3.get(0))), 0);
            assertThat(ids(matcher)).as("a replay of version 2 is ignored").hasSize(1);
        }
        committer.close();
    }

    @Test
    void aStartupListIsAppliedToPublishedPairsOnceAndAgainWhenItChanges() throws Exception {
        var committer = committer();
        committer.open();
        commit(committer, 1, segment1);
        Path list = lists.resolve("partner.txt");
        Files.writeString(list, "URL " + segment1.get(0).imageUrl() + "\n");

        OperatorSubtaskState snapshot;
        try (var matcher = matcher(list)) {
            matcher.setProcessingTime(0);
            matcher.open();
            assertThat(ids(matcher)).containsExactly(segment1.get(0).pairId());
            assertThat(matcher.extractOutputValues().get(0).source()).isEqualTo("partner@0");
            retract(committer, 2, matcher.extractOutputValues());
            snapshot = matcher.snapshot(1, 1);
        }
        assertThat(dataset.pairIdsAt(dataset.table().currentSnapshot().snapshotId()))
                .doesNotContain(segment1.get(0).pairId());

        // restarted with the same entries, written differently: nothing is applied again
        Files.writeString(
                list, "# the same list\n\nURL   " + ID.normalizeUrl(segment1.get(0).imageUrl()));
        try (var matcher = matcher(list)) {
            matcher.setProcessingTime(RECHECK);
            matcher.initializeState(snapshot);
            matcher.open();
            assertThat(ids(matcher)).isEmpty();
            snapshot = matcher.snapshot(2, 2);
        }

        // the list changed: the newest version is read against all of it
        Files.writeString(
                list, "URL " + segment1.get(2).imageUrl() + "\nURL " + segment1.get(0).imageUrl());
        try (var matcher = matcher(list)) {
            matcher.setProcessingTime(2 * RECHECK);
            matcher.initializeState(snapshot);
            matcher.open();
            assertThat(ids(matcher))
                    .as("the pair retracted before is no longer published")
                    .containsExactly(segment1.get(2).pairId());
        }
        committer.close();
    }

    @Test
    void anUpdateWithImageHashesRetractsPublishedPairsByTheirStoredDigests() throws Exception {
        var committer = committer();
        committer.open();
        List<Pair> hashed =
                segment1.stream()
                        .map(
                                p ->
                                        p.withLinkCheck(
                                                LinkCheck.of(LinkStatus.OK, null, 0)
                                                        .withDigests(
                                                                sha256(p.imageUrl()),
                                                                md5(p.imageUrl()))))
                        .toList();
        commit(committer, 1, hashed);
        try (var matcher = matcher()) {
            matcher.setProcessingTime(0);
            matcher.open();
            matcher.processElement(
                    update(
                            1,
                            "IMAGE_SHA256:" + sha256(segment1.get(0).imageUrl()),
                            "IMAGE_MD5:" + md5(segment1.get(2).imageUrl())),
                    0);
            assertThat(ids(matcher))
                    .containsExactlyInAnyOrder(segment1.get(0).pairId(), segment1.get(2).pairId());
            assertThat(matcher.extractOutputValues().get(0).detail()).contains("image bytes");
        }
        committer.close();
    }

    /** A stand-in digest of an image: its URL's, different for every image. */
    private static String sha256(String s) {
        return digest("SHA-256", s);
    }

    private static String md5(String s) {
        return digest("MD5", s);
    }

    private static String digest(String algorithm, String s) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance(algorithm)
                                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String url(Pair p) {
        return "URL:" + ID.normalizeUrl(p.imageUrl());
    }

    private static SafetyListUpdate update(long version, String... added) {
        return new SafetyListUpdate("partner", version, added, new String[0], 0);
    }

    private static List<String> ids(
            OneInputStreamOperatorTestHarness<SafetyListUpdate, Retraction> h) {
        return h.extractOutputValues().stream().map(Retraction::pairId).toList();
    }

    private OneInputStreamOperatorTestHarness<SafetyListUpdate, Retraction> matcher(
            Path... listFiles) throws Exception {
        StartupLists startup =
                new StartupLists(
                        Arrays.stream(listFiles).map(Path::toString).toList(),
                        List.of(),
                        Duration.ofSeconds(1),
                        1,
                        "ccpairs-test");
        return new OneInputStreamOperatorTestHarness<>(
                new RetroactiveMatcher(dataset.tableLoader(), startup, Duration.ofMillis(RECHECK)));
    }

    /** Hands {@code retractions} to the committer, which applies them at checkpoint {@code id}. */
    private static void retract(
            TwoInputStreamOperatorTestHarness<
                            WrittenFiles, Either<Segment, Retraction>, DatasetVersionRecord>
                    h,
            long id,
            List<Retraction> retractions)
            throws Exception {
        for (Retraction r : retractions) {
            h.processElement2(Either.Right(r), id);
        }
        h.snapshot(id, id);
        h.notifyOfCompletedCheckpoint(id);
    }

    private TwoInputStreamOperatorTestHarness<
                    WrittenFiles, Either<Segment, Retraction>, DatasetVersionRecord>
            committer() throws Exception {
        var h =
                new TwoInputStreamOperatorTestHarness<>(
                        new VersionCommitter(dataset.tableLoader(), "ccpairs.pairs"));
        h.setup(
                TypeInformation.of(DatasetVersionRecord.class)
                        .createSerializer(
                                new org.apache.flink.api.common.serialization
                                        .SerializerConfigImpl()));
        return h;
    }

    /** Commits segment {@code seq} with {@code pairs} as one version (checkpoint {@code seq}). */
    private void commit(
            TwoInputStreamOperatorTestHarness<
                            WrittenFiles, Either<Segment, Retraction>, DatasetVersionRecord>
                    h,
            long seq,
            List<Pair> pairs)
            throws Exception {
        h.processElement2(Either.Left(TestPairs.segment(seq)), seq);
        for (WrittenFiles f : dataset.write(seq, pairs)) {
            h.processElement1(f, f.segmentSeq());
        }
        h.processWatermark1(new Watermark(seq));
        h.processWatermark2(new Watermark(seq));
        h.snapshot(seq, seq);
        h.notifyOfCompletedCheckpoint(seq);
    }
}
