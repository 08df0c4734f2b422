package org.ccpairs.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Broker settings shared by the in-JVM broker and the broker process: one node, transactions on.
 */
final class BrokerConfig {

    private BrokerConfig() {}

    /**
     * Settings that let a single KRaft node serve transactional producers and read_committed
     * consumers, i.e. a Flink {@code KafkaSink} with {@code EXACTLY_ONCE}.
     */
    static Map<String, String> singleNode() {
        Map<String, String> config = new LinkedHashMap<>();
        // Internal topics default to 3 replicas; with one broker they would never be created and
        // transactions / consumer groups would hang.
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions: faster first group join / first transaction on a laptop.
        config.put("offsets.topic.num.partitions", "1");
        config.put("transaction.state.log.num.partitions", "1");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        config.put("num.partitions", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        // Flink's KafkaSink uses transaction.timeout.ms = 1 h by default; the broker's default
        // maximum (15 min) would reject its producers with InvalidTxnTimeoutException.
        config.put("transaction.max.timeout.ms", "3600000");
        config.put("auto.create.topics.enable", "true");
        return config;
    }
}
