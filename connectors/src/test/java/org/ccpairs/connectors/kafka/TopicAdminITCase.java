package org.ccpairs.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.ccpairs.connectors.testing.FreePort;
import org.ccpairs.localstack.SharedStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedStackExtension.class)
class TopicAdminITCase {

    @Test
    void missingTopicsAreCreatedWithTheRequestedPartitions() throws Exception {
        TopicAdmin.ensure(bootstrap(), Map.of(), Map.of("admin-three", 3, "admin-one", 1));

        assertThat(partitions(List.of("admin-three", "admin-one")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("admin-three", 3, "admin-one", 1));
    }

    @Test
    void existingTopicsAreLeftUntouchedWhileMissingOnesAreCreated() throws Exception {
        SharedStackExtension.kafka().createTopics(2, "admin-existing");

        TopicAdmin.ensure(bootstrap(), Map.of(), Map.of("admin-existing", 5, "admin-new", 4));

        assertThat(partitions(List.of("admin-existing", "admin-new")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("admin-existing", 2, "admin-new", 4));
    }

    @Test
    void ensuringTwiceIsHarmless() throws Exception {
        Map<String, Integer> topics = Map.of("admin-twice", 2);

        TopicAdmin.ensure(bootstrap(), Map.of(), topics);
        TopicAdmin.ensure(bootstrap(), Map.of(), topics);

        assertThat(partitions(List.of("admin-twice"))).containsEntry("admin-twice", 2);
    }

    @Test
    void nothingToEnsureIsNothingToDo() {
        TopicAdmin.ensure(bootstrap(), Map.of(), Map.of());
    }

    @Test
    void refusedTopicIsAnIllegalStateExceptionNamingTheCluster() {
        // topic names are limited to 249 characters: the cluster refuses this one
        assertThatThrownBy(
                        () ->
                                TopicAdmin.ensure(
                                        bootstrap(),
                                        Map.of(),
                                        Map.of("admin-invalid-name-" + "x".repeat(250), 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot create topics on " + bootstrap());
    }

    @Test
    void unreachableClusterIsAnIllegalStateException() {
        String closed = "127.0.0.1:" + FreePort.closed();

        Map<String, String> shortTimeout =
                Map.of("default.api.timeout.ms", "2000", "request.timeout.ms", "1000");
        assertThatThrownBy(() -> TopicAdmin.ensure(closed, shortTimeout, Map.of("t", 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot create topics on " + closed);
    }

    @Test
    void unresolvableBootstrapHostIsAnIllegalStateException() {
        assertThatThrownBy(
                        () ->
                                TopicAdmin.ensure(
                                        "no-such-host.invalid:9092", Map.of(), Map.of("t", 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-host.invalid:9092");
    }

    private static String bootstrap() {
        return SharedStackExtension.kafka().bootstrapServers();
    }

    /**
     * Partition counts as the broker describes them, polled for a few seconds because a new topic
     * reaches the broker's metadata a moment after the controller created it.
     */
    private static Map<String, Integer> partitions(List<String> topics) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            while (true) {
                try {
                    Map<String, TopicDescription> described =
                            admin.describeTopics(topics).allTopicNames().get();
                    return described.values().stream()
                            .collect(
                                    Collectors.toMap(
                                            TopicDescription::name, d -> d.partitions().size()));
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
                            || System.nanoTime() > deadline) {
                        throw e;
                    }
                }
            }
        }
    }
}
