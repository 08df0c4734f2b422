package org.ccpairs.jobs.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ccpairs.avro.BlocklistEntry;
import org.ccpairs.avro.BlocklistEntryKind;
import org.ccpairs.avro.BlocklistUpdate;
import org.ccpairs.avro.DatasetVersion;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.ImageTextPair;
import org.ccpairs.avro.Rejection;
import org.ccpairs.connectors.registry.ConfluentAvroSerializer;
import org.ccpairs.connectors.registry.RegistryClient;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.dedup.PairIdentity;
import org.ccpairs.jobs.linkcheck.LinkCheckOptions;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;
import org.ccpairs.jobs.testing.Corpus;
import org.ccpairs.jobs.testing.ExpectedPairs;
import org.ccpairs.jobs.testing.PipelineRun;
import org.ccpairs.jobs.testing.TopicReader;
import org.ccpairs.localstack.SharedStackExtension;
import org.ccpairs.localstack.web.ImageHosts;
import org.ccpairs.localstack.web.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safety lists end to end, on a real broker and registry with the job on a MiniCluster: a list
 * update published after pairs were published removes exactly the matching pairs from the next
 * version; pairs that arrive later and match are rejected at once; malformed updates go to the
 * dead-letter topic and change nothing; a list fetched over HTTP at start and a live update match
 * images by the digests of their bytes, which the link check computed.
 *
 * <p>The expected matches are worked out here from first principles (digests of normalized URLs,
 * host suffixes), not with the job's matcher.
 */
@ExtendWith(SharedStackExtension.class)
class SafetyListsITCase {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String LIST = "partner-list";

    @TempDir Path warehouse;

    @Test
    void aListUpdateRetractsExactlyTheMatchingPublishedPairsAndBlocksNewOnes() throws Exception {
        Path chatnoir = Corpus.file("chatnoir-resiliparse/warcfile.warc.gz");
        Path books = Corpus.file("node-warc/books.toscrape.warc");
        Path archive = Corpus.file("aut/example.warc.gz");
        Segment s = new Segment(1, "c", "s", "WARC", 1);
        Map<String, Pair> first = byId(ExpectedPairs.published(chatnoir, s));
        first.putAll(byId(ExpectedPairs.published(books, s)));
        Map<String, Pair> second = byId(ExpectedPairs.published(archive, s));
        second.keySet().removeAll(first.keySet());

        List<Pair> chatnoirPairs =
                first.values().stream()
                        .filter(p -> !host(p.imageUrl()).endsWith("toscrape.com"))
                        .toList();
        assertThat(chatnoirPairs).hasSizeGreaterThanOrEqualTo(3);
        PairIdentity identity = new PairIdentity();
        String urlA = identity.normalizeUrl(chatnoirPairs.get(0).imageUrl());
        String urlB = identity.normalizeUrl(chatnoirPairs.get(1).imageUrl());
        String urlC = chatnoirPairs.get(2).imageUrl();
        // a host, and a domain below a registrable one (archive.org) with many hosts
        String blockedHost = "i.creativecommons.org";
        String blockedDomain = "us.archive.org";
        Predicate<Pair> retroactive =
                p -> {
                    String n = identity.normalizeUrl(p.imageUrl());
                    return n.equals(urlA)
                            || n.equals(urlB)
                            || n.equals(identity.normalizeUrl(urlC))
                            || host(p.imageUrl()).endsWith(".toscrape.com")
                            || host(p.pageUrl()).endsWith(".toscrape.com");
                };
        Set<String> retracted = ids(first, retroactive);
        Predicate<Pair> onBlockedHost =
                p ->
                        host(p.imageUrl()).equals(blockedHost)
                                || host(p.imageUrl()).endsWith("." + blockedDomain)
                                || host(p.pageUrl()).equals(blockedHost)
                                || host(p.pageUrl()).endsWith("." + blockedDomain);
        Set<String> blockedLater = ids(second, onBlockedHost);
        assertThat(retracted.size()).as("a few chatnoir pairs and every book").isGreaterThan(10);
        assertThat(retracted.size()).isLessThan(first.size());
        assertThat(blockedLater).isNotEmpty();
        assertThat(blockedLater.size()).isLessThan(second.size());

        try (PipelineRun run = new PipelineRun(warehouse);
                TopicReader<DatasetVersion> versions =
                        PipelineRun.reader(run.versionsTopic, DatasetVersion.getClassSchema());
                TopicReader<DeadLetter> dlq =
                        PipelineRun.reader(run.dlqTopic, DeadLetter.getClassSchema());
                TopicReader<Rejection> rejections =
                        PipelineRun.reader(run.rejectionsTopic, Rejection.getClassSchema());
                TopicReader<ImageTextPair> pairs =
                        PipelineRun.reader(run.pairsTopic, ImageTextPair.getClassSchema())) {
            run.start();
            run.announce("segment-1", chatnoir, books);
            DatasetVersion v1 = versions.readUntil(v -> v.size() >= 1, TIMEOUT).get(0);
            assertThat(v1.getPairsTotal()).isEqualTo(first.size());

            publish(
                    run.blocklistTopic,
                    update(
                            1,
                            entry(
                                    BlocklistEntryKind.URL_SHA256,
                                    hex("SHA-256", urlA).toUpperCase(Locale.ROOT)),
                            entry(BlocklistEntryKind.URL_MD5, hex("MD5", urlB)),
                            entry(BlocklistEntryKind.URL, urlC),
                            entry(BlocklistEntryKind.DOMAIN, "toscrape.com"),
                            entry(BlocklistEntryKind.DOMAIN, blockedHost),
                            entry(
                                    BlocklistEntryKind.DOMAIN,
                                    blockedDomain.toUpperCase(Locale.ROOT))));
            DatasetVersion v2 = versions.readUntil(v -> v.size() >= 2, TIMEOUT).get(1);
            assertThat(v2.getSegmentsComplete()).isEmpty();
            assertThat(v2.getPairsAdded()).isZero();
            assertThat(v2.getPairsRemoved()).isEqualTo(retracted.size());
            assertThat(v2.getPairsRemovedByReason())
                    .containsEntry("SAFETY_LIST", (long) retracted.size());
            assertThat(v2.getPairsTotal()).isEqualTo(first.size() - retracted.size());
            Set<String> atV2 = tableIds(run.table(), v2.getSnapshotId());
            assertThat(atV2)
                    .containsExactlyInAnyOrderElementsOf(
                            first.keySet().stream().filter(id -> !retracted.contains(id)).toList());

            // malformed updates: not Avro at all, and an update with one bad entry whose other
            // entry would block all of archive.org; both dead-lettered, the list stays as it was
            run.sendRawTo(
                    run.blocklistTopic, "DOMAIN archive.org".getBytes(StandardCharsets.UTF_8));
            publish(
                    run.blocklistTopic,
                    update(
                            2,
                            entry(BlocklistEntryKind.DOMAIN, "archive.org"),
                            entry(BlocklistEntryKind.URL_MD5, "not-a-digest")));
            List<DeadLetter> letters = dlq.readUntil(d -> d.size() >= 2, TIMEOUT);
            assertThat(letters)
                    .extracting(DeadLetter::getStage, DeadLetter::getReason)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(
                                    "blocklist-decode", "NOT_CONFLUENT_AVRO"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "blocklist-decode", "INVALID_BLOCKLIST_UPDATE"));
            assertThat(letters)
                    .filteredOn(d -> d.getReason().equals("INVALID_BLOCKLIST_UPDATE"))
                    .singleElement()
                    .satisfies(
                            d ->
                                    assertThat(d.getMessage())
                                            .contains("added[1]")
                                            .contains("not-a-digest"));

            // pairs arriving after the update: those on the blocked host are rejected at once
            run.announce("segment-2", archive);
            DatasetVersion v3 = versions.readUntil(v -> v.size() >= 3, TIMEOUT).get(2);
            List<Rejection> audited = rejections.drain(Duration.ofSeconds(1));
            assertThat(audited)
                    .as("nothing but the safety stage rejects pairs of the second segment")
                    .filteredOn(r -> second.containsKey(r.getPairId()))
                    .extracting(Rejection::getStage)
                    .containsOnly("safety");
            assertThat(v3.getPairsAdded()).isEqualTo(second.size() - blockedLater.size());
            assertThat(tableIds(run.table(), v3.getSnapshotId()))
                    .hasSize(first.size() - retracted.size() + second.size() - blockedLater.size())
                    .doesNotContainAnyElementsOf(blockedLater)
                    .doesNotContainAnyElementsOf(retracted);
            assertThat(audited.stream().filter(r -> r.getStage().equals("safety")))
                    .extracting(Rejection::getPairId)
                    .containsExactlyInAnyOrderElementsOf(blockedLater);
            assertThat(audited)
                    .filteredOn(r -> r.getStage().equals("safety"))
                    .allSatisfy(
                            r ->
                                    assertThat(r.getDetail())
                                            .containsAnyOf(
                                                    "DOMAIN entry " + blockedHost,
                                                    "DOMAIN entry " + blockedDomain)
                                            .contains(LIST + "@1"));
            assertThat(pairs.drain(Duration.ofSeconds(1)))
                    .extracting(ImageTextPair::getPairId)
                    .doesNotContainAnyElementsOf(blockedLater);
        }
    }

    @Test
    void withoutTheTopicListFilesStillBlockAndSegmentsStillComplete() throws Exception {
        Path books = Corpus.file("node-warc/books.toscrape.warc");
        Path chatnoir = Corpus.file("chatnoir-resiliparse/warcfile.warc.gz");
        Segment s = new Segment(1, "c", "s", "WARC", 1);
        Map<String, Pair> expected = byId(ExpectedPairs.published(chatnoir, s));
        int books_ = byId(ExpectedPairs.published(books, s)).size();
        assertThat(books_).isPositive();
        Path list = warehouse.resolve("local-list.txt");
        java.nio.file.Files.writeString(list, "# books are blocked\nDOMAIN toscrape.com\n");

        try (PipelineRun run = new PipelineRun(warehouse);
                TopicReader<DatasetVersion> versions =
                        PipelineRun.reader(run.versionsTopic, DatasetVersion.getClassSchema())) {
            run.conf.set(SafetyOptions.LISTS_LIVE, false);
            run.conf.set(SafetyOptions.LISTS_FILES, List.of(list.toString()));
            run.start();
            run.announce("segment-1", chatnoir, books);
            DatasetVersion v1 = versions.readUntil(v -> !v.isEmpty(), TIMEOUT).get(0);
            assertThat(tableIds(run.table(), v1.getSnapshotId()))
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
        }
    }

    @Test
    void withoutTheTopicAListGivenAtARestartRetractsTheMatchingPublishedPairs() throws Exception {
        Path books = Corpus.file("node-warc/books.toscrape.warc");
        Path chatnoir = Corpus.file("chatnoir-resiliparse/warcfile.warc.gz");
        Segment s = new Segment(1, "c", "s", "WARC", 1);
        Map<String, Pair> published = byId(ExpectedPairs.published(chatnoir, s));
        published.putAll(byId(ExpectedPairs.published(books, s)));
        Set<String> retracted =
                ids(
                        published,
                        p ->
                                host(p.imageUrl()).endsWith("toscrape.com")
                                        || host(p.pageUrl()).endsWith("toscrape.com"));
        assertThat(retracted).isNotEmpty();
        assertThat(retracted.size()).isLessThan(published.size());

        // a first job without lists publishes everything
        try (PipelineRun run = new PipelineRun(warehouse);
                TopicReader<DatasetVersion> versions =
                        PipelineRun.reader(run.versionsTopic, DatasetVersion.getClassSchema())) {
            run.conf.set(SafetyOptions.LISTS_LIVE, false);
            run.start();
            run.announce("segment-1", chatnoir, books);
            DatasetVersion v1 = versions.readUntil(v -> !v.isEmpty(), TIMEOUT).get(0);
            assertThat(tableIds(run.table(), v1.getSnapshotId()))
                    .containsExactlyInAnyOrderElementsOf(published.keySet());
        }
        // the operator adds a list file and starts the job again, still without live updates
        Path list = warehouse.resolve("local-list.txt");
        java.nio.file.Files.writeString(list, "DOMAIN toscrape.com\n");
        try (PipelineRun run = new PipelineRun(warehouse);
                TopicReader<DatasetVersion> versions =
                        PipelineRun.reader(run.versionsTopic, DatasetVersion.getClassSchema())) {
            run.conf.set(SafetyOptions.LISTS_LIVE, false);
            run.conf.set(SafetyOptions.LISTS_FILES, List.of(list.toString()));
            run.start();
            DatasetVersion v2 = versions.readUntil(v -> !v.isEmpty(), TIMEOUT).get(0);
            assertThat(v2.getVersion()).isEqualTo(2L);
            assertThat(v2.getPairsRemovedByReason())
                    .containsExactly(Map.entry("SAFETY_LIST", (long) retracted.size()));
            assertThat(tableIds(run.table(), v2.getSnapshotId()))
                    .containsExactlyInAnyOrderElementsOf(
                            published.keySet().stream()
                                    .filter(id -> !retracted.contains(id))
                                    .toList());
        }
    }

    @Test
    void aListFetchedAtStartAndALiveUpdateMatchImagesByTheirBytes() throws Exception {
        Path chatnoir = Corpus.file("chatnoir-resiliparse/warcfile.warc.gz");
        Segment s = new Segment(1, "c", "s", "WARC", 1);
        Map<String, Pair> expected = byId(ExpectedPairs.published(chatnoir, s));
        List<String> imageUrls =
                expected.values().stream()
                        .map(Pair::imageUrl)
                        .filter(u -> u.matches("https?://[a-z0-9.-]+/[A-Za-z0-9/._-]+"))
                        .distinct()
                        .toList();
        assertThat(imageUrls).hasSizeGreaterThanOrEqualTo(3);
        // every image host answers the same PNG; two URLs answer images of their own
        String listed = imageUrls.get(0);
        String listedLater = imageUrls.get(1);
        byte[] listedImage = TestImages.png(200, 100);
        byte[] listedLaterImage = TestImages.jpeg(200, 100);
        Set<String> rejected = ids(expected, p -> p.imageUrl().equals(listed));
        Set<String> retracted = ids(expected, p -> p.imageUrl().equals(listedLater));

        HttpServer lists =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] list =
                ("# images of a partner list\nIMAGE_SHA256 " + hex("SHA-256", listedImage) + "\n")
                        .getBytes(StandardCharsets.UTF_8);
        lists.createContext(
                "/v1/partner-images.txt",
                exchange -> {
                    exchange.sendResponseHeaders(200, list.length);
                    exchange.getResponseBody().write(list);
                    exchange.close();
                });
        lists.start();
        try (PipelineRun run = new PipelineRun(warehouse);
                TopicReader<DatasetVersion> versions =
                        PipelineRun.reader(run.versionsTopic, DatasetVersion.getClassSchema());
                TopicReader<Rejection> rejections =
                        PipelineRun.reader(run.rejectionsTopic, Rejection.getClassSchema())) {
            route(run, listed, ImageHosts.Answer.image(listedImage, "image/png"));
            route(run, listedLater, ImageHosts.Answer.image(listedLaterImage, "image/jpeg"));
            run.conf.set(LinkCheckOptions.CONTENT_HASH, true);
            run.conf.set(
                    SafetyOptions.LISTS_URLS,
                    List.of(
                            "http://127.0.0.1:"
                                    + lists.getAddress().getPort()
                                    + "/v1/partner-images.txt"));
            run.start();
            run.announce("segment-1", chatnoir);

            DatasetVersion v1 = versions.readUntil(v -> v.size() >= 1, TIMEOUT).get(0);
            assertThat(tableIds(run.table(), v1.getSnapshotId()))
                    .containsExactlyInAnyOrderElementsOf(
                            expected.keySet().stream()
                                    .filter(id -> !rejected.contains(id))
                                    .toList());
            assertThat(
                            rejections.readUntil(
                                    r ->
                                            r.stream()
                                                            .filter(
                                                                    x ->
                                                                            x.getStage()
                                                                                    .equals(
                                                                                            "safety"))
                                                            .count()
                                                    >= rejected.size(),
                                    TIMEOUT))
                    .filteredOn(r -> r.getStage().equals("safety"))
                    .allSatisfy(
                            r ->
                                    assertThat(r.getDetail())
                                            .contains(
                                                    "IMAGE_SHA256",
                                                    "partner-images@0",
                                                    "image bytes"))
                    .extracting(Rejection::getPairId)
                    .containsExactlyInAnyOrderElementsOf(rejected);
            Map<String, String> digests = digestsByUrl(run.table(), v1.getSnapshotId());
            assertThat(digests)
                    .containsEntry(listedLater, hex("SHA-256", listedLaterImage))
                    .containsEntry(imageUrls.get(2), hex("SHA-256", TestImages.png(64, 48)));

            publish(
                    run.blocklistTopic,
                    BlocklistUpdate.newBuilder()
                            .setListId("partner-images")
                            .setVersion(1)
                            .setAdded(
                                    List.of(
                                            entry(
                                                    BlocklistEntryKind.IMAGE_MD5,
                                                    hex("MD5", listedLaterImage))))
                            .setPublishedAt(Instant.now())
                            .build());
            DatasetVersion v2 = versions.readUntil(v -> v.size() >= 2, TIMEOUT).get(1);
            assertThat(v2.getPairsRemovedByReason())
                    .containsExactly(Map.entry("SAFETY_LIST", (long) retracted.size()));
            assertThat(tableIds(run.table(), v2.getSnapshotId()))
                    .doesNotContainAnyElementsOf(retracted)
                    .hasSize(expected.size() - rejected.size() - retracted.size());
        } finally {
            lists.stop(0);
        }
    }

    private static void route(PipelineRun run, String url, ImageHosts.Answer answer) {
        URI u = URI.create(url);
        run.web.route(u.getHost(), u.getRawPath(), answer);
    }

    private static Map<String, String> digestsByUrl(Table table, long snapshot) throws Exception {
        table.refresh();
        Map<String, String> digests = new LinkedHashMap<>();
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(table)
                        .useSnapshot(snapshot)
                        .select("image_url", "link_image_sha256")
                        .build()) {
            rows.forEach(
                    r ->
                            digests.put(
                                    (String) r.getField("image_url"),
                                    (String) r.getField("link_image_sha256")));
        }
        return digests;
    }

    private static BlocklistUpdate update(long version, BlocklistEntry... added) {
        return BlocklistUpdate.newBuilder()
                .setListId(LIST)
                .setVersion(version)
                .setAdded(List.of(added))
                .setPublishedBy("SafetyListsITCase")
                .setPublishedAt(Instant.now())
                .build();
    }

    private static BlocklistEntry entry(BlocklistEntryKind kind, String value) {
        return new BlocklistEntry(kind, value);
    }

    private static void publish(String topic, BlocklistUpdate update) throws Exception {
        try (RegistryClient registry = RegistrySettings.of(PipelineRun.registryUrl()).connect();
                KafkaProducer<byte[], byte[]> producer = producer()) {
            byte[] value =
                    new ConfluentAvroSerializer<BlocklistUpdate>(
                                    registry, topic, BlocklistUpdate.getClassSchema())
                            .serialize(update);
            producer.send(
                            new ProducerRecord<>(
                                    topic,
                                    update.getListId().getBytes(StandardCharsets.UTF_8),
                                    value))
                    .get();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PipelineRun.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static Map<String, Pair> byId(List<Pair> pairs) {
        Map<String, Pair> byId = new LinkedHashMap<>();
        pairs.forEach(p -> byId.putIfAbsent(p.pairId(), p));
        return byId;
    }

    private static Set<String> ids(Map<String, Pair> pairs, Predicate<Pair> which) {
        return pairs.values().stream().filter(which).map(Pair::pairId).collect(Collectors.toSet());
    }

    private static String host(String url) {
        String h = URI.create(url.replace(" ", "%20")).getHost();
        return h == null ? "" : h.toLowerCase(Locale.ROOT);
    }

    private static String hex(String algorithm, String s) throws Exception {
        return hex(algorithm, s.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    private static Set<String> tableIds(Table table, long snapshot) throws Exception {
        table.refresh();
        List<String> ids = new ArrayList<>();
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(table).useSnapshot(snapshot).select("pair_id").build()) {
            rows.forEach(r -> ids.add((String) r.getField("pair_id")));
        }
        assertThat(ids).doesNotHaveDuplicates();
        return Set.copyOf(ids);
    }
}
