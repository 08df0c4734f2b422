package org.ccpairs.jobs.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.ccpairs.jobs.CcpairsJob;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RejectionRecord;
import org.ccpairs.jobs.model.Screening;
import org.ccpairs.jobs.safety.CaptionSafetyFilter;
import org.ccpairs.jobs.safety.SafetyOptions;
import org.ccpairs.jobs.testing.CapturedMetrics;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PrefilterFunction} in Flink's operator harness: routing, screening, counting, audit. */
class PrefilterFunctionTest {
    @TempDir Path dir;

    @Test
    void passingPairsAreScreenedAndRejectionsCountedByReasonAndAudited() throws Exception {
        CapturedMetrics metrics = new CapturedMetrics();
        Pair good = TestPairs.pair(1, "https://img.example.org/a.jpg", "Ein Hund spielt im Garten");
        Pair svg = TestPairs.pair(1, "https://img.example.org/a.svg", "Ein Hund spielt im Garten");
        Pair shortOne = TestPairs.pair(1, "https://img.example.org/b.jpg", "dog");
        Pair porn = TestPairs.pair(1, "https://img.example.org/c.jpg", "free porn video clips");

        try (var h = harness(new Configuration(), metrics)) {
            h.open();
            for (Pair p : List.of(good, svg, shortOne, porn)) {
                h.processElement(p, 0);
            }

            List<Pair> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            Screening s = out.get(0).screening();
            assertThat(s.language()).isEqualTo("de");
            assertThat(s.languageConfidence()).isBetween(0.0, 1.0);
            assertThat(s.captionSafetyScore()).isZero();
            assertThat(s.captionSafetyCategories()).isEmpty();
            assertThat(s.imageSafetyScore()).isNull();

            assertThat(h.getSideOutput(CcpairsJob.REJECTIONS))
                    .extracting(StreamRecord::getValue)
                    .extracting(RejectionRecord::stage, RejectionRecord::reason)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("prefilter", "URL_EXTENSION"),
                            org.assertj.core.groups.Tuple.tuple("prefilter", "CAPTION_TOO_SHORT"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "prefilter", CaptionSafetyFilter.UNSAFE));
            assertThat(
                            metrics.counter(
                                    "stage",
                                    "prefilter",
                                    "reason",
                                    "URL_EXTENSION",
                                    "pairs_rejected"))
                    .isEqualTo(1);
            assertThat(
                            metrics.counter(
                                    "stage",
                                    "prefilter",
                                    "reason",
                                    "UNSAFE_CAPTION",
                                    "pairs_rejected"))
                    .isEqualTo(1);
            assertThat(metrics.counter("ccpairs", "pairs_prefiltered")).isEqualTo(1);
            assertThat(metrics.counter("ccpairs", "rejections_sampled")).isEqualTo(3);
        }
    }

    @Test
    void aLanguageAllowListKeepsOnlyThoseLanguages() throws Exception {
        Configuration conf = new Configuration();
        conf.set(FilterOptions.LANGUAGE_ALLOWED, List.of("en"));
        Pair german =
                TestPairs.pair(1, "https://img.example.org/a.jpg", "Ein Hund spielt im Garten");
        Pair english =
                TestPairs.pair(1, "https://img.example.org/b.jpg", "Read more about our research");
        try (var h = harness(conf, new CapturedMetrics())) {
            h.open();
            h.processElement(german, 0);
            h.processElement(english, 0);

            assertThat(h.extractOutputValues())
                    .extracting(Pair::pairId)
                    .containsExactly(english.pairId());
            assertThat(h.getSideOutput(CcpairsJob.REJECTIONS))
                    .extracting(r -> r.getValue().detail())
                    .containsExactly("caption-language: de");
        }
    }

    @Test
    void lexiconFilesExtendTheDefaultLexicon() throws Exception {
        Path lexicon = dir.resolve("extra.tsv");
        Files.writeString(lexicon, "sexual\t0.9\tforbidden phrase\n");
        Configuration conf = new Configuration();
        conf.set(SafetyOptions.CAPTION_LEXICON_FILES, List.of(lexicon.toString()));
        conf.set(SafetyOptions.CAPTION_THRESHOLD, 0.5);
        try (var h = harness(conf, new CapturedMetrics())) {
            h.open();
            h.processElement(
                    TestPairs.pair(1, "https://img.example.org/a.jpg", "The forbidden phrase here"),
                    0);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.getSideOutput(CcpairsJob.REJECTIONS))
                    .extracting(r -> r.getValue().detail())
                    .singleElement()
                    .asString()
                    .contains("sexual");
        }
    }

    private static OneInputStreamOperatorTestHarness<Pair, Pair> harness(
            Configuration conf, CapturedMetrics metrics) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(
                        new PrefilterFunction(
                                PrefilterSettings.from(conf),
                                CcpairsJob.REJECTIONS,
                                new RejectionSampler(1.0))),
                metrics.environment());
    }
}
