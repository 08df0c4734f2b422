package org.ccpairs.jobs.testing;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ccpairs.connectors.warc.WarcPageReader;
import org.ccpairs.jobs.extract.RecordPairs;
import org.ccpairs.jobs.extract.WarcPairReader;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Segment;

/**
 * The pairs a file holds, read without Flink: what the pipeline must publish for it before dedup.
 */
public final class ExpectedPairs {
    private ExpectedPairs() {}

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
