package org.ccpairs.cli;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.ccpairs.avro.FileKind;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.announce.AnnouncementPublisher;
import org.ccpairs.connectors.announce.Announcements;
import org.ccpairs.connectors.kafka.KafkaOptions;
import org.ccpairs.connectors.registry.RegistrySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ccpairs announce}: publish one segment announcement. */
@Command(
        name = "announce",
        mixinStandardHelpOptions = true,
        description = {
            "Announce one segment: publish a SegmentAnnouncement for the given WARC/WAT files to"
                    + " the segments topic, where a running job picks it up.",
            "Files are paths (made absolute file:// URLs) or file://, http://, https:// URLs."
        })
final class AnnounceCommand implements Callable<Integer> {
    @Mixin KafkaEndpoints endpoints;

    @Option(names = "--crawl", required = true, description = "Crawl id, e.g. CC-MAIN-2024-51.")
    String crawlId;

    @Option(
            names = "--segment",
            required = true,
            description = "Segment id, e.g. 1733066035855.10.")
    String segmentId;

    @Option(
            names = "--kind",
            defaultValue = "WARC",
            description = "WARC or WAT. Default: ${DEFAULT-VALUE}.")
    FileKind kind;

    @Option(names = "--topic", description = "Segments topic. Default: ccpairs.segments.")
    String topic = KafkaOptions.SEGMENTS_TOPIC.defaultValue();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The segment's files, in order.")
    List<String> files;

    @Override
    public Integer call() throws Exception {
        SegmentAnnouncement announcement =
                Announcements.of(crawlId, segmentId, kind, files, "ccpairs-cli", Clock.systemUTC());
        try (AnnouncementPublisher publisher =
                new AnnouncementPublisher(
                        endpoints.bootstrapServers(),
                        endpoints.kafkaProperties,
                        RegistrySettings.of(endpoints.registryUrl()),
                        topic)) {
            RecordMetadata meta = publisher.publish(announcement);
            System.out.printf(
                    "announced %s with %d file(s) to %s (partition %d, offset %d)%n",
                    Announcements.key(announcement),
                    files.size(),
                    meta.topic(),
                    meta.partition(),
                    meta.offset());
        }
        return 0;
    }
}
