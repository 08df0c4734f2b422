package org.ccpairs.jobs.safety;

import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/** Settings of the safety checks: caption lexicon and safety lists (docs/filters.md). */
public final class SafetyOptions {
    public static final ConfigOption<Boolean> CAPTION_ENABLED =
            ConfigOptions.key("safety.caption.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Score every caption with the safety lexicon, store the score and the"
                                    + " matched categories on the pair, and reject pairs at or"
                                    + " above 'safety.caption.threshold' as UNSAFE_CAPTION.");

    public static final ConfigOption<Double> CAPTION_THRESHOLD =
            ConfigOptions.key("safety.caption.threshold")
                    .doubleType()
                    .defaultValue(0.8)
                    .withDescription(
                            "Caption safety score (0 to 1, a noisy-or of the matched terms'"
                                + " weights) from which a pair is rejected. With the default"
                                + " lexicon one explicit sexual or gore term, or minors together"
                                + " with sexual or nudity terms, reaches 0.8; one nudity term (0.6)"
                                + " does not.");

    public static final ConfigOption<Boolean> CAPTION_DEFAULT_LEXICON =
            ConfigOptions.key("safety.caption.default-lexicon")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Use the lexicon shipped with ccpairs (categories sexual, nudity,"
                                    + " minors, sexual_minors, gore, self_harm, hate).");

    public static final ConfigOption<List<String>> CAPTION_LEXICON_FILES =
            ConfigOptions.key("safety.caption.lexicon-files")
                    .stringType()
                    .asList()
                    .defaultValues()
                    .withDescription(
                            "More lexicon files (category<TAB>weight<TAB>term per line, see"
                                    + " docs/filters.md), read by every task at start; a malformed"
                                    + " line fails the start with its file and line number.");

    public static final ConfigOption<Boolean> IMAGE_SCORER_ENABLED =
            ConfigOptions.key("safety.image.enabled")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Ask an external image-safety scorer (ImageSafetyScorer, e.g. a"
                                    + " CLIP-based NSFW model served over HTTP) for a score of"
                                    + " each image that passed the link check; pairs at or above"
                                    + " 'safety.image.threshold' are rejected as UNSAFE_IMAGE,"
                                    + " pairs without a score as IMAGE_NOT_SCORED. Off by default."
                                    + " Needs 'safety.image.endpoint' (the HTTP scorer that ships"
                                    + " with ccpairs), or a scorer given to the job's builder.");

    public static final ConfigOption<String> IMAGE_ENDPOINT =
            ConfigOptions.key("safety.image.endpoint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "URL of the image-safety model's HTTP endpoint: it gets a POST of"
                                + " {\"image_url\": ..., \"pair_id\": ...} as JSON per pair and"
                                + " must answer 200 with {\"score\": <0..1>}; any other answer, or"
                                + " none within 'safety.image.timeout', rejects the pair as"
                                + " IMAGE_NOT_SCORED. The endpoint is the operator's own service,"
                                + " so the link checker's SSRF guard does not apply to it (it may"
                                + " be on a private network).");

    public static final ConfigOption<Double> IMAGE_THRESHOLD =
            ConfigOptions.key("safety.image.threshold")
                    .doubleType()
                    .defaultValue(0.8)
                    .withDescription("Image-safety score (0 to 1) from which a pair is rejected.");

    public static final ConfigOption<java.time.Duration> IMAGE_TIMEOUT =
            ConfigOptions.key("safety.image.timeout")
                    .durationType()
                    .defaultValue(java.time.Duration.ofSeconds(10))
                    .withDescription(
                            "How long to wait for the image-safety scorer; a pair whose score"
                                    + " does not come in time is rejected (IMAGE_NOT_SCORED).");

    public static final ConfigOption<Integer> IMAGE_CAPACITY =
            ConfigOptions.key("safety.image.capacity")
                    .intType()
                    .defaultValue(100)
                    .withDescription("Requests to the image-safety scorer in flight per subtask.");

    public static final ConfigOption<Boolean> LISTS_ENABLED =
            ConfigOptions.key("safety.lists.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Run the safety-list stage: reject pairs whose image URL (exact, MD5 or"
                                + " SHA-256 of the normalized URL) or image/page host is on a list"
                                + " in force (SAFETY_LIST), and retract published pairs that an"
                                + " update adds.");

    public static final ConfigOption<List<String>> LISTS_FILES =
            ConfigOptions.key("safety.lists.files")
                    .stringType()
                    .asList()
                    .defaultValues()
                    .withDescription(
                            "Safety list files read by every task at start, one list each (id ="
                                + " file name without extension, version 0): lines 'KIND value',"
                                + " KIND one of URL, URL_MD5, URL_SHA256, DOMAIN, IMAGE_MD5,"
                                + " IMAGE_SHA256; '#' comments. A bad line fails the start with its"
                                + " file and line. A list the job has not applied before is also"
                                + " applied to published pairs (docs/filters.md).");

    public static final ConfigOption<List<String>> LISTS_URLS =
            ConfigOptions.key("safety.lists.urls")
                    .stringType()
                    .asList()
                    .defaultValues()
                    .withDescription(
                            "Safety lists fetched over http(s) by every task at start, in the"
                                + " format of 'safety.lists.files': 'https://host/path/name.txt'"
                                + " (list id = last path segment without extension) or"
                                + " 'id=https://...'. A fetch that fails (not 200, slower than"
                                + " 'safety.lists.fetch-timeout', larger than"
                                + " 'safety.lists.max-bytes') or a bad line fails the start with"
                                + " the URL and line: the job never runs without a configured"
                                + " list.");

    public static final ConfigOption<java.time.Duration> LISTS_FETCH_TIMEOUT =
            ConfigOptions.key("safety.lists.fetch-timeout")
                    .durationType()
                    .defaultValue(java.time.Duration.ofSeconds(30))
                    .withDescription(
                            "Longest time to fetch one list of 'safety.lists.urls', connecting and"
                                    + " reading the whole body included.");

    public static final ConfigOption<MemorySize> LISTS_MAX_BYTES =
            ConfigOptions.key("safety.lists.max-bytes")
                    .memoryType()
                    .defaultValue(MemorySize.parse("64mb"))
                    .withDescription(
                            "Largest list accepted from 'safety.lists.urls' (about 800,000"
                                    + " SHA-256 entries); a larger one fails the start. Every task"
                                    + " holds its lists in memory.");

    public static final ConfigOption<String> LISTS_TOPIC =
            ConfigOptions.key("kafka.topic.blocklist")
                    .stringType()
                    .defaultValue("ccpairs.blocklist")
                    .withDescription(
                            "Topic of live safety-list updates (Avro BlocklistUpdate, keyed by list"
                                + " id), read from the beginning on a fresh start. Updates take"
                                + " effect for new pairs at once and retract matching published"
                                + " pairs in the next version; malformed ones go to the dead-letter"
                                + " topic and change nothing.");

    public static final ConfigOption<java.time.Duration> LISTS_RECHECK_INTERVAL =
            ConfigOptions.key("safety.lists.recheck-interval")
                    .durationType()
                    .defaultValue(java.time.Duration.ofMinutes(1))
                    .withDescription(
                            "How often the rows that versions added since the last check are"
                                + " matched against every list in force (three columns of the new"
                                + " data files). This retracts pairs that passed the safety-list"
                                + " stage just before an update reached it but were published after"
                                + " the update's own read of the table.");

    public static final ConfigOption<Boolean> LISTS_LIVE =
            ConfigOptions.key("safety.lists.live")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Read live updates from 'kafka.topic.blocklist'. Off, only the lists"
                                    + " given at start apply ('safety.lists.files',"
                                    + " 'safety.lists.urls'), to new pairs and retroactively to"
                                    + " published ones.");

    private SafetyOptions() {}
}
