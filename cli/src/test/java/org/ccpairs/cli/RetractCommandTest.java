package org.ccpairs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code ccpairs retract} refuses what it cannot send, with one line and exit code 2, before it
 * connects to anything. Sending, and the job removing the pair, are tested end to end in
 * flink-jobs; finding pairs by image URL in {@link DemoITCase}.
 */
class RetractCommandTest {
    @Test
    void aReasonMustBeAnUpperCaseCode() {
        CliRun run =
                CliRun.of(
                        "retract",
                        "--pair-id",
                        "0123456789abcdef0123456789abcdef",
                        "--requested-by",
                        "abuse@example.org",
                        "--reason",
                        "because");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--reason must be an upper-case code").contains("because");
    }

    @Test
    void aPairIdMustLookLikeOne() {
        CliRun run = CliRun.of("retract", "--pair-id", "42", "--requested-by", "abuse@example.org");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not a pair id").contains("'42'");
    }

    @Test
    void somethingMustBeNamed() {
        CliRun run = CliRun.of("retract", "--requested-by", "abuse@example.org");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--pair-id or --image-url");
    }

    @Test
    void whoAskedIsRequired() {
        CliRun run = CliRun.of("retract", "--pair-id", "0123456789abcdef0123456789abcdef");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--requested-by");
    }
}
