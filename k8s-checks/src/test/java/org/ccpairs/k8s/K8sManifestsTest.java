package org.ccpairs.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * k8s/ without a cluster: every file parses, every overlay renders, every rendered resource meets
 * its CRD's and operator's requirements ({@link ResourceRules}), and the resources agree with each
 * other (ACLs cover what the job and the announcer use, topics exist, selectors select, secrets
 * come from Secrets, the job's pods cannot reach private addresses).
 */
class K8sManifestsTest {
    static final List<String> OVERLAYS = Repo.OVERLAYS;

    @Test
    void everyYamlAndJsonFileParses() throws Exception {
        List<Path> yaml = Repo.files(".yaml", ".yml");
        List<Path> json = Repo.files(".json");
        assertThat(yaml).hasSizeGreaterThan(15);
        assertThat(json).hasSize(3);
        for (Path p : yaml) {
            assertThat(Yaml.documents(p)).as("%s has documents", p).isNotEmpty();
        }
        ObjectMapper strict =
                new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        for (Path p : json) {
            assertThat(strict.readTree(p.toFile()).isObject())
                    .as("%s is a JSON object", p)
                    .isTrue();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void overlayRendersToUniquelyNamedResourcesInItsNamespace(String overlay) {
        List<Map<String, Object>> resources = Repo.render(overlay);
        String namespace = overlay.equals("dev") ? "ccpairs-dev" : "ccpairs";
        assertThat(resources).hasSizeGreaterThan(30);
        assertThat(resources.stream().map(Yaml::id)).doesNotHaveDuplicates();
        assertThat(resources)
                .filteredOn(r -> !"Namespace".equals(r.get("kind")))
                .allSatisfy(
                        r ->
                                assertThat(Yaml.string(r, "metadata.namespace"))
                                        .as(Yaml.id(r))
                                        .isEqualTo(namespace));
        assertThat(resources)
                .allSatisfy(
                        r ->
                                assertThat(Yaml.map(r, "metadata.labels"))
                                        .as(Yaml.id(r))
                                        .containsEntry("app.kubernetes.io/part-of", "ccpairs"));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyResourceHasWhatItsCrdAndOperatorRequire(String overlay) {
        Map<String, List<String>> problems = new TreeMap<>();
        for (Map<String, Object> r : Repo.render(overlay)) {
            List<String> errors = ResourceRules.check(r);
            if (!errors.isEmpty()) {
                problems.put(Yaml.id(r), errors);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theRulesCatchMissingAndInvalidFields() {
        // the check itself can fail: a FlinkDeployment without jarURI, a bad enum, a topic without
        // a cluster label, a standby JobManager without HA
        Map<String, Object> job = Repo.one(Repo.render("prod"), "FlinkDeployment", "ccpairs");
        Yaml.map(job, "spec.job").remove("jarURI");
        Yaml.map(job, "spec").put("flinkVersion", "v2_9");
        Yaml.map(job, "spec.flinkConfiguration").remove("high-availability.type");
        assertThat(ResourceRules.check(job))
                .contains("spec.job.jarURI is required")
                .anySatisfy(e -> assertThat(e).startsWith("spec.flinkVersion: 'v2_9'"))
                .contains("standby JobManagers (replicas 2) need high availability");
        Map<String, Object> topic = Repo.one(Repo.render("dev"), "KafkaTopic", "ccpairs.pairs");
        Yaml.map(topic, "metadata.labels").remove("strimzi.io/cluster");
        assertThat(ResourceRules.check(topic))
                .containsExactly("metadata.labels.strimzi.io/cluster is required");
        assertThat(
                        ResourceRules.check(
                                Map.of("apiVersion", "kafka.strimzi.io/v1", "kind", "Kafka")))
                .singleElement()
                .asString()
                .contains("no rules for kafka.strimzi.io/v1 Kafka");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theJobsSettingsAreRealOptionsAndParseAsTheJobParsesThem(String overlay) {
        Map<String, Object> job = Repo.one(Repo.render(overlay), "FlinkDeployment", "ccpairs");
        Map<String, Object> conf = Yaml.map(job, "spec.flinkConfiguration");
        assertThat(FlinkKeys.problems(conf.keySet())).isEmpty();
        JobSettings settings = JobSettings.of(job);
        assertThat(settings.kafka().bootstrapServers()).isEqualTo("ccpairs-kafka-bootstrap:9093");
        assertThat(settings.kafka().clientProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "${env:KAFKA_SASL_JAAS_CONFIG}")
                .containsEntry(
                        "config.providers.env.class",
                        "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        assertThat(settings.registry().url()).endsWith("/apis/ccompat/v7");
        assertThat(settings.dataset().catalogType()).isEqualTo("rest");
        assertThat(settings.dataset().catalogProperties()).containsKey("uri");
        // the main class is the job's
        assertThatCode(
                        () ->
                                Class.forName(Yaml.string(job, "spec.job.entryClass"))
                                        .getMethod("main", String[].class))
                .doesNotThrowAnyException();
    }

    @Test
    void theKeyCheckRejectsUnknownAndDeprecatedKeys() {
        assertThat(
                        FlinkKeys.problems(
                                Set.of(
                                        "kafka.topic.pair",
                                        "state.checkpoints.dir",
                                        "job.autoscaler.enable",
                                        "metrics.reporter.prom.port")))
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("kafka.topic.pair"))
                .anySatisfy(p -> assertThat(p).contains("execution.checkpointing.dir"))
                .anySatisfy(p -> assertThat(p).contains("job.autoscaler.enable"));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void kafkaCredentialsAndTheClusterCaReachTheJobFromSecrets(String overlay) {
        List<Map<String, Object>> resources = Repo.render(overlay);
        Map<String, Object> job = Repo.one(resources, "FlinkDeployment", "ccpairs");
        Map<String, Object> container = flinkContainer(job);
        Map<String, Object> jaas = env(container, "KAFKA_SASL_JAAS_CONFIG");
        String user = Yaml.string(jaas, "valueFrom.secretKeyRef.name");
        assertThat(Yaml.string(jaas, "valueFrom.secretKeyRef.key")).isEqualTo("sasl.jaas.config");
        // Strimzi's user operator creates the Secret of a KafkaUser under the user's name
        assertThat(Repo.one(resources, "KafkaUser", user)).isNotNull();
        String truststore =
                JobSettings.of(job).kafka().clientProperties().get("ssl.truststore.location");
        String mountPath = truststore.substring(0, truststore.lastIndexOf('/'));
        Map<String, Object> mount =
                Yaml.list(container, "volumeMounts").stream()
                        .map(m -> (Map<String, Object>) cast(m))
                        .filter(m -> mountPath.equals(m.get("mountPath")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no volume at " + mountPath));
        Map<String, Object> volume =
                Yaml.list(job, "spec.podTemplate.spec.volumes").stream()
                        .map(v -> (Map<String, Object>) cast(v))
                        .filter(v -> v.get("name").equals(mount.get("name")))
                        .findFirst()
                        .orElseThrow();
        String cluster = Yaml.string(Repo.one(resources, "Kafka", null), "metadata.name");
        assertThat(Yaml.string(volume, "secret.secretName"))
                .isEqualTo(cluster + "-cluster-ca-cert");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theJobsKafkaUserMayDoWhatTheJobDoesAndNoMore(String overlay) {
        List<Map<String, Object>> resources = Repo.render(overlay);
        Map<String, Object> job = Repo.one(resources, "FlinkDeployment", "ccpairs");
        var kafka = JobSettings.of(job).kafka();
        String user =
                Yaml.string(
                        env(flinkContainer(job), "KAFKA_SASL_JAAS_CONFIG"),
                        "valueFrom.secretKeyRef.name");
        Acls acls = Acls.of(Repo.one(resources, "KafkaUser", user));
        assertThat(acls.allows("topic", kafka.segmentsTopic(), "Read")).isTrue();
        assertThat(acls.allows("group", kafka.groupId(), "Read")).isTrue();
        for (String topic : List.of(kafka.pairsTopic(), kafka.versionsTopic(), kafka.dlqTopic())) {
            assertThat(acls.allows("topic", topic, "Write")).as(topic).isTrue();
        }
        // CcpairsJobs names its exactly-once sinks' transactional ids <prefix>-pairs, -versions,
        // -dlq
        // and the KafkaSink appends -<subtask>-<checkpoint>
        for (String sink : List.of("pairs", "versions", "dlq")) {
            String id = kafka.transactionalIdPrefix() + "-" + sink + "-0-1";
            assertThat(acls.allows("transactionalId", id, "Write")).as(id).isTrue();
            assertThat(acls.allows("transactionalId", id, "Describe")).as(id).isTrue();
        }
        // least privilege: the job never writes announcements and has no wildcard
        assertThat(acls.allows("topic", kafka.segmentsTopic(), "Write")).isFalse();
        assertThat(acls.allows("topic", "other-team.topic", "Read")).isFalse();
        assertThat(acls.operations()).doesNotContain("All");
        // every topic the job names is a KafkaTopic
        Set<String> topics =
                Repo.all(resources, "KafkaTopic").stream()
                        .map(t -> Yaml.string(t, "metadata.name"))
                        .collect(Collectors.toSet());
        assertThat(topics)
                .contains(
                        kafka.segmentsTopic(),
                        kafka.pairsTopic(),
                        kafka.versionsTopic(),
                        kafka.dlqTopic());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theAnnouncerConnectorIsConfiguredAsItValidatesAndMayWriteItsTopics(String overlay)
            throws Exception {
        List<Map<String, Object>> resources = Repo.render(overlay);
        Map<String, Object> connector = Repo.one(resources, "KafkaConnector", "ccpairs-announcer");
        Map<String, Object> connect =
                Repo.one(
                        resources,
                        "KafkaConnect",
                        String.valueOf(
                                Yaml.map(connector, "metadata.labels").get("strimzi.io/cluster")));
        Map<String, String> config = new TreeMap<>();
        Yaml.map(connector, "spec.config").forEach((k, v) -> config.put(k, String.valueOf(v)));
        assertThat(ConnectorConfig.problems(Yaml.string(connector, "spec.class"), config))
                .isEmpty();
        Acls acls =
                Acls.of(
                        Repo.one(
                                resources,
                                "KafkaUser",
                                Yaml.string(connect, "spec.authentication.username")));
        var settings = org.ccpairs.connectors.connect.ConnectSettings.configuration(config);
        String segments = settings.get(org.ccpairs.connectors.kafka.KafkaOptions.SEGMENTS_TOPIC);
        String dlq = settings.get(org.ccpairs.connectors.kafka.KafkaOptions.DLQ_TOPIC);
        assertThat(acls.allows("topic", segments, "Write")).isTrue();
        assertThat(acls.allows("topic", dlq, "Write")).isTrue();
        String group = String.valueOf(Yaml.map(connect, "spec.config").get("group.id"));
        for (String t :
                List.of("offset.storage.topic", "config.storage.topic", "status.storage.topic")) {
            String topic = String.valueOf(Yaml.map(connect, "spec.config").get(t));
            assertThat(acls.allows("topic", topic, "Write")).as(topic).isTrue();
            assertThat(acls.allows("topic", topic, "Create")).as(topic).isTrue();
        }
        assertThat(acls.allows("group", group, "Read")).isTrue();
        // exactly-once source: the worker's transactional ids start with its group id
        assertThat(acls.allows("transactionalId", group + "-ccpairs-announcer-0", "Write"))
                .isTrue();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void containersRunAsNonRootWithoutPrivilegesAndSecretsComeFromSecrets(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> r : Repo.render(overlay)) {
            problems.addAll(Security.problems(r));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theSecurityCheckCatchesAPlainPasswordAndARootContainer() {
        Map<String, Object> registry =
                Repo.one(Repo.render("prod"), "Deployment", "schema-registry");
        Map<String, Object> c = cast(Yaml.list(registry, "spec.template.spec.containers").get(0));
        Yaml.list(c, "env")
                .add(Map.of("name", "APICURIO_DATASOURCE_PASSWORD_2", "value", "hunter2"));
        Yaml.map(registry, "spec.template.spec.securityContext").put("runAsNonRoot", false);
        assertThat(Security.problems(registry))
                .anySatisfy(p -> assertThat(p).contains("APICURIO_DATASOURCE_PASSWORD_2"))
                .anySatisfy(p -> assertThat(p).contains("runAsNonRoot"));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theJobsPodsReachOnlyThePublicInternetAndTheirServices(String overlay) {
        List<Map<String, Object>> resources = Repo.render(overlay);
        Map<String, Object> job = Repo.one(resources, "FlinkDeployment", "ccpairs");
        Map<String, Object> podLabels = Yaml.map(job, "spec.podTemplate.metadata.labels");
        List<Map<String, Object>> policies =
                Repo.all(resources, "NetworkPolicy").stream()
                        .filter(
                                p ->
                                        selects(
                                                Yaml.map(p, "spec.podSelector.matchLabels"),
                                                podLabels))
                        .toList();
        assertThat(policies)
                .extracting(p -> Yaml.string(p, "metadata.name"))
                .contains("ccpairs-flink", "ccpairs-flink-apiserver");
        assertThat(NetworkRules.problems(policies)).isEmpty();
    }

    @Test
    void theNetworkCheckCatchesAnOpenPrivateRange() {
        Map<String, Object> policy = Repo.one(Repo.render("dev"), "NetworkPolicy", "ccpairs-flink");
        for (Object rule : Yaml.list(policy, "spec.egress")) {
            for (Object to : Yaml.list(rule, "to")) {
                if (Yaml.at(to, "ipBlock.except").isPresent()) {
                    Yaml.list(to, "ipBlock.except").remove("169.254.0.0/16");
                }
            }
        }
        assertThat(NetworkRules.problems(List.of(policy)))
                .anySatisfy(p -> assertThat(p).contains("169.254.0.0/16"));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void podMonitorsSelectPodsThatExposeTheirPort(String overlay) {
        List<Map<String, Object>> resources = Repo.render(overlay);
        Map<String, Object> job = Repo.one(resources, "FlinkDeployment", "ccpairs");
        Map<String, Object> flinkMonitor = Repo.one(resources, "PodMonitor", "ccpairs-flink");
        assertThat(
                        selects(
                                Yaml.map(flinkMonitor, "spec.selector.matchLabels"),
                                Yaml.map(job, "spec.podTemplate.metadata.labels")))
                .isTrue();
        Set<String> ports = new HashSet<>();
        for (Object p : Yaml.list(flinkContainer(job), "ports")) {
            ports.add(Yaml.string(p, "name"));
            assertThat(Yaml.string(p, "containerPort"))
                    .isEqualTo(
                            Yaml.map(job, "spec.flinkConfiguration")
                                    .get("metrics.reporter.prom.port"));
        }
        assertThat(ports).contains(Yaml.string(flinkMonitor, "spec.podMetricsEndpoints.0.port"));
        Map<String, Object> connectMonitor = Repo.one(resources, "PodMonitor", "ccpairs-connect");
        assertThat(Yaml.map(connectMonitor, "spec.selector.matchLabels"))
                .containsEntry("strimzi.io/cluster", "ccpairs-connect")
                .containsEntry("strimzi.io/kind", "KafkaConnect");
        assertThat(Yaml.string(connectMonitor, "spec.podMetricsEndpoints.0.port"))
                .as("Strimzi's metrics port name")
                .isEqualTo("tcp-prometheus");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void transactionsOutliveACheckpoint(String overlay) {
        List<Map<String, Object>> resources = Repo.render(overlay);
        JobSettings job = JobSettings.of(Repo.one(resources, "FlinkDeployment", "ccpairs"));
        long brokerMax =
                Long.parseLong(
                        String.valueOf(
                                Yaml.map(Repo.one(resources, "Kafka", null), "spec.kafka.config")
                                        .get("transaction.max.timeout.ms")));
        // a transaction stays open from one checkpoint to the commit after the next one completes
        long needed = job.checkpointInterval().toMillis() + job.checkpointTimeout().toMillis();
        assertThat(brokerMax).isGreaterThanOrEqualTo(job.sinkTransactionTimeoutMillis());
        assertThat(job.sinkTransactionTimeoutMillis()).isGreaterThan(needed);
    }

    @Test
    void theConnectImageHoldsThePluginDirectoryTheConnectorsModuleBuilds() {
        List<String> lines =
                Repo.read(Repo.K8S.resolve("connect.Dockerfile"))
                        .lines()
                        .filter(l -> !l.isBlank())
                        .toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("FROM quay\\.io/strimzi/kafka:0\\.48\\.\\d+-kafka-\\S+");
        String kafkaVersion = lines.get(0).replaceAll(".*-kafka-(\\S+)$", "$1");
        // a directory under plugin.path (/opt/kafka/plugins) is one plugin with all its jars
        assertThat(lines.get(1))
                .isEqualTo(
                        "COPY connectors/target/connect-plugin/"
                                + " /opt/kafka/plugins/ccpairs-announcer/");
        String pom = Repo.read(Repo.ROOT.resolve("connectors/pom.xml"));
        assertThat(pom)
                .contains("<id>connect-plugin</id>")
                .contains(
                        "<outputDirectory>${project.build.directory}/connect-plugin</outputDirectory>");
        for (String overlay : OVERLAYS) {
            Map<String, Object> connect =
                    Repo.one(Repo.render(overlay), "KafkaConnect", "ccpairs-connect");
            assertThat(Yaml.string(connect, "spec.version")).isEqualTo(kafkaVersion);
            assertThat(Yaml.string(connect, "spec.image"))
                    .startsWith("ghcr.io/ccpairs/ccpairs-connect:");
            assertThat(Yaml.at(connect, "spec.build")).isEmpty();
        }
    }

    @Test
    void theDockerfileCopiesTheJobJarWhereTheDeploymentStartsIt() {
        List<String> lines =
                Repo.read(Repo.K8S.resolve("Dockerfile"))
                        .lines()
                        .filter(l -> !l.isBlank())
                        .toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("FROM flink:2\\.1\\.\\d+-java17");
        String flinkVersion = lines.get(0).replaceAll("FROM flink:([0-9.]+)-java17", "$1");
        assertThat(lines.get(1))
                .matches(
                        "COPY flink-jobs/target/ccpairs-flink-jobs-\\*-job\\.jar"
                                + " /opt/flink/usrlib/\\S+\\.jar");
        String inImage = lines.get(1).substring(lines.get(1).lastIndexOf(' ') + 1);
        // the jar the job-jar profile of flink-jobs/pom.xml builds
        assertThat(Repo.read(Repo.ROOT.resolve("flink-jobs/pom.xml")))
                .contains("<shadedClassifierName>job</shadedClassifierName>");
        for (String overlay : OVERLAYS) {
            Map<String, Object> job = Repo.one(Repo.render(overlay), "FlinkDeployment", "ccpairs");
            assertThat(Yaml.string(job, "spec.job.jarURI")).isEqualTo("local://" + inImage);
            // the S3 plugin named by ENABLE_BUILT_IN_PLUGINS exists only in that image version
            assertThat(Yaml.string(env(flinkContainer(job), "ENABLE_BUILT_IN_PLUGINS"), "value"))
                    .isEqualTo("flink-s3-fs-presto-" + flinkVersion + ".jar");
            assertThat(Yaml.string(job, "spec.flinkVersion"))
                    .isEqualTo("v" + flinkVersion.substring(0, 3).replace('.', '_'));
        }
    }

    static Map<String, Object> flinkContainer(Map<String, Object> job) {
        return Yaml.list(job, "spec.podTemplate.spec.containers").stream()
                .map(c -> (Map<String, Object>) cast(c))
                .filter(c -> "flink-main-container".equals(c.get("name")))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no flink-main-container in the pod template"));
    }

    static Map<String, Object> env(Map<String, Object> container, String name) {
        return Yaml.list(container, "env").stream()
                .map(e -> (Map<String, Object>) cast(e))
                .filter(e -> name.equals(e.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        return !selector.isEmpty()
                && selector.entrySet().stream()
                        .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
