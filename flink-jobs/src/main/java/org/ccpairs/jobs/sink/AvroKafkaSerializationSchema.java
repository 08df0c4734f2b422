package org.ccpairs.jobs.sink;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ccpairs.connectors.registry.ConfluentAvroSerializer;
import org.ccpairs.connectors.registry.RegistryClient;
import org.ccpairs.connectors.registry.RegistrySettings;

/**
 * Writes job records to a topic as Avro in the Confluent wire format, keyed by a string. The
 * registry client is opened on the task, in {@link #open}.
 *
 * @param <T> the job's record type
 * @param <A> the generated Avro class of the topic's contract
 */
public class AvroKafkaSerializationSchema<T, A extends SpecificRecord>
        implements KafkaRecordSerializationSchema<T> {
    /** A serializable function, so that the schema can ship it to the tasks. */
    public interface SerializableFunction<I, O> extends Function<I, O>, Serializable {}

    private final String topic;
    private final RegistrySettings registrySettings;
    private final String schemaJson;
    private final SerializableFunction<T, A> toAvro;
    private final SerializableFunction<T, String> key;

    private transient RegistryClient registry;
    private transient ConfluentAvroSerializer<A> serializer;

    public AvroKafkaSerializationSchema(
            String topic,
            RegistrySettings registrySettings,
            Schema schema,
            SerializableFunction<T, A> toAvro,
            SerializableFunction<T, String> key) {
        this.topic = topic;
        this.registrySettings = registrySettings;
        this.schemaJson = schema.toString();
        this.toAvro = toAvro;
        this.key = key;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        registry = registrySettings.connect();
        serializer =
                new ConfluentAvroSerializer<>(
                        registry, topic, new Schema.Parser().parse(schemaJson));
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long timestamp) {
        String k = key.apply(element);
        return new ProducerRecord<>(
                topic,
                null,
                null,
                k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                serializer.serialize(toAvro.apply(element)));
    }
}
