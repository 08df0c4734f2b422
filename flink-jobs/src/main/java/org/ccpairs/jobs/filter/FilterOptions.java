package org.ccpairs.jobs.filter;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Settings of the prefilter stage and the boilerplate counter (docs/filters.md). */
public final class FilterOptions {
    public static final ConfigOption<Boolean> ENABLED =
            ConfigOptions.key("filter.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Run the prefilter stage (opt-out, URL, caption, language and"
                                + " caption-safety rules, before dedup) and the boilerplate caption"
                                + " counter (after dedup). Off, every extracted pair goes on to"
                                + " dedup and on from there.");

    public static final ConfigOption<Integer> CAPTION_MIN_LENGTH =
            ConfigOptions.key("filter.caption.min-length")
                    .intType()
                    .defaultValue(5)
                    .withDescription(
                            "Shortest caption kept, in characters (Unicode code points); LAION"
                                    + " used 5. Shorter ones are rejected as CAPTION_TOO_SHORT.");

    public static final ConfigOption<Integer> CAPTION_MAX_LENGTH =
            ConfigOptions.key("filter.caption.max-length")
                    .intType()
                    .defaultValue(500)
                    .withDescription(
                            "Longest caption kept, in characters; longer alt texts are mostly"
                                    + " keyword stuffing (CAPTION_TOO_LONG). Extraction cuts"
                                    + " captions at 1000.");

    public static final ConfigOption<Integer> CAPTION_MIN_WORDS =
            ConfigOptions.key("filter.caption.min-words")
                    .intType()
                    .defaultValue(2)
                    .withDescription(
                            "Fewest words a caption must have (CAPTION_TOO_FEW_WORDS). A word is a"
                                + " whitespace-separated token with a letter or digit; in scripts"
                                + " written without spaces (Chinese, Japanese, Thai, ...) every"
                                + " character counts as a word. 0 turns the rule off.");

    public static final ConfigOption<List<String>> CAPTION_PLACEHOLDER_WORDS =
            ConfigOptions.key("filter.caption.placeholder-words")
                    .stringType()
                    .asList()
                    .defaultValues(
                            "image",
                            "img",
                            "photo",
                            "photograph",
                            "picture",
                            "pic",
                            "untitled",
                            "logo",
                            "spacer",
                            "icon",
                            "banner",
                            "thumbnail",
                            "thumb",
                            "placeholder",
                            "blank",
                            "pixel",
                            "transparent",
                            "null",
                            "undefined",
                            "alt",
                            "graphic",
                            "jpg",
                            "jpeg",
                            "png",
                            "gif",
                            "no",
                            "n",
                            "a",
                            "bild",
                            "foto",
                            "imagen",
                            "imagem",
                            "immagine",
                            "изображение",
                            "фото",
                            "картинка")
                    .withDescription(
                            "Words that alone make no caption: a caption made of these words,"
                                    + " numbers and punctuation only (e.g. 'Image 3', 'Untitled-1',"
                                    + " 'logo') is rejected as CAPTION_PLACEHOLDER. Compared lower"
                                    + " case.");

    public static final ConfigOption<Integer> CAPTION_MAX_REPEATED_CHARACTERS =
            ConfigOptions.key("filter.caption.max-repeated-characters")
                    .intType()
                    .defaultValue(4)
                    .withDescription(
                            "Longest run of one character (not a digit or space) a caption may"
                                    + " hold; longer runs ('!!!!!!', 'zzzzzz') are rejected as"
                                    + " CAPTION_REPEATED_CHARACTERS. 0 turns the rule off.");

    public static final ConfigOption<List<String>> CAPTION_JUNK_PATTERNS =
            ConfigOptions.key("filter.caption.junk-patterns")
                    .stringType()
                    .asList()
                    .defaultValues()
                    .withDescription(
                            "More regular expressions (Java syntax, found anywhere in the caption;"
                                + " anchor them with ^ and $ for whole captions) that mark junk"
                                + " captions, rejected as CAPTION_JUNK_PATTERN. File names, bare"
                                + " URLs, placeholders and repeated characters are built in.");

    public static final ConfigOption<Boolean> OPT_OUT_ENABLED =
            ConfigOptions.key("filter.opt-out.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Reject pairs of pages that opted out of AI training (robots noai or"
                                    + " noimageai, plain or scoped to CCBot/ccpairs; TDMRep"
                                    + " tdm-reservation 1) as OPTED_OUT, before any request.");

    public static final ConfigOption<Integer> URL_MAX_LENGTH =
            ConfigOptions.key("filter.url.max-length")
                    .intType()
                    .defaultValue(2048)
                    .withDescription("Longest image URL kept, in characters (URL_TOO_LONG).");

    public static final ConfigOption<List<String>> URL_SCHEMES =
            ConfigOptions.key("filter.url.schemes")
                    .stringType()
                    .asList()
                    .defaultValues("http", "https")
                    .withDescription("Image URL schemes kept; others are rejected as URL_SCHEME.");

    public static final ConfigOption<List<String>> URL_ALLOWED_EXTENSIONS =
            ConfigOptions.key("filter.url.allowed-extensions")
                    .stringType()
                    .asList()
                    .defaultValues(
                            "jpg", "jpeg", "jpe", "jfif", "pjpeg", "pjp", "png", "apng", "webp",
                            "bmp", "tif", "tiff", "avif", "heic", "heif", "jxl", "jp2")
                    .withDescription(
                            "Image-format extensions kept. An image URL ending in another image"
                                + " format's extension (by default: svg, gif, ico, psd, ...; LAION"
                                + " dropped svg and gif) or in a non-image one (html, pdf, mp4,"
                                + " ...) is rejected as URL_EXTENSION; URLs without an extension or"
                                + " with a script's (.php) pass, and the link check sniffs them."
                                + " The link check applies the same list to the format served"
                                + " (IMAGE_FORMAT).");

    public static final ConfigOption<Boolean> URL_ALLOW_IP_HOSTS =
            ConfigOptions.key("filter.url.allow-ip-hosts")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Keep image URLs whose host is an IP literal. Off, they are rejected"
                                    + " as URL_HOST, like single-label and malformed hosts.");

    public static final ConfigOption<Boolean> LANGUAGE_ENABLED =
            ConfigOptions.key("filter.language.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Identify each caption's language with Lingua and store it with its"
                                + " confidence on the pair (language, language_confidence). Takes a"
                                + " few hundred MB of heap per task manager for the models.");

    public static final ConfigOption<List<String>> LANGUAGE_ALLOWED =
            ConfigOptions.key("filter.language.allowed")
                    .stringType()
                    .asList()
                    .defaultValues()
                    .withDescription(
                            "ISO 639-1 codes of the caption languages kept, e.g. 'en;de;fr'. Empty"
                                + " (the default) keeps every language; otherwise pairs in other or"
                                + " unknown languages are rejected as LANGUAGE_NOT_ALLOWED.");

    public static final ConfigOption<Double> LANGUAGE_MIN_CONFIDENCE =
            ConfigOptions.key("filter.language.min-confidence")
                    .doubleType()
                    .defaultValue(0.0)
                    .withDescription(
                            "Below this confidence (0 to 1) a caption's language is recorded as"
                                    + " unknown (null).");

    public static final ConfigOption<Boolean> LANGUAGE_LOW_ACCURACY =
            ConfigOptions.key("filter.language.low-accuracy")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Lingua's low-accuracy mode (trigram models only): several times"
                                    + " faster and about a tenth of the memory of the high-accuracy"
                                    + " mode, less accurate on captions of one or two words."
                                    + " docs/filters.md has measurements of both.");

    public static final ConfigOption<Integer> BOILERPLATE_MAX_COUNT =
            ConfigOptions.key("filter.boilerplate.max-count")
                    .intType()
                    .defaultValue(10)
                    .withDescription(
                            "A caption (compared case-insensitively) seen on more than this many"
                                + " distinct pairs is boilerplate: its later pairs are rejected as"
                                + " BOILERPLATE_CAPTION (COYO used 10). The first ones stay"
                                + " published. 0 turns the counter off.");

    public static final ConfigOption<Duration> BOILERPLATE_TTL =
            ConfigOptions.key("filter.boilerplate.ttl")
                    .durationType()
                    .defaultValue(Duration.ofDays(400))
                    .withDescription(
                            "How long a caption's count is kept after the caption was last seen;"
                                    + " bounds the counter's state (one entry of about 30 bytes per"
                                    + " distinct caption).");

    private FilterOptions() {}
}
