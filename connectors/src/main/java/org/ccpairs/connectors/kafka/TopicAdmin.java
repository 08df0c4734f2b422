package org.ccpairs.connectors.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates ccpairs' topics when they are missing; existing topics are left as they are. */
public final class TopicAdmin {
    private TopicAdmin() {}

    /**
     * Makes sure every topic in {@code partitionsByTopic} exists, creating missing ones with the
     * given partition count and the cluster's default replication factor. Gives up after the
     * client's {@code default.api.timeout.ms} (30 s unless {@code clientProperties} set it).
     *
     * @throws IllegalStateException when the cluster cannot be reached or refuses to create a topic
     */
    public static void ensure(
            String bootstrapServers,
            Map<String, String> clientProperties,
            Map<String, Integer> partitionsByTopic) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        long timeoutMs =
                Long.parseLong(
                        config.get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG).toString());
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            partitionsByTopic.forEach(
                    (topic, partitions) -> {
                        if (!existing.contains(topic)) {
                            missing.add(
                                    new NewTopic(topic, Optional.of(partitions), Optional.empty()));
                        }
                    });
            for (var created : admin.createTopics(missing).values().values()) {
                try {
                    created.get(timeoutMs, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e; // created meanwhile by someone else is fine
                    }
                }
            }
        } catch (KafkaException e) {
            // the client could not even be created, e.g. a bootstrap host that does not resolve
            Throwable why = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(
                    "cannot create topics on "
                            + bootstrapServers
                            + ": "
                            + e.getMessage()
                            + ": "
                            + why.getMessage(),
                    e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot create topics on "
                            + bootstrapServers
                            + ": "
                            + (e.getCause() != null ? e.getCause().getMessage() : e),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
