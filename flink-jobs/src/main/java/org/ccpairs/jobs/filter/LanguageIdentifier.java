package org.ccpairs.jobs.filter;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Identifies the language of a caption with Lingua ({@code com.github.pemistahl:lingua}), chosen
 * because it is built for short texts (alt texts are a few words; n-gram detectors made for
 * documents, such as Tika's or langdetect's, are unreliable below a sentence), runs offline from
 * models in its jar, covers 75 languages, is maintained and Apache-licensed. docs/filters.md has
 * its measured memory and throughput.
 *
 * <p>Lingua keeps its models in static maps, loaded lazily per language and shared by every
 * detector of the JVM; detectors are thread-safe. {@link #shared} therefore hands every task of a
 * task manager the same detector for the same settings.
 */
public final class LanguageIdentifier {
    /**
     * A caption's language.
     *
     * @param code ISO 639-1 code, lower case, e.g. {@code en}
     * @param confidence how clearly this language beat the next: 1 minus the runner-up's value
     *     relative to this language's (Lingua 1.2 gives the best language 1.0 and every other one
     *     its likelihood relative to it); 0 for a tie, 1 when no other language is plausible
     */
    public record Result(String code, double confidence) {}

    private static final Map<String, LanguageIdentifier> SHARED = new ConcurrentHashMap<>();

    private final LanguageDetector detector;
    private final double minConfidence;

    private LanguageIdentifier(LanguageDetector detector, double minConfidence) {
        this.detector = detector;
        this.minConfidence = minConfidence;
    }

    /**
     * The identifier for these settings, built once per JVM.
     *
     * @param lowAccuracy Lingua's low-accuracy mode: trigrams only, about a tenth of the memory and
     *     several times faster, less accurate on very short texts
     * @param minConfidence below this confidence a caption's language is unknown (null)
     * @throws IllegalArgumentException when {@code minConfidence} is outside [0, 1]
     */
    public static LanguageIdentifier shared(boolean lowAccuracy, double minConfidence) {
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException(
                    "'filter.language.min-confidence' must be between 0 and 1, got "
                            + minConfidence);
        }
        return SHARED.computeIfAbsent(
                lowAccuracy + "/" + minConfidence,
                k -> {
                    LanguageDetectorBuilder b = LanguageDetectorBuilder.fromAllLanguages();
                    if (lowAccuracy) {
                        b = b.withLowAccuracyMode();
                    }
                    return new LanguageIdentifier(b.build(), minConfidence);
                });
    }

    /**
     * The language of {@code text}; null when it has no letters, Lingua cannot tell, or the best
     * language's confidence is below the minimum.
     */
    public Result identify(String text) {
        if (text == null || text.codePoints().noneMatch(Character::isLetter)) {
            return null;
        }
        SortedMap<Language, Double> values = detector.computeLanguageConfidenceValues(text);
        if (values.isEmpty()) {
            return null;
        }
        var entries = values.entrySet().iterator();
        Language best = entries.next().getKey();
        double runnerUp = entries.hasNext() ? entries.next().getValue() : 0;
        double confidence = Math.max(0, Math.min(1, 1 - runnerUp));
        if (best == Language.UNKNOWN || confidence < minConfidence) {
            return null;
        }
        IsoCode639_1 iso = best.getIsoCode639_1();
        return new Result(iso.name().toLowerCase(Locale.ROOT), confidence);
    }

    /** Whether {@code code} is an ISO 639-1 code Lingua knows, e.g. for checking allow-lists. */
    public static boolean knows(String code) {
        for (Language l : Language.values()) {
            if (l != Language.UNKNOWN && l.getIsoCode639_1().name().equalsIgnoreCase(code)) {
                return true;
            }
        }
        return false;
    }
}
