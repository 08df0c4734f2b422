package org.ccpairs.cli.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.ccpairs.connectors.warc.WarcPageReader;
import org.ccpairs.jobs.extract.FilePairReader;
import org.ccpairs.jobs.extract.FilePairReaders;
import org.ccpairs.jobs.extract.RecordPairs;
import org.ccpairs.jobs.filter.Decision;
import org.ccpairs.jobs.filter.FilterChain;
import org.ccpairs.jobs.filter.FilterOptions;
import org.ccpairs.jobs.filter.LanguageIdentifier;
import org.ccpairs.jobs.filter.PairScreener;
import org.ccpairs.jobs.filter.PrefilterSettings;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ccpairs bench filters}: the job's filter decisions on real files, without Flink. Extracts
 * every pair, runs the prefilter (rules, screener, annotated rules), dedup on the pair id and the
 * boilerplate count the way the job does, and prints each reason's share of the extracted pairs;
 * then measures language identification alone (memory of the models, captions per second on one
 * thread).
 */
@Command(
        name = "filters",
        mixinStandardHelpOptions = true,
        description = {
            "Rejection share of every filter on WARC/WAT files or folders of them (default"
                    + " settings, or --conf KEY=VALUE), and language identification's memory and"
                    + " throughput.",
            "The last line is: filters_pairs=<n> filters_kept=<n> langid_captions_per_s=<n>"
                    + " langid_heap_mb=<n>."
        })
public final class FilterBenchCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", description = "Files, or folders searched for *.warc*/*.wat*.")
    List<Path> inputs;

    @Option(names = "--conf", description = "A setting, KEY=VALUE; repeatable.")
    Map<String, String> settings = new HashMap<>();

    @Option(
            names = "--rounds",
            defaultValue = "5",
            description = "Passes of language identification over all captions; the best counts.")
    int rounds;

    @Override
    public Integer call() throws IOException {
        Configuration conf = Configuration.fromMap(settings);
        PrefilterSettings s = PrefilterSettings.from(conf);
        FilterChain rules = s.rules();
        FilterChain annotated = s.annotatedRules();
        long heapBefore = usedHeap();
        PairScreener screener = PairScreener.from(s);
        int maxCount = conf.get(FilterOptions.BOILERPLATE_MAX_COUNT);

        List<Pair> pairs = new ArrayList<>();
        for (Path file : files()) {
            read(file, pairs);
        }
        Map<String, Integer> byReason = new TreeMap<>();
        Map<String, String> example = new HashMap<>();
        Set<String> published = new HashSet<>();
        Map<String, Integer> captionCounts = new HashMap<>();
        Map<String, Integer> languages = new HashMap<>();
        List<String> captions = new ArrayList<>();
        int kept = 0;
        for (Pair p : pairs) {
            Decision d = rules.decide(p);
            Pair screened = p;
            if (d.passed()) {
                screened = p.withScreening(screener.screen(p));
                d = annotated.decide(screened);
                captions.add(p.caption());
            }
            String reason;
            if (!d.passed()) {
                reason = "prefilter " + d.reason();
                example.putIfAbsent(reason, d.detail());
            } else if (!published.add(p.pairId())) {
                reason = "dedup DUPLICATE";
            } else if (maxCount > 0
                    && captionCounts.merge(p.caption().toLowerCase(Locale.ROOT), 1, Integer::sum)
                            > maxCount) {
                reason = "boilerplate BOILERPLATE_CAPTION";
                example.putIfAbsent(reason, "'" + p.caption() + "'");
            } else {
                kept++;
                languages.merge(
                        String.valueOf(screened.screeningOrNone().language()), 1, Integer::sum);
                continue;
            }
            byReason.merge(reason, 1, Integer::sum);
        }
        long heapAfter = usedHeap();
        int n = pairs.size();
        System.out.printf(
                Locale.ROOT, "%-45s %8s %7s  %s%n", "stage reason", "pairs", "share", "example");
        for (Map.Entry<String, Integer> e : byReason.entrySet()) {
            System.out.printf(
                    Locale.ROOT,
                    "%-45s %8d %6.2f%%  %s%n",
                    e.getKey(),
                    e.getValue(),
                    100.0 * e.getValue() / n,
                    abbreviate(example.getOrDefault(e.getKey(), "")));
        }
        System.out.printf(
                Locale.ROOT, "%-45s %8d %6.2f%%%n", "kept", kept, 100.0 * kept / Math.max(1, n));
        System.out.println("languages of kept pairs: " + top(languages, 12));

        double perSecond = 0;
        if (s.language() && !captions.isEmpty()) {
            LanguageIdentifier id =
                    LanguageIdentifier.shared(s.languageLowAccuracy(), s.languageMinConfidence());
            long best = Long.MAX_VALUE;
            for (int r = 0; r < Math.max(1, rounds); r++) {
                long t0 = System.nanoTime();
                for (String c : captions) {
                    id.identify(c);
                }
                best = Math.min(best, System.nanoTime() - t0);
            }
            perSecond = captions.size() / (best / 1e9);
        }
        double heapMb = (heapAfter - heapBefore) / 1e6;
        System.out.printf(
                Locale.ROOT,
                "language identification: %s accuracy, %d captions, heap grew by %.0f MB while"
                        + " screening (models and this run's pairs)%n",
                s.languageLowAccuracy() ? "low" : "high",
                captions.size(),
                heapMb);
        System.out.printf(
                Locale.ROOT,
                "filters_pairs=%d filters_kept=%d langid_captions_per_s=%.0f langid_heap_mb=%.0f%n",
                n,
                kept,
                perSecond,
                heapMb);
        return 0;
    }

    private List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> walk = Files.walk(in)) {
                    walk.filter(Files::isRegularFile)
                            .filter(
                                    p ->
                                            p.getFileName()
                                                    .toString()
                                                    .matches(".*\\.(warc|wat)(\\.gz)?$"))
                            .sorted()
                            .forEach(files::add);
                }
            } else {
                files.add(in);
            }
        }
        return files;
    }

    private static void read(Path file, List<Pair> into) {
        String url = file.toUri().toString();
        Segment segment = new Segment(1, "bench", "bench", FilePairReaders.kindOf(url), 1);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                FilePairReader reader =
                        FilePairReaders.open(
                                FilePairReaders.kindOf(url),
                                in,
                                url,
                                0,
                                WarcPageReader.DEFAULT_MAX_BODY_BYTES,
                                segment,
                                e -> {},
                                f -> {})) {
            Optional<RecordPairs> record;
            while ((record = reader.next()).isPresent()) {
                into.addAll(record.get().pairs());
            }
        } catch (Exception e) {
            // a broken file gives the pairs read before the break, as in the job
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static String top(Map<String, Integer> counts, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(n)
                .map(e -> e.getKey() + "=" + e.getValue())
                .reduce((a, b) -> a + " " + b)
                .orElse("");
    }

    private static String abbreviate(String s) {
        return s.length() > 70 ? s.substring(0, 70) + "…" : s;
    }
}
