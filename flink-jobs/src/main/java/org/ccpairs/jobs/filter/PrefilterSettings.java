package org.ccpairs.jobs.filter;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.ccpairs.jobs.safety.CaptionSafetyFilter;
import org.ccpairs.jobs.safety.CaptionSafetyLexicon;
import org.ccpairs.jobs.safety.SafetyOptions;

/**
 * The prefilter stage's settings, read once from the configuration and shipped to the tasks, which
 * build their filters from them in {@code open()}.
 */
public record PrefilterSettings(
        boolean optOut,
        int captionMinLength,
        int captionMaxLength,
        int captionMinWords,
        List<String> placeholderWords,
        int maxRepeatedCharacters,
        List<String> junkPatterns,
        int urlMaxLength,
        List<String> urlSchemes,
        List<String> urlAllowedExtensions,
        boolean urlAllowIpHosts,
        boolean language,
        List<String> languagesAllowed,
        double languageMinConfidence,
        boolean languageLowAccuracy,
        boolean captionSafety,
        double captionSafetyThreshold,
        boolean defaultLexicon,
        List<String> lexiconFiles)
        implements Serializable {

    /**
     * The settings in {@code conf}, checked by building every filter once.
     *
     * @throws IllegalArgumentException naming the option that is invalid
     */
    public static PrefilterSettings from(Configuration conf) {
        PrefilterSettings s =
                new PrefilterSettings(
                        conf.get(FilterOptions.OPT_OUT_ENABLED),
                        conf.get(FilterOptions.CAPTION_MIN_LENGTH),
                        conf.get(FilterOptions.CAPTION_MAX_LENGTH),
                        conf.get(FilterOptions.CAPTION_MIN_WORDS),
                        List.copyOf(conf.get(FilterOptions.CAPTION_PLACEHOLDER_WORDS)),
                        conf.get(FilterOptions.CAPTION_MAX_REPEATED_CHARACTERS),
                        List.copyOf(conf.get(FilterOptions.CAPTION_JUNK_PATTERNS)),
                        conf.get(FilterOptions.URL_MAX_LENGTH),
                        List.copyOf(conf.get(FilterOptions.URL_SCHEMES)),
                        List.copyOf(conf.get(FilterOptions.URL_ALLOWED_EXTENSIONS)),
                        conf.get(FilterOptions.URL_ALLOW_IP_HOSTS),
                        conf.get(FilterOptions.LANGUAGE_ENABLED),
                        List.copyOf(conf.get(FilterOptions.LANGUAGE_ALLOWED)),
                        conf.get(FilterOptions.LANGUAGE_MIN_CONFIDENCE),
                        conf.get(FilterOptions.LANGUAGE_LOW_ACCURACY),
                        conf.get(SafetyOptions.CAPTION_ENABLED),
                        conf.get(SafetyOptions.CAPTION_THRESHOLD),
                        conf.get(SafetyOptions.CAPTION_DEFAULT_LEXICON),
                        List.copyOf(conf.get(SafetyOptions.CAPTION_LEXICON_FILES)));
        s.rules();
        s.annotatedRules();
        if (s.languagesAllowed.size() > 0 && !s.language) {
            throw new IllegalArgumentException(
                    "'filter.language.allowed' needs 'filter.language.enabled': true");
        }
        if (s.captionSafety) {
            CaptionSafetyLexicon.load(s.defaultLexicon, s.lexiconFiles);
        }
        return s;
    }

    /** The cheap rules, run first, in this order: opt-outs, URL, caption length, junk, words. */
    public FilterChain rules() {
        List<PairFilter> filters = new ArrayList<>();
        if (optOut) {
            filters.add(new OptOutFilter());
        }
        filters.add(
                new UrlRulesFilter(
                        urlMaxLength, urlSchemes, urlAllowedExtensions, urlAllowIpHosts));
        filters.add(new CaptionLengthFilter(captionMinLength, captionMaxLength));
        // junk before word count: "IMG_1234.jpg" is better reported as a file name than as one
        // word
        filters.add(new CaptionJunkFilter(placeholderWords, maxRepeatedCharacters, junkPatterns));
        if (captionMinWords > 0) {
            filters.add(new CaptionWordsFilter(captionMinWords));
        }
        return new FilterChain(filters);
    }

    /** The rules on what the annotators found (language, caption safety), run after them. */
    public FilterChain annotatedRules() {
        List<PairFilter> filters = new ArrayList<>();
        if (captionSafety) {
            filters.add(new CaptionSafetyFilter(captionSafetyThreshold));
        }
        if (language && !languagesAllowed.isEmpty()) {
            filters.add(new LanguageFilter(languagesAllowed));
        }
        return new FilterChain(filters);
    }
}
