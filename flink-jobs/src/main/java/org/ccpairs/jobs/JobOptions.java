package org.ccpairs.jobs;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;
import org.ccpairs.jobs.dedup.DedupScope;

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

    public static final ConfigOption<DedupScope> DEDUP_SCOPE =
            ConfigOptions.key("dedup.scope")
                    .enumType(DedupScope.class)
                    .defaultValue(DedupScope.URL_CAPTION)
                    .withDescription(
                            "What makes two pairs duplicates: URL_CAPTION, the same normalized"
                                + " image URL with the same caption (the pair id; the published set"
                                + " does not depend on arrival order), or URL, the same normalized"
                                + " image URL whatever the caption (the first caption to arrive"
                                + " wins). Keys are 64-bit hashes either way. Changing it on a"
                                + " running deployment starts dedup from empty state for the new"
                                + " keys.");

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
