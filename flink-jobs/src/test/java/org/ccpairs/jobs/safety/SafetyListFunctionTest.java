package org.ccpairs.jobs.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.ccpairs.jobs.CcpairsJob;
import org.ccpairs.jobs.audit.RejectionSampler;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RejectionRecord;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SafetyListFunction} in Flink's broadcast operator harness. */
class SafetyListFunctionTest {
    private static final Pair CAT =
            TestPairs.pair(1, "https://img.bad.example/cat.jpg", "A cat on a sofa");
    private static final Pair DOG =
            TestPairs.pair(1, "https://img.good.example/dog.jpg", "A dog on a sofa");

    @TempDir Path dir;

    @Test
    void fileListsApplyFromTheStartAndUpdatesFromTheirArrivalAndSurviveARestore() throws Exception {
        Path file = dir.resolve("base.txt");
        Files.writeString(file, "DOMAIN good.example\n");
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var h = harness(List.of(file.toString()))) {
            h.open();
            h.processElement1(new StreamRecord<>(CAT));
            h.processElement1(new StreamRecord<>(DOG));
            assertThat(h.extractOutputValues()).containsExactly(CAT);

            // an update of another list blocks CAT from now on; one of the file's list lifts DOG;
            // a replay of version 1 that would lift CAT again is ignored
            h.processElement2(
                    new StreamRecord<>(
                            update("live", 1, new String[] {"DOMAIN:bad.example"}, new String[0])));
            h.processElement2(
                    new StreamRecord<>(
                            update(
                                    "base",
                                    1,
                                    new String[0],
                                    new String[] {"DOMAIN:good.example"})));
            h.processElement2(
                    new StreamRecord<>(
                            update("live", 1, new String[0], new String[] {"DOMAIN:bad.example"})));
            h.processElement1(new StreamRecord<>(CAT));
            h.processElement1(new StreamRecord<>(DOG));
            assertThat(h.extractOutputValues()).containsExactly(CAT, DOG);
            assertThat(h.getSideOutput(CcpairsJob.REJECTIONS))
                    .extracting(StreamRecord::getValue)
                    .extracting(
                            RejectionRecord::stage,
                            RejectionRecord::reason,
                            RejectionRecord::detail)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "safety",
                                    "SAFETY_LIST",
                                    "DOMAIN entry good.example of base@0 matches the image host"
                                            + " img.good.example"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "safety",
                                    "SAFETY_LIST",
                                    "DOMAIN entry bad.example of live@1 matches the image host"
                                            + " img.bad.example"));
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness(List.of(file.toString()))) {
            h.initializeState(snapshot);
            h.open();
            h.processElement1(new StreamRecord<>(CAT));
            h.processElement1(new StreamRecord<>(DOG));
            assertThat(h.extractOutputValues())
                    .as("the updated lists came back, not the file's")
                    .containsExactly(DOG);
        }
    }

    private static SafetyListUpdate update(
            String list, long version, String[] added, String[] removed) {
        return new SafetyListUpdate(list, version, added, removed, 0);
    }

    private static TwoInputStreamOperatorTestHarness<Pair, SafetyListUpdate, Pair> harness(
            List<String> files) throws Exception {
        var h =
                new TwoInputStreamOperatorTestHarness<>(
                        new CoBroadcastWithNonKeyedOperator<>(
                                new SafetyListFunction(
                                        new StartupLists(
                                                files,
                                                List.of(),
                                                Duration.ofSeconds(1),
                                                1,
                                                "ccpairs-test"),
                                        SafetyListFunction.Scope.URLS,
                                        false,
                                        CcpairsJob.REJECTIONS,
                                        new RejectionSampler(1.0)),
                                List.of(SafetyListFunction.LISTS)),
                        1,
                        1,
                        0);
        return h;
    }
}
