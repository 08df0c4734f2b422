package org.ccpairs.cli.demo;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ccpairs.avro.DatasetVersion;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.ImageTextPair;
import org.ccpairs.avro.Retraction;
import org.ccpairs.avro.SegmentRef;

/**
 * What the demo shows at the end: the versions, what the topics hold (read as a consumer reads
 * them), the job's own counters, and the line {@code demo: version=<N> pairs=<M>}.
 *
 * @param imageRequests requests the simulated image hosts received
 * @param imageHosts distinct host names among them
 * @param maxHostConcurrency the most requests one host had open at once
 * @param linkChecks link-check outcomes by reason, summed over subtasks
 * @param counters the job's counters by name, summed over subtasks
 */
public record DemoSummary(
        List<DatasetVersion> versions,
        List<ImageTextPair> pairs,
        List<DeadLetter> deadLetters,
        List<Retraction> retractions,
        long httpRequests,
        long bytesServed,
        long imageRequests,
        int imageHosts,
        int maxHostConcurrency,
        Map<String, Long> linkChecks,
        Map<String, Long> counters,
        double wallSeconds) {

    /**
     * Whether the topics and the table tell the same story: every pair published once, every
     * retraction of a published pair, and the newest version holding the published pairs minus the
     * retracted ones.
     */
    public boolean consistent() {
        Set<String> ids = new HashSet<>();
        pairs.forEach(p -> ids.add(p.getPairId()));
        Set<String> retracted = new HashSet<>();
        retractions.forEach(r -> retracted.add(r.getPairId()));
        DatasetVersion last = versions.get(versions.size() - 1);
        return ids.size() == pairs.size()
                && retracted.size() == retractions.size()
                && ids.containsAll(retracted)
                && last.getPairsTotal() == pairs.size() - retracted.size();
    }

    public void print(PrintStream out) {
        Set<String> ids = new HashSet<>();
        pairs.forEach(p -> ids.add(p.getPairId()));
        Map<String, Integer> reasons = new TreeMap<>();
        deadLetters.forEach(
                d -> reasons.merge(d.getStage() + "/" + d.getReason(), 1, Integer::sum));
        DatasetVersion last = versions.get(versions.size() - 1);
        out.println();
        out.println("summary");
        for (DatasetVersion v : versions) {
            out.printf(
                    "  v%-3d snapshot %d  +%d -%d pairs  segments %s%n",
                    v.getVersion(),
                    v.getSnapshotId(),
                    v.getPairsAdded(),
                    v.getPairsRemoved(),
                    v.getSegmentsComplete().stream().map(SegmentRef::getSegmentId).toList());
        }
        out.printf(
                "  ccpairs.pairs     %d records (read_committed), %d distinct pair ids%n",
                pairs.size(), ids.size());
        out.printf(
                "  ccpairs.retractions %d record(s) %s%n",
                retractions.size(),
                retractions.stream().map(r -> r.getReason() + " v" + r.getVersion()).toList());
        out.printf(
                "  ccpairs.dlq       %d dead letters %s%n",
                deadLetters.size(), reasons.isEmpty() ? "" : reasons);
        out.printf(
                "  input             %d HTTP requests, %.1f MB served%n",
                httpRequests, bytesServed / 1e6);
        out.printf(
                "  link check        %d requests to %d simulated hosts (at most %d at once on"
                        + " one host), outcomes %s%n",
                imageRequests, imageHosts, maxHostConcurrency, new TreeMap<>(linkChecks));
        out.printf(
                "  dataset table     %s (Iceberg; tags v1..v%d; './ccpairs versions list', 'diff v1"
                        + " v2')%n",
                last.getTableLocation(), last.getVersion());
        // a readable caption: the longest one of at most 60 characters
        pairs.stream()
                .max(
                        Comparator.comparingInt(
                                p -> p.getCaption().length() > 60 ? 0 : p.getCaption().length()))
                .ifPresent(
                        p ->
                                out.printf(
                                        "  example pair      \"%s\" -> %s%n                    on"
                                                + " %s%n",
                                        p.getCaption(), p.getImageUrl(), p.getPageUrl()));
        out.print("  metrics          ");
        counters.forEach((name, value) -> out.printf(" %s=%d", name, value));
        out.println();
        out.printf("  wall time         %.1fs%n", wallSeconds);
        out.printf("demo: version=%d pairs=%d%n", last.getVersion(), last.getPairsTotal());
    }
}
