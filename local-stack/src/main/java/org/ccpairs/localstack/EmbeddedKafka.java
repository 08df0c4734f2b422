package org.ccpairs.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka (KRaft broker and controller in one node) running inside this JVM, on a
 * free port with its data in a temporary directory that {@link #close()} deletes. Configured for
 * transactions, so Flink's {@code EXACTLY_ONCE} sink and {@code read_committed} consumers work.
 *
 * <p>Not thread-safe to start or close concurrently; the accessors may be used from any thread.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /**
     * Formats, starts and waits for the broker (about 2 s).
     *
     * @throws LocalStackException (an {@link IllegalStateException}) if the broker does not start
     */
    public static EmbeddedKafka start() {
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes =
                    new TestKitNodes.Builder()
                            .setCombined(true)
                            .setNumBrokerNodes(1)
                            .setNumControllerNodes(1)
                            .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                            .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            BrokerConfig.singleNode().forEach(builder::setConfigProp);
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafka(cluster);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            closeAfterFailure(cluster, e);
            throw new LocalStackException("the in-JVM Kafka broker did not start: " + e, e);
        }
    }

    /** {@code host:port} of the broker's listener, for {@code bootstrap.servers}; never null. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * Creates topics with one replica each and waits until the broker serves them; topics that
     * already exist are left as they are (their partition count is not changed).
     *
     * @throws LocalStackException if a topic cannot be created for another reason, or is not served
     *     within 30 s
     */
    public void createTopics(int partitions, String... names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(topics).values().forEach(EmbeddedKafka::awaitCreated);
            awaitServed(admin, List.of(names));
        }
    }

    /** Stops the broker and deletes its data; safe to call twice. */
    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new LocalStackException("the in-JVM Kafka broker did not stop cleanly: " + e, e);
        }
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> result) {
        try {
            result.get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new LocalStackException(
                        "cannot create topic " + topic + ": " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while creating topic " + topic, e);
        }
    }

    /** The controller has the topics; the broker's metadata may lag behind by a moment. */
    private static void awaitServed(Admin admin, List<String> names) {
        long deadline = System.nanoTime() + TOPIC_TIMEOUT.toNanos();
        try {
            while (true) {
                try {
                    admin.describeTopics(names).allTopicNames().get();
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
                            || System.nanoTime() > deadline) {
                        throw new LocalStackException(
                                "topics " + names + " are not served: " + e.getCause(), e);
                    }
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for topics " + names, e);
        }
    }

    private static void closeAfterFailure(KafkaClusterTestKit cluster, Exception failure) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
