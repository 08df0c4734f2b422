package org.ccpairs.jobs.testing;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.ccpairs.connectors.warc.WarcPageReader;
import org.ccpairs.jobs.extract.RecordPairs;
import org.ccpairs.jobs.extract.WarcPairReader;
import org.ccpairs.jobs.filter.FilterChain;
import org.ccpairs.jobs.filter.PairScreener;
import org.ccpairs.jobs.filter.PrefilterSettings;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;

/**
 * The pairs a file holds, read without Flink: what the pipeline must publish for it before dedup.
 */
public final class ExpectedPairs {
    private ExpectedPairs() {}

    /**
     * The pairs of {@code file} that the prefilter stage lets through with default settings, as the
     * pipeline publishes them before dedup (the boilerplate counter is off in {@link PipelineRun}:
     * which pairs of a caption past its limit pass depends on arrival order).
     */
    public static List<Pair> published(Path file, Segment segment) throws Exception {
        PrefilterSettings settings = PrefilterSettings.from(new Configuration());
        FilterChain rules = settings.rules();
        FilterChain annotated = settings.annotatedRules();
        PairScreener screener = PairScreener.from(settings);
        List<Pair> kept = new ArrayList<>();
        for (Pair p : of(file, segment)) {
            if (rules.decide(p).passed()) {
                Pair screened = p.withScreening(screener.screen(p));
                if (annotated.decide(screened).passed()) {
                    kept.add(screened);
                }
            }
        }
        return kept;
    }

    /** Every pair of {@code file}, as extraction gives them. */
    public static List<Pair> of(Path file, Segment segment) throws Exception {
        String url = file.toUri().toString();
        List<Pair> pairs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
                WarcPairReader reader =
                        new WarcPairReader(
                                in,
                                url,
                                0,
                                WarcPageReader.DEFAULT_MAX_BODY_BYTES,
                                segment,
                                e -> {},
                                f -> {
                                    throw f.cause();
                                })) {
            Optional<RecordPairs> record;
            while ((record = reader.next()).isPresent()) {
                pairs.addAll(record.get().pairs());
            }
        }
        return pairs;
    }
}
