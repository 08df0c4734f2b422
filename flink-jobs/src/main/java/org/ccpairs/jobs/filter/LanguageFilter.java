package org.ccpairs.jobs.filter;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.ccpairs.jobs.model.Pair;

/**
 * Keeps pairs whose caption language (identified earlier, on {@link Pair#screening()}) is on an
 * allow-list; rejects the rest as {@code LANGUAGE_NOT_ALLOWED}, including captions whose language
 * is unknown. An empty allow-list keeps every language (and this filter is left out of the chain).
 */
public final class LanguageFilter implements PairFilter {
    public static final String NOT_ALLOWED = "LANGUAGE_NOT_ALLOWED";

    private final Set<String> allowed;

    /**
     * @throws IllegalArgumentException naming the codes Lingua does not know
     */
    public LanguageFilter(List<String> allowedCodes) {
        this.allowed =
                allowedCodes.stream()
                        .map(c -> c.trim().toLowerCase(Locale.ROOT))
                        .filter(c -> !c.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
        List<String> unknown =
                allowed.stream().filter(c -> !LanguageIdentifier.knows(c)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "'filter.language.allowed' holds codes that are no ISO 639-1 code of a"
                            + " language Lingua identifies: "
                            + unknown);
        }
    }

    @Override
    public String name() {
        return "caption-language";
    }

    @Override
    public Verdict check(Pair pair) {
        String language = pair.screeningOrNone().language();
        if (language == null) {
            return Verdict.reject(NOT_ALLOWED, "language unknown");
        }
        return allowed.contains(language) ? Verdict.PASS : Verdict.reject(NOT_ALLOWED, language);
    }

    @Override
    public String toString() {
        return name() + allowed;
    }
}
