package org.ccpairs.jobs.takedown;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ccpairs.avro.DatasetVersion;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.ImageTextPair;
import org.ccpairs.avro.Retraction;
import org.ccpairs.avro.TakedownRequest;
import org.ccpairs.connectors.kafka.AvroTopicWriter;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.testing.Corpus;
import org.ccpairs.jobs.testing.PipelineRun;
import org.ccpairs.jobs.testing.TopicReader;
import org.ccpairs.localstack.SharedStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Takedowns end to end on the real job: pairs are published in version 1; takedown requests on the
 * takedowns topic (two real pair ids, one id that was never published, one taken down twice, and
 * two unusable messages) make version 2, which removes exactly those two pairs from the table,
 * reports each once on the retractions topic, counts them by reason in the version event, and sends
 * the unusable messages to the dead-letter topic while the job goes on to version 3.
 */
@ExtendWith(SharedStackExtension.class)
class TakedownITCase {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir Path warehouse;

    @Test
    void takedownsRemoveExactlyTheirPairsInTheNextVersionAndAreReported() throws Exception {
        try (PipelineRun run = new PipelineRun(warehouse).start();
                TopicReader<ImageTextPair> pairs =
                        PipelineRun.reader(run.pairsTopic, ImageTextPair.getClassSchema());
                TopicReader<DatasetVersion> versions =
                        PipelineRun.reader(run.versionsTopic, DatasetVersion.getClassSchema());
                TopicReader<Retraction> retractions =
                        PipelineRun.reader(run.retractionsTopic, Retraction.getClassSchema());
                TopicReader<DeadLetter> dlq =
                        PipelineRun.reader(run.dlqTopic, DeadLetter.getClassSchema());
                AvroTopicWriter<TakedownRequest> takedowns =
                        new AvroTopicWriter<>(
                                PipelineRun.bootstrapServers(),
                                Map.of(),
                                RegistrySettings.of(PipelineRun.registryUrl()),
                                run.takedownsTopic,
                                TakedownRequest.getClassSchema(),
                                "takedown-it")) {
            run.announce("segment-1", Corpus.file("jwarc/cc.warc.gz"));
            DatasetVersion v1 = versions.readUntil(v -> !v.isEmpty(), TIMEOUT).get(0);
            List<ImageTextPair> published =
                    pairs.readUntil(p -> p.size() >= v1.getPairsTotal(), TIMEOUT);
            assertThat(published).hasSizeGreaterThan(3);
            String first = published.get(0).getPairId();
            String second = published.get(1).getPairId();

            takedowns.write(first, takedown(first, "TAKEDOWN", "rights@example.org"));
            takedowns.write(second, takedown(second, "PRIVACY", "dpo@example.org"));
            takedowns.write(first, takedown(first, "TAKEDOWN", "someone-else@example.org"));
            takedowns.write("never", takedown("ffffffffffffffffffffffffffffffff", "TAKEDOWN", "x"));
            takedowns.write("bad", takedown("", "TAKEDOWN", "ops")); // no pair id
            sendRaw(run.takedownsTopic, "not avro".getBytes(StandardCharsets.UTF_8));

            DatasetVersion v2 = versions.readUntil(v -> v.size() >= 2, TIMEOUT).get(1);
            assertThat(v2.getVersion()).isEqualTo(2);
            assertThat(v2.getSegmentsComplete()).isEmpty();
            assertThat(v2.getPairsAdded()).isZero();
            assertThat(v2.getPairsRemoved()).isEqualTo(2);
            assertThat(v2.getPairsRemovedByReason())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("TAKEDOWN", 1L, "PRIVACY", 1L));
            assertThat(v2.getPairsTotal()).isEqualTo(v1.getPairsTotal() - 2);

            List<Retraction> reported = retractions.readUntil(r -> r.size() >= 2, TIMEOUT);
            assertThat(reported)
                    .extracting(Retraction::getPairId)
                    .containsExactlyInAnyOrder(first, second);
            assertThat(reported).allSatisfy(r -> assertThat(r.getVersion()).isEqualTo(2));
            assertThat(reported)
                    .allSatisfy(r -> assertThat(r.getSnapshotId()).isEqualTo(v2.getSnapshotId()));
            Retraction privacy =
                    reported.stream().filter(r -> r.getPairId().equals(second)).findFirst().get();
            assertThat(privacy.getReason()).isEqualTo("PRIVACY");
            assertThat(privacy.getSource()).isEqualTo("dpo@example.org");

            Table table = run.table();
            Set<String> atV1 = idsAt(table, "v1");
            Set<String> atV2 = idsAt(table, "v2");
            assertThat(atV1).contains(first, second).hasSize((int) v1.getPairsTotal());
            Set<String> expected = new HashSet<>(atV1);
            expected.remove(first);
            expected.remove(second);
            assertThat(atV2).isEqualTo(expected);

            List<DeadLetter> letters = dlq.readUntil(d -> d.size() >= 2, TIMEOUT);
            assertThat(letters)
                    .extracting(DeadLetter::getStage)
                    .containsOnly(TakedownDecoder.STAGE);
            assertThat(letters)
                    .extracting(DeadLetter::getReason)
                    .containsExactlyInAnyOrder("INVALID_TAKEDOWN", "NOT_CONFLUENT_AVRO");

            // the job goes on: segments still complete, and the removed pairs stay removed
            run.announce("segment-2", Corpus.file("chatnoir-resiliparse/warcfile.warc.gz"));
            DatasetVersion v3 = versions.readUntil(v -> v.size() >= 3, TIMEOUT).get(2);
            assertThat(v3.getSegmentsComplete()).hasSize(1);
            assertThat(idsAt(table, "v3")).doesNotContain(first, second);
            assertThat(retractions.drain(Duration.ofSeconds(2)))
                    .as("each removal reported once")
                    .hasSize(2);
        }
    }

    private static TakedownRequest takedown(String pairId, String reason, String by) {
        return TakedownRequest.newBuilder()
                .setPairId(pairId)
                .setReason(reason)
                .setRequestedBy(by)
                .setDetail("ticket " + Math.abs(pairId.hashCode()))
                .setRequestedAt(Instant.now())
                .build();
    }

    private static void sendRaw(String topic, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                PipelineRun.bootstrapServers()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, value)).get();
        }
    }

    private static Set<String> idsAt(Table table, String tag) throws Exception {
        table.refresh();
        Set<String> ids = new HashSet<>();
        List<String> all = new ArrayList<>();
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(table)
                        .useSnapshot(table.refs().get(tag).snapshotId())
                        .build()) {
            rows.forEach(r -> all.add((String) r.getField("pair_id")));
        }
        ids.addAll(all);
        assertThat(all).as("no pair twice at %s", tag).hasSameSizeAs(ids);
        return ids;
    }
}
