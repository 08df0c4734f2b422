package org.ccpairs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.ccpairs.avro.TakedownRequest;
import org.ccpairs.connectors.kafka.AvroTopicWriter;
import org.ccpairs.connectors.registry.RegistrySettings;
import org.ccpairs.jobs.dedup.PairIdentity;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.version.DatasetVersions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ccpairs retract}: asks the running job to take pairs out of the dataset (a takedown). The
 * request goes to the takedowns topic; the job removes the pairs in its next version and reports
 * each on the retractions topic. Pairs are named by id, or found by image URL in the newest
 * version.
 */
@Command(
        name = "retract",
        mixinStandardHelpOptions = true,
        description = {
            "Take pairs out of the dataset: the job removes them in its next version and reports"
                    + " them on the retractions topic.",
            "Name pairs with --pair-id, or with --image-url (looked up in the newest version)."
        })
final class RetractCommand implements Callable<Integer> {
    static final String DEFAULT_TOPIC = "ccpairs.takedowns"; // KafkaOptions.TAKEDOWNS_TOPIC
    private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern PAIR_ID = Pattern.compile("[0-9a-f]{32}");

    @Mixin KafkaEndpoints endpoints;
    @Mixin VersionsCommand.Table table;

    @Option(names = "--pair-id", paramLabel = "ID", description = "A pair to remove, repeatable.")
    List<String> pairIds = new ArrayList<>();

    @Option(
            names = "--image-url",
            paramLabel = "URL",
            description =
                    "Remove every pair of this image (as given or normalized), repeatable; looked"
                            + " up in the newest version.")
    List<String> imageUrls = new ArrayList<>();

    @Option(
            names = "--reason",
            defaultValue = "TAKEDOWN",
            description =
                    "Upper-case reason code the version counts it under. Default:"
                            + " ${DEFAULT-VALUE}.")
    String reason;

    @Option(
            names = "--requested-by",
            required = true,
            description = "Who asked, for the audit trail (a contact, a ticket system).")
    String requestedBy;

    @Option(names = "--detail", defaultValue = "", description = "Free text, e.g. a ticket number.")
    String detail;

    @Option(
            names = "--topic",
            defaultValue = DEFAULT_TOPIC,
            description = "Takedowns topic. Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--dry-run", description = "Print the pair ids; send nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        if (!REASON.matcher(reason).matches()) {
            throw new IllegalArgumentException(
                    "--reason must be an upper-case code like TAKEDOWN, got '" + reason + "'");
        }
        if (pairIds.isEmpty() && imageUrls.isEmpty()) {
            throw new IllegalArgumentException("name pairs with --pair-id or --image-url");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : pairIds) {
            if (!PAIR_ID.matcher(id).matches()) {
                throw new IllegalArgumentException(
                        "not a pair id (32 lower-case hex digits): '" + id + "'");
            }
            ids.add(id);
        }
        if (!imageUrls.isEmpty()) {
            List<String> found = pairsOf(imageUrls);
            if (found.isEmpty()) {
                throw new IllegalArgumentException(
                        "no pair of " + imageUrls + " in the newest version; nothing sent");
            }
            ids.addAll(found);
        }
        if (dryRun) {
            ids.forEach(System.out::println);
            System.out.printf("dry run: %d pair(s) would be retracted%n", ids.size());
            return 0;
        }
        Instant now = Instant.now();
        try (AvroTopicWriter<TakedownRequest> writer =
                new AvroTopicWriter<>(
                        endpoints.bootstrapServers(),
                        endpoints.kafkaProperties,
                        RegistrySettings.of(endpoints.registryUrl()),
                        topic,
                        TakedownRequest.getClassSchema(),
                        "ccpairs-retract")) {
            for (String id : ids) {
                writer.write(id, new TakedownRequest(id, reason, requestedBy, detail, now));
                System.out.println(id);
            }
        }
        System.out.printf(
                "sent %d takedown request(s) to %s; the next dataset version removes them%n",
                ids.size(), topic);
        return 0;
    }

    /** The ids of the pairs of {@code urls} (as given or normalized) in the newest version. */
    private List<String> pairsOf(List<String> urls) {
        DatasetVersions versions = table.versions();
        List<DatasetVersionRecord> all = versions.list();
        if (all.isEmpty()) {
            throw new IllegalArgumentException(
                    "the dataset has no versions yet, so no pair has an image URL to find");
        }
        Set<Object> forms = new LinkedHashSet<>();
        PairIdentity identity = new PairIdentity();
        for (String url : urls) {
            forms.add(url);
            String normalized = identity.normalizeUrl(url);
            if (normalized != null) {
                forms.add(normalized);
            }
        }
        Table t = versions.table();
        List<String> ids = new ArrayList<>();
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(t)
                        .useSnapshot(all.get(all.size() - 1).snapshotId())
                        .where(Expressions.in("image_url", forms.toArray()))
                        .select("pair_id", "image_url")
                        .build()) {
            for (Record r : rows) {
                if (forms.contains(r.getField("image_url"))) {
                    ids.add((String) r.getField("pair_id"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }
}
