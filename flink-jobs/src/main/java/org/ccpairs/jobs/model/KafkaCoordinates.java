package org.ccpairs.jobs.model;

/** Where a Kafka record came from. */
public record KafkaCoordinates(String topic, int partition, long offset) {
    public static KafkaCoordinates of(KafkaMessage message) {
        return new KafkaCoordinates(message.topic(), message.partition(), message.offset());
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
