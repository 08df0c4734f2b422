package org.ccpairs.jobs.filter;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ccpairs.jobs.model.Pair;

/**
 * Rejects captions that say nothing about the image, each with its own reason:
 *
 * <ul>
 *   <li>{@code CAPTION_FILE_NAME}: a file name ({@code IMG_1234.jpg}, {@code photo (2).png}) or a
 *       camera's default name ({@code DSC01234}, {@code IMG_20190101_123456});
 *   <li>{@code CAPTION_URL}: a bare URL or host name ({@code https://...}, {@code www.x.com},
 *       {@code example.org/a});
 *   <li>{@code CAPTION_PLACEHOLDER}: only placeholder words ({@code image}, {@code photo 3}, {@code
 *       Untitled-1}, {@code logo}, {@code spacer}), numbers and punctuation;
 *   <li>{@code CAPTION_NO_LETTERS}: no letter at all ({@code 123}, {@code ---}, {@code :)});
 *   <li>{@code CAPTION_REPEATED_CHARACTERS}: one character (not a digit, not a space) repeated
 *       {@code maxRepeat + 1} times or more in a row ({@code !!!!!!}, {@code aaaaaaaa});
 *   <li>{@code CAPTION_JUNK_PATTERN}: a configured regular expression matches (anywhere; anchor it
 *       to match whole captions).
 * </ul>
 */
public final class CaptionJunkFilter implements PairFilter {
    public static final String FILE_NAME = "CAPTION_FILE_NAME";
    public static final String URL = "CAPTION_URL";
    public static final String PLACEHOLDER = "CAPTION_PLACEHOLDER";
    public static final String NO_LETTERS = "CAPTION_NO_LETTERS";
    public static final String REPEATED = "CAPTION_REPEATED_CHARACTERS";
    public static final String PATTERN = "CAPTION_JUNK_PATTERN";

    private static final Pattern FILE =
            Pattern.compile(
                    "(?i)^[\\p{L}\\p{N}_\\-.()\\[\\]~+%#@ ,']{0,200}\\.(jpe?g|jpe|jfif|png|gif|webp"
                            + "|bmp|tiff?|svg|heic|heif|avif|ico|psd|raw|cr2|nef|dng)$");
    private static final Pattern CAMERA =
            Pattern.compile(
                    "(?i)^(img|dsc|dscn|dscf|dcim|pict|pic|p|sam|gopr|mvimg|pxl|screenshot|scan)"
                            + "[ _\\-]?\\d{3,}([ _\\-]\\d+)*( ?\\(\\d+\\))?$");
    private static final Pattern BARE_URL =
            Pattern.compile(
                    "(?i)^(https?://\\S+|www\\.\\S+|[a-z0-9\\-]+(\\.[a-z0-9\\-]+)*\\.[a-z]{2,24}"
                            + "(/\\S*)?)$");

    private final Set<String> placeholders;
    private final int maxRepeat;
    private final List<Pattern> extra;

    /**
     * @param placeholderWords words that alone make no caption, compared lower case
     * @param maxRepeat longest allowed run of one character; 0 turns the rule off
     * @param extraPatterns more regular expressions for junk captions (Java syntax)
     * @throws IllegalArgumentException naming the option when a pattern does not compile
     */
    public CaptionJunkFilter(
            List<String> placeholderWords, int maxRepeat, List<String> extraPatterns) {
        this.placeholders =
                placeholderWords.stream()
                        .map(w -> w.trim().toLowerCase(Locale.ROOT))
                        .filter(w -> !w.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
        if (maxRepeat < 0) {
            throw new IllegalArgumentException(
                    "'filter.caption.max-repeated-characters' must be >= 0, got " + maxRepeat);
        }
        this.maxRepeat = maxRepeat;
        this.extra =
                extraPatterns.stream()
                        .map(CaptionJunkFilter::compile)
                        .collect(Collectors.toUnmodifiableList());
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "'filter.caption.junk-patterns' holds an invalid regular expression "
                            + regex
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public String name() {
        return "caption-junk";
    }

    @Override
    public Verdict check(Pair pair) {
        String c = pair.caption();
        if (FILE.matcher(c).matches() || CAMERA.matcher(c).matches()) {
            return Verdict.reject(FILE_NAME, quote(c));
        }
        if (BARE_URL.matcher(c).matches()) {
            return Verdict.reject(URL, quote(c));
        }
        if (c.codePoints().noneMatch(Character::isLetter)) {
            return Verdict.reject(NO_LETTERS, quote(c));
        }
        if (onlyPlaceholders(c)) {
            return Verdict.reject(PLACEHOLDER, quote(c));
        }
        if (maxRepeat > 0) {
            String run = longRun(c);
            if (run != null) {
                return Verdict.reject(REPEATED, "'" + run + "' repeated");
            }
        }
        for (Pattern p : extra) {
            if (p.matcher(c).find()) {
                return Verdict.reject(PATTERN, "matches " + p.pattern());
            }
        }
        return Verdict.PASS;
    }

    /** Whether every word of {@code c} is a placeholder, once numbers and punctuation are gone. */
    private boolean onlyPlaceholders(String c) {
        if (placeholders.isEmpty()) {
            return false;
        }
        String words = c.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}]+", " ").trim();
        if (words.isEmpty()) {
            return false; // no letters: NO_LETTERS decided already
        }
        for (String w : words.split(" ")) {
            if (!placeholders.contains(w)) {
                return false;
            }
        }
        return true;
    }

    /** The first character repeated more than {@code maxRepeat} times in a row, or null. */
    private String longRun(String c) {
        int run = 0;
        int previous = -1;
        for (int i = 0; i < c.length(); ) {
            int cp = c.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == previous && !Character.isDigit(cp) && !Character.isWhitespace(cp)) {
                if (++run > maxRepeat) {
                    return new String(Character.toChars(cp));
                }
            } else {
                run = 1;
            }
            previous = cp;
        }
        return null;
    }

    private static String quote(String c) {
        return "'" + (c.length() > 80 ? c.substring(0, 80) + "…" : c) + "'";
    }

    @Override
    public String toString() {
        return name() + "[placeholders=" + placeholders.size() + ", max-repeat=" + maxRepeat + "]";
    }
}
