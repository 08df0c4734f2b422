package org.ccpairs.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaITCase {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() throws Exception {
        kafka.createTopics(1, "tx");
        Map<String, Object> transactional =
                Map.of(
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "tx-test",
                        // what Flink's KafkaSink asks for by default; the broker must allow it
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        3_600_000);
        try (KafkaProducer<String, String> producer =
                TestRecords.producer(kafka.bootstrapServers(), transactional)) {
            producer.initTransactions();
            sendInTransaction(producer, "a", "b");
            producer.commitTransaction();
            sendInTransaction(producer, "aborted");
            producer.abortTransaction();
            sendInTransaction(producer, "c");
            producer.commitTransaction();
        }

        List<String> committed =
                TestRecords.consumeUntil(
                        kafka.bootstrapServers(),
                        "tx",
                        "read_committed",
                        "c",
                        Duration.ofSeconds(30));
        List<String> uncommitted =
                TestRecords.consumeUntil(
                        kafka.bootstrapServers(),
                        "tx",
                        "read_uncommitted",
                        "c",
                        Duration.ofSeconds(30));

        assertThat(committed).containsExactly("a", "b", "c");
        assertThat(uncommitted).containsExactly("a", "b", "aborted", "c");
    }

    @Test
    void createTopicsAcceptsExistingTopics() throws Exception {
        kafka.createTopics(3, "first");
        kafka.createTopics(1, "first", "second");

        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers()))) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(Set.of("first", "second")).allTopicNames().get();
            assertThat(topics.get("first").partitions()).hasSize(3);
            assertThat(topics.get("second").partitions()).hasSize(1);
        }
    }

    private static void sendInTransaction(KafkaProducer<String, String> producer, String... values)
            throws Exception {
        producer.beginTransaction();
        for (String value : values) {
            producer.send(new ProducerRecord<>("tx", value, value)).get();
        }
    }
}
