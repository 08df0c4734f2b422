package org.ccpairs.connectors.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.FileKind;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.announce.CommittedRecords;
import org.ccpairs.connectors.announce.CrawlLayout;
import org.ccpairs.connectors.announce.CrawlServer;
import org.ccpairs.localstack.SharedStackExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector in a real Kafka Connect worker (standalone mode, in this JVM, file offset storage)
 * announcing to the real broker from a Common Crawl-like layout on loopback HTTP; the worker is
 * stopped and a new one started on the same offsets to show that they prevent announcing again.
 */
@ExtendWith(SharedStackExtension.class)
class SegmentAnnouncerConnectorITCase {
    private static final String NAME = "ccpairs-announcer";
    private static final String SEGMENTS = "connect-segments";
    private static final String DLQ = "connect-dlq";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir Path dir;
    private CrawlLayout layout;
    private CrawlServer server;
    private Connect<StandaloneHerder> worker;

    @BeforeEach
    void serve() {
        layout = new CrawlLayout(dir.resolve("layout"));
        server = new CrawlServer(layout);
    }

    @AfterEach
    void stopWorker() {
        if (worker != null) {
            worker.stop();
            worker.awaitStop();
        }
        server.close();
    }

    @Test
    void announcesEverySegmentOnceAndItsOffsetsPreventAnnouncingAgainAfterARestart()
            throws Exception {
        List<String> expected = new ArrayList<>();
        expected.addAll(crawl("CC-MAIN-2024-46", 3));
        expected.addAll(crawl("CC-MAIN-2024-51", 2));
        layout.writePathList(
                "CC-MAIN-2024-51",
                FileKind.WARC,
                CrawlLayout.gzip(pathList("CC-MAIN-2024-51") + "garbage\n"));

        worker = startWorker();
        createConnector(worker);
        await("every segment announced", () -> keys().size() >= expected.size());
        assertThat(keys()).containsExactlyElementsOf(expected);
        assertThat(records(SegmentAnnouncement.getClassSchema()))
                .allSatisfy(
                        a -> {
                            SegmentAnnouncement s = (SegmentAnnouncement) a;
                            assertThat(s.getAnnouncer()).isEqualTo("connect:" + NAME);
                            assertThat(s.getFileKind()).isEqualTo(FileKind.WARC);
                            assertThat(s.getFiles()).hasSize(2);
                        });
        await("the dead letter", () -> !records(DeadLetter.getClassSchema(), DLQ).isEmpty());
        assertThat(records(DeadLetter.getClassSchema(), DLQ))
                .singleElement()
                .satisfies(
                        d -> assertThat(((DeadLetter) d).getReason()).isEqualTo("MALFORMED_PATH"));
        await("a metric of the task over JMX", () -> pluginMetric("polls-total") >= 1);
        assertThat(pluginMetric("segments-announced-total")).isEqualTo(expected.size());

        worker.stop();
        worker.awaitStop();
        worker = startWorker();
        createConnector(worker);
        await("the restarted task polls", () -> pluginMetric("polls-total") >= 1);
        assertThat(pluginMetric("segments-announced-total")).isZero();
        assertThat(keys()).containsExactlyElementsOf(expected);

        expected.addAll(crawl("CC-MAIN-2025-01", 2));
        await("the third crawl", () -> keys().size() >= expected.size());
        assertThat(keys()).containsExactlyElementsOf(expected);
    }

    private Connect<StandaloneHerder> startWorker() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", SharedStackExtension.kafka().bootstrapServers());
        props.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
        props.put("offset.flush.interval.ms", "200");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("listeners", "http://127.0.0.1:0");
        props.put("plugin.discovery", "service_load");
        return new ConnectStandalone().startConnect(props);
    }

    private void createConnector(Connect<StandaloneHerder> connect) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("name", NAME);
        config.put("connector.class", SegmentAnnouncerConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("registry.url", SharedStackExtension.registryUrl());
        config.put("kafka.topic.segments", SEGMENTS);
        config.put("kafka.topic.dlq", DLQ);
        config.put("announcer.base-url", server.baseUrl());
        config.put("announcer.crawl-list-url", server.crawlListUrl());
        config.put("announcer.poll-interval", "200 ms");
        config.put("announcer.http.backoff", "1 ms");
        FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
        connect.herder().putConnectorConfig(NAME, config, true, created);
        created.get(30, TimeUnit.SECONDS);
    }

    /** Adds a crawl with two files per segment; its keys, in list order. */
    private List<String> crawl(String crawlId, int segments) {
        return layout.addCrawl(crawlId, segments, 2).stream().map(s -> crawlId + "/" + s).toList();
    }

    private String pathList(String crawlId) throws Exception {
        byte[] gz =
                java.nio.file.Files.readAllBytes(
                        layout.root().resolve("crawl-data/" + crawlId + "/warc.paths.gz"));
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static List<String> keys() throws Exception {
        return CommittedRecords.read(SEGMENTS, SegmentAnnouncement.getClassSchema()).stream()
                .map(CommittedRecords.Keyed::key)
                .toList();
    }

    private static List<Object> records(org.apache.avro.Schema schema) throws Exception {
        return records(schema, SEGMENTS);
    }

    private static List<Object> records(org.apache.avro.Schema schema, String topic)
            throws Exception {
        List<Object> values = new ArrayList<>();
        for (CommittedRecords.Keyed<?> r :
                CommittedRecords.<org.apache.avro.specific.SpecificRecord>read(topic, schema)) {
            values.add(r.value());
        }
        return values;
    }

    /** The sum of a plugin metric of the task over JMX (per-kind metrics added up). */
    private static long pluginMetric(String name) throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> beans =
                jmx.queryNames(new ObjectName("kafka.connect:type=plugins,*"), null);
        long sum = 0;
        for (ObjectName bean : beans) {
            if (bean.getKeyProperty("connector").equals(NAME)) {
                for (var attribute : jmx.getMBeanInfo(bean).getAttributes()) {
                    if (attribute.getName().equals(name)) {
                        sum += ((Number) jmx.getAttribute(bean, name)).longValue();
                    }
                }
            }
        }
        return sum;
    }

    private static void await(String what, CheckedCondition condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    @FunctionalInterface
    private interface CheckedCondition {
        boolean holds() throws Exception;
    }
}
