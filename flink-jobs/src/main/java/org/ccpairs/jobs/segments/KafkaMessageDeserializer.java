package org.ccpairs.jobs.segments;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ccpairs.jobs.model.KafkaMessage;

/**
 * Passes Kafka records on as bytes with their coordinates; it cannot fail, so a poison message
 * cannot restart the job.
 */
public class KafkaMessageDeserializer implements KafkaRecordDeserializationSchema<KafkaMessage> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaMessage> out) {
        out.collect(
                new KafkaMessage(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.timestamp(),
                        record.key(),
                        record.value()));
    }

    @Override
    public TypeInformation<KafkaMessage> getProducedType() {
        return TypeInformation.of(KafkaMessage.class);
    }
}
