package org.ccpairs.jobs.read;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Settings of the reading stage. */
public final class ReadOptions {
    public static final ConfigOption<Integer> MAX_RETRIES =
            ConfigOptions.key("read.max-retries")
                    .intType()
                    .defaultValue(8)
                    .withDescription(
                            "How often a file whose connection broke off (or that could not be"
                                    + " reached) is reopened from where reading stopped before it"
                                    + " becomes a dead letter (UNREACHABLE). Other files are read"
                                    + " meanwhile.");

    public static final ConfigOption<Duration> RETRY_BACKOFF =
            ConfigOptions.key("read.retry-backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(2))
                    .withDescription(
                            "Wait before the first retry of a file; doubled for each further one.");

    private ReadOptions() {}
}
