package org.ccpairs.jobs.model;

/**
 * What the filter stages found out about a pair besides passing it (schema version 4). Each field
 * is null when the stage that sets it is off or could not tell.
 *
 * @param language ISO 639-1 code of the caption's language as identified by Lingua, e.g. {@code
 *     en}; null when identification is off, the caption has no letters, or no language reached the
 *     minimum confidence
 * @param languageConfidence how clearly {@code language} beat the next language, 0 (a tie) to 1
 *     (see {@code LanguageIdentifier.Result})
 * @param captionSafetyScore the caption safety lexicon's score, 0 (nothing matched) to 1
 * @param captionSafetyCategories the lexicon categories that matched, sorted, joined by {@code
 *     ","}; empty when none matched
 * @param imageSafetyScore the external image-safety scorer's score, 0 to 1; null when it is off
 */
public record Screening(
        String language,
        Double languageConfidence,
        Double captionSafetyScore,
        String captionSafetyCategories,
        Double imageSafetyScore) {
    public static final Screening NONE = new Screening(null, null, null, null, null);

    public Screening withLanguage(String code, Double confidence) {
        return new Screening(
                code, confidence, captionSafetyScore, captionSafetyCategories, imageSafetyScore);
    }

    public Screening withCaptionSafety(double score, String categories) {
        return new Screening(language, languageConfidence, score, categories, imageSafetyScore);
    }

    public Screening withImageSafety(Double score) {
        return new Screening(
                language, languageConfidence, captionSafetyScore, captionSafetyCategories, score);
    }
}
