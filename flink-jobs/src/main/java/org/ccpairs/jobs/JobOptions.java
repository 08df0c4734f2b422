package org.ccpairs.jobs;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/** Settings of the pipeline's stages. */
public final class JobOptions {
    public static final ConfigOption<Duration> DEDUP_TTL =
            ConfigOptions.key("dedup.ttl")
                    .durationType()
                    .defaultValue(Duration.ofDays(400))
                    .withDescription(
                            "How long the dedup state remembers a pair after it was last seen. A"
                                + " pair unseen for longer is published again when it reappears."
                                + " Longer means more state; the default spans a year of monthly"
                                + " crawls.");

    public static final ConfigOption<String> HTTP_USER_AGENT =
            ConfigOptions.key("http.user-agent")
                    .stringType()
                    .defaultValue("ccpairs/0.1 (+https://github.com/ccpairs/ccpairs)")
                    .withDescription(
                            "User-Agent of every HTTP request the job makes. Name your deployment"
                                + " and a contact URL so that operators of the servers can reach"
                                + " you.");

    public static final ConfigOption<MemorySize> MAX_PAGE_SIZE =
            ConfigOptions.key("extract.max-page-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("4mb"))
                    .withDescription(
                            "Payload bytes read per HTML page; the rest is ignored. Common Crawl"
                                    + " stores at most 1 MiB per page.");

    public static final ConfigOption<Double> REJECTIONS_SAMPLE_RATE =
            ConfigOptions.key("rejections.sample-rate")
                    .doubleType()
                    .defaultValue(0.01)
                    .withDescription(
                            "Fraction of the pairs a filter stage drops that are written to the"
                                + " rejections topic (kafka.topic.rejections) with stage, reason"
                                + " and provenance, chosen by pair id; 1 writes all. The metrics"
                                + " count every rejection.");

    private JobOptions() {}
}
