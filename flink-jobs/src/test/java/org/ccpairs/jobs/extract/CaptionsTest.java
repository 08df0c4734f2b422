package org.ccpairs.jobs.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaptionsTest {
    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, two chars in Java

    @Test
    void nullEmptyAndBlankBecomeEmpty() {
        assertThat(Captions.clean(null)).isEmpty();
        assertThat(Captions.clean("")).isEmpty();
        assertThat(Captions.clean(" \t\r\n\u00A0\u2003\u3000 ")).isEmpty();
    }

    @Test
    void runsOfWhitespaceIncludingNbspTabsAndNewlinesBecomeOneSpace() {
        assertThat(Captions.clean("a  b\tc\nd\r\ne\u00A0\u00A0f \t\n g\u2003h\u3000i"))
                .isEqualTo("a b c d e f g h i");
    }

    @Test
    void leadingAndTrailingWhitespaceIsTrimmed() {
        assertThat(Captions.clean("\n\t \u00A0 A cat on a mat \u00A0\r\n"))
                .isEqualTo("A cat on a mat");
    }

    @Test
    void controlCharactersAreRemovedWithoutLeavingASpace() {
        assertThat(Captions.clean("a\u0000b\u0007c\u001Bd\u007Fe\u0085f\u009Fg"))
                .isEqualTo("abcdefg");
    }

    @Test
    void onlyControlCharactersLeaveNothing() {
        assertThat(Captions.clean("\u0000\u0001\u007F")).isEmpty();
    }

    @Test
    void nonAsciiTextIsKept() {
        assertThat(Captions.clean("Ein Café in Köln " + EMOJI + " 中文"))
                .isEqualTo("Ein Café in Köln " + EMOJI + " 中文");
    }

    @Test
    void longCaptionsAreCutToMaxLength() {
        assertThat(Captions.clean("a".repeat(5 * Captions.MAX_LENGTH)))
                .hasSize(Captions.MAX_LENGTH);
    }

    @Test
    void cutNeverSplitsASurrogatePair() {
        // 999 chars, then a code point of two chars: the cut must not leave half of it
        String cleaned = Captions.clean("a".repeat(Captions.MAX_LENGTH - 1) + EMOJI.repeat(3));
        assertThat(Character.isHighSurrogate(cleaned.charAt(cleaned.length() - 1))).isFalse();
        assertThat(
                        cleaned.codePoints()
                                .filter(cp -> Character.getType(cp) == Character.SURROGATE)
                                .count())
                .isZero();
    }

    /**
     * The loop checks the length before appending, then appends a pending space and a code point of
     * up to two chars: with 999 chars already out, a space plus an emoji makes 1002. Plain text is
     * enough: "word word word ..." comes out 1001 chars long.
     */
    @Test
    void resultNeverExceedsMaxLength() {
        List<String> inputs =
                List.of(
                        "word ".repeat(Captions.MAX_LENGTH),
                        "a".repeat(Captions.MAX_LENGTH - 1) + " b",
                        "a".repeat(Captions.MAX_LENGTH - 1) + EMOJI,
                        "a".repeat(Captions.MAX_LENGTH - 1) + " " + EMOJI,
                        "a" + EMOJI.repeat(Captions.MAX_LENGTH),
                        ("x " + EMOJI + " ").repeat(Captions.MAX_LENGTH));
        assertThat(inputs)
                .allSatisfy(
                        raw ->
                                assertThat(Captions.clean(raw))
                                        .hasSizeLessThanOrEqualTo(Captions.MAX_LENGTH));
    }
}
