package org.ccpairs.jobs.safety;

import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

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
                                    + " each image. Off by default; no scorer ships with ccpairs"
                                    + " yet, so turning it on requires one in the job.");

    private SafetyOptions() {}
}
