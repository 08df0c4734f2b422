package org.ccpairs.jobs.linkcheck;

import java.util.Map;
import java.util.Set;
import org.ccpairs.jobs.model.LinkCheck;

/**
 * The format of a checked image as file extensions name it ({@code jpeg}, {@code png}, {@code gif},
 * {@code svg}, ...), so that {@code filter.url.allowed-extensions} can be applied to what a server
 * actually serves and not only to what a URL ends in: an image sniffed from its bytes has its
 * format; after a {@code HEAD}, the {@code Content-Type} names it.
 */
final class ImageFormats {
    /** Media types (without {@code image/}) whose format has another name, or a common alias. */
    private static final Map<String, String> BY_MEDIA_SUBTYPE =
            Map.ofEntries(
                    Map.entry("jpeg", "jpeg"),
                    Map.entry("jpg", "jpeg"),
                    Map.entry("pjpeg", "jpeg"),
                    Map.entry("png", "png"),
                    Map.entry("apng", "apng"),
                    Map.entry("gif", "gif"),
                    Map.entry("webp", "webp"),
                    Map.entry("avif", "avif"),
                    Map.entry("heic", "heic"),
                    Map.entry("heif", "heif"),
                    Map.entry("jxl", "jxl"),
                    Map.entry("jp2", "jp2"),
                    Map.entry("bmp", "bmp"),
                    Map.entry("x-bmp", "bmp"),
                    Map.entry("x-ms-bmp", "bmp"),
                    Map.entry("tiff", "tiff"),
                    Map.entry("svg+xml", "svg"),
                    Map.entry("x-icon", "ico"),
                    Map.entry("vnd.microsoft.icon", "ico"),
                    Map.entry("vnd.adobe.photoshop", "psd"));

    /** Extensions of one format under another name. */
    private static final Map<String, String> CANONICAL =
            Map.of(
                    "jpg", "jpeg",
                    "jpe", "jpeg",
                    "jfif", "jpeg",
                    "pjpeg", "jpeg",
                    "pjp", "jpeg",
                    "tif", "tiff");

    private ImageFormats() {}

    /**
     * The name {@link #of} uses for the format of files with {@code extension} ({@code jpeg} for
     * {@code jpg}, {@code JPE}, ...), lower case.
     */
    static String canonical(String extension) {
        String e = extension.strip().toLowerCase(java.util.Locale.ROOT);
        return CANONICAL.getOrDefault(e, e);
    }

    /**
     * The checked image's format: the sniffed one, else the one its {@code Content-Type} names;
     * null when neither says (an unknown {@code image/*} type is not judged).
     */
    static String of(LinkCheck check) {
        if (check.imageFormat() != null) {
            return check.imageFormat();
        }
        String type = Answers.mediaType(check.contentType());
        return type != null && type.startsWith("image/")
                ? BY_MEDIA_SUBTYPE.get(type.substring("image/".length()))
                : null;
    }

    /**
     * Why an image that answered {@code OK} is not kept: its format (see {@link #of}) is known and
     * not among {@code allowed} (canonical names, see {@link #canonical}); null when it is kept.
     */
    static String refusal(LinkCheck check, Set<String> allowed) {
        String format = of(check);
        return format == null || allowed.contains(format)
                ? null
                : format
                        + " (Content-Type "
                        + check.contentType()
                        + ") is not among filter.url.allowed-extensions";
    }
}
