package org.ccpairs.jobs.extract.html;

/**
 * What the {@link HtmlTokenizer} reports, and where the tree-construction side tells it how to read
 * on: in the HTML standard the tree builder, not the tokenizer, decides that the text after {@code
 * <script>} is script data.
 */
public interface TokenSink {
    /** Read on as markup. */
    int DATA = 0;

    /**
     * Read on as raw text up to the matching end tag (style, xmp, iframe, noembed, noframes,
     * noscript).
     */
    int RAWTEXT = 1;

    /** Read on as escapable raw text up to the matching end tag (title, textarea). */
    int RCDATA = 2;

    /** Read on as script data, with the standard's escape states. */
    int SCRIPT_DATA = 3;

    /** Everything after this tag is text. */
    int PLAINTEXT = 4;

    /**
     * A start tag. Called for every start tag, with {@link TagIds#OTHER} for those without an id.
     *
     * @return how to read the content after it: {@link #DATA}, {@link #RAWTEXT}, ...
     */
    int startTag(ScannedTag tag);

    /** An end tag, including one that closes raw text. */
    void endTag(ScannedTag tag);

    /** Whether {@link #text} should be called (the tokenizer skips text otherwise). */
    boolean wantsText();

    /** Character data {@code bytes[from..to)} in the data state, entities not yet decoded. */
    void text(byte[] bytes, int from, int to);
}
