package org.ccpairs.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.ccpairs.avro.DatasetVersion;
import org.ccpairs.avro.FileKind;
import org.ccpairs.avro.ImageTextPair;
import org.ccpairs.avro.SegmentRef;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.testing.Corpus;
import org.ccpairs.jobs.testing.ExpectedPairs;
import org.ccpairs.jobs.testing.PipelineRun;
import org.ccpairs.jobs.testing.TopicReader;
import org.ccpairs.localstack.SharedStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on real components: Kafka broker, schema registry, MiniCluster, Iceberg table.
 * Two segments of real corpus files, the second repeating a file of the first.
 */
@ExtendWith(SharedStackExtension.class)
class PipelineITCase {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir Path warehouse;

    @Test
    void twoSegmentsBecomeTwoVersionsWithoutDuplicates() throws Exception {
        Path chatnoir = Corpus.file("chatnoir-resiliparse/warcfile.warc.gz");
        Path commonCrawl = Corpus.file("jwarc/cc.warc.gz");
        Path wget = Corpus.file("ia-web-commons/IAH-urls-wget.warc.gz");
        Path books = Corpus.file("node-warc/books.toscrape.warc");

        Set<String> firstIds = uniqueIds(List.of(chatnoir, commonCrawl));
        Set<String> allIds = uniqueIds(List.of(chatnoir, commonCrawl, chatnoir, wget, books));
        Set<String> secondOnly = new LinkedHashSet<>(allIds);
        secondOnly.removeAll(firstIds);
        // after the prefilter (most alt texts of these files are one word, placeholders or GIFs)
        assertThat(firstIds).as("pairs in the first segment's files").hasSizeGreaterThan(10);
        assertThat(secondOnly).as("new pairs in the second segment's files").hasSizeGreaterThan(20);

        try (PipelineRun run = new PipelineRun(warehouse).start();
                TopicReader<ImageTextPair> pairs =
                        PipelineRun.reader(run.pairsTopic, ImageTextPair.getClassSchema());
                TopicReader<DatasetVersion> versions =
                        PipelineRun.reader(run.versionsTopic, DatasetVersion.getClassSchema())) {

            run.announce("segment-1", chatnoir, commonCrawl);
            DatasetVersion v1 = versions.readUntil(v -> v.size() >= 1, TIMEOUT).get(0);
            assertThat(v1.getVersion()).isEqualTo(1);
            assertThat(v1.getSegmentsComplete())
                    .containsExactly(new SegmentRef("CC-TEST-2026-01", "segment-1"));
            assertThat(v1.getPairsAdded()).isEqualTo(firstIds.size());
            assertThat(v1.getPairsTotal()).isEqualTo(firstIds.size());
            assertThat(ids(pairs.readUntil(p -> p.size() >= firstIds.size(), TIMEOUT)))
                    .containsExactlyInAnyOrderElementsOf(firstIds);

            run.announce("segment-2", chatnoir, wget, books);
            DatasetVersion v2 = versions.readUntil(v -> v.size() >= 2, TIMEOUT).get(1);
            assertThat(v2.getVersion()).isEqualTo(2);
            assertThat(v2.getSegmentsComplete())
                    .containsExactly(new SegmentRef("CC-TEST-2026-01", "segment-2"));
            assertThat(v2.getPairsAdded()).isEqualTo(secondOnly.size());
            assertThat(v2.getPairsTotal()).isEqualTo(allIds.size());

            List<ImageTextPair> published =
                    pairs.readUntil(p -> p.size() >= allIds.size(), TIMEOUT);
            pairs.drain(Duration.ofSeconds(2));
            assertThat(ids(published))
                    .as("no pair twice on the topic")
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(allIds);
            for (ImageTextPair p : published) {
                assertThat(p.getWarcFile()).startsWith("file:/");
                assertThat(p.getWarcOffset()).isNotNegative();
                assertThat(p.getWarcRecordId()).startsWith("<urn:uuid:");
                assertThat(p.getCaption()).isNotBlank();
                assertThat(p.getImageUrl()).startsWith("http");
                assertThat(p.getLinkStatus()).isEqualTo("OK");
                assertThat(p.getCaptionSafetyScore()).isNotNull().isLessThan(0.8);
                assertThat(p.getCaptionSafetyCategories()).isNotNull();
                assertThat(p.getLinkHttpStatus()).isEqualTo(200);
                assertThat(p.getLinkContentType()).isEqualTo("image/png");
            }
            assertThat(versions.drain(Duration.ofSeconds(2))).hasSize(2);

            Table table = run.table();
            assertThat(idsAt(table, "v1")).containsExactlyInAnyOrderElementsOf(firstIds);
            assertThat(idsAt(table, "v2")).containsExactlyInAnyOrderElementsOf(allIds);
            assertThat(table.refs().get("v1").snapshotId()).isEqualTo(v1.getSnapshotId());
            assertThat(table.refs().get("v2").snapshotId()).isEqualTo(v2.getSnapshotId());
            assertThat(v2.getTableLocation()).isEqualTo(table.location());
        }
    }

    @Test
    void aWatSegmentYieldsThePairsItsWarcHolds() throws Exception {
        String capture =
                "eugeneware-warc/CC-MAIN-20140820021334-00006-ip-10-180-136-8.ec2.internal.warc";
        Path warc = Corpus.file(capture);
        Path wat = Corpus.file(capture + ".wat");
        try (PipelineRun run = new PipelineRun(warehouse).start();
                TopicReader<ImageTextPair> pairs =
                        PipelineRun.reader(run.pairsTopic, ImageTextPair.getClassSchema());
                TopicReader<DatasetVersion> versions =
                        PipelineRun.reader(run.versionsTopic, DatasetVersion.getClassSchema())) {
            run.announceUrls("segment-wat", FileKind.WAT, List.of(wat.toUri().toString()));
            DatasetVersion v1 = versions.readUntil(v -> !v.isEmpty(), TIMEOUT).get(0);
            List<ImageTextPair> fromWat =
                    pairs.readUntil(p -> p.size() >= v1.getPairsTotal(), TIMEOUT);

            // the WAT holds the metadata of the WARC's pages: the pairs the WARC gives for those
            // pages
            Set<String> watPages =
                    fromWat.stream().map(ImageTextPair::getPageUrl).collect(Collectors.toSet());
            List<String> expected =
                    ExpectedPairs.published(warc, new Segment(1, "c", "s", "WARC", 1)).stream()
                            .filter(p -> watPages.contains(p.pageUrl()))
                            .map(Pair::pairId)
                            .distinct()
                            .toList();
            assertThat(v1.getPairsAdded()).isPositive();
            assertThat(fromWat)
                    .allSatisfy(p -> assertThat(p.getWarcFile()).isEqualTo(wat.toUri().toString()));
            assertThat(ids(fromWat)).containsExactlyInAnyOrderElementsOf(expected);
        }
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

    private static List<String> ids(List<ImageTextPair> pairs) {
        return pairs.stream().map(ImageTextPair::getPairId).collect(Collectors.toList());
    }

    private static List<String> idsAt(Table table, String tag) throws Exception {
        List<String> ids = new ArrayList<>();
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(table)
                        .useSnapshot(table.refs().get(tag).snapshotId())
                        .build()) {
            rows.forEach(r -> ids.add((String) r.getField("pair_id")));
        }
        return ids;
    }
}
