package org.ccpairs.jobs.model;

/**
 * A Kafka record exactly as it arrived: bytes plus coordinates. Sources emit these and leave
 * decoding to a stage that can dead-letter what it cannot decode, because a deserializer that
 * throws restarts the job.
 *
 * @param key null when the record had no key
 * @param value null for a tombstone
 */
public record KafkaMessage(
        String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {}
