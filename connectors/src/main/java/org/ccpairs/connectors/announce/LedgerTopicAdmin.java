package org.ccpairs.connectors.announce;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates the {@link LedgerTopic} compacted, and refuses one that would delete what it holds. */
final class LedgerTopicAdmin {
    private static final long TIMEOUT_MS = 60_000;

    private LedgerTopicAdmin() {}

    /**
     * Creates the ledger topic (one partition, {@code cleanup.policy=compact}) when it is missing.
     *
     * @throws IllegalStateException when the cluster cannot be reached, or the topic exists but
     *     would delete old records (its cleanup.policy is not compact): the announcer would then
     *     forget what it announced and announce it again
     */
    static void ensure(
            String bootstrapServers, Map<String, String> clientProperties, String topic) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        long timeout = TIMEOUT_MS;
        try (Admin admin = Admin.create(config)) {
            if (!admin.listTopics().names().get(timeout, TimeUnit.MILLISECONDS).contains(topic)) {
                NewTopic compacted =
                        new NewTopic(topic, Optional.of(1), Optional.empty())
                                .configs(
                                        Map.of(
                                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                                TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(List.of(compacted))
                            .all()
                            .get(timeout, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            String policy = cleanupPolicy(admin, resource, timeout);
            if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy)) {
                throw new IllegalStateException(
                        "the announcer ledger topic "
                                + topic
                                + " has cleanup.policy="
                                + policy
                                + ": it would delete what the announcer remembers, which would then"
                                + " announce those segments again. Set cleanup.policy=compact on"
                                + " it, or choose another announcer.ledger-topic");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot set up the announcer ledger topic "
                            + topic
                            + " on "
                            + bootstrapServers
                            + ": "
                            + (e.getCause() != null ? e.getCause() : e),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up " + topic, e);
        }
    }

    /** A topic just created may not be known to every broker yet: ask again until it is. */
    private static String cleanupPolicy(Admin admin, ConfigResource topic, long timeoutMs)
            throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            try {
                return admin.describeConfigs(List.of(topic))
                        .all()
                        .get(timeoutMs, TimeUnit.MILLISECONDS)
                        .get(topic)
                        .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                        .value();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
