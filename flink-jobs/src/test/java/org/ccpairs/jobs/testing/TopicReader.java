package org.ccpairs.jobs.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.ccpairs.connectors.kafka.AvroTopicReader;
import org.ccpairs.connectors.registry.RegistrySettings;

/**
 * A topic read as a ccpairs consumer reads it ({@link AvroTopicReader}), with waits that fail the
 * test on a timeout or on any record that does not decode.
 */
public final class TopicReader<T extends SpecificRecord> implements AutoCloseable {
    private final AvroTopicReader<T> reader;
    private final String topic;

    public TopicReader(String bootstrapServers, String registryUrl, String topic, Schema schema) {
        this.reader =
                new AvroTopicReader<>(
                        bootstrapServers,
                        Map.of(),
                        RegistrySettings.of(registryUrl),
                        topic,
                        schema);
        this.topic = topic;
    }

    /** Everything read so far, in arrival order. */
    public List<T> records() {
        return reader.records();
    }

    /** Polls until {@code done} holds for what was read, or fails after {@code timeout}. */
    public List<T> readUntil(Predicate<List<T>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(poll(Duration.ofMillis(200)))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out after "
                                + timeout
                                + " on "
                                + topic
                                + "; read "
                                + reader.records().size()
                                + " records: "
                                + reader.records());
            }
        }
        return reader.records();
    }

    /** Reads whatever arrives within {@code quiet}. */
    public List<T> drain(Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return reader.records();
    }

    private List<T> poll(Duration timeout) {
        List<T> records = reader.poll(timeout);
        if (reader.undecodable() > 0) {
            throw new AssertionError(reader.undecodable() + " undecodable record(s) on " + topic);
        }
        return records;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
