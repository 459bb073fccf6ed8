package io.github.telnetsrv.internal.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DisplayWidthTest {

    @ParameterizedTest(name = "U+{0} is {1} columns")
    @CsvSource({
        "0041, 1", // A
        "00E9, 1", // é
        "00AD, 1", // soft hyphen
        "0301, 0", // combining acute accent
        "20DD, 0", // combining enclosing circle
        "200B, 0", // zero width space
        "200D, 0", // zero width joiner
        "FE0F, 0", // variation selector 16
        "0007, 0", // BEL
        "001B, 0", // ESC
        "007F, 0", // DEL
        "0085, 0", // C1 next line
        "1100, 2", // Hangul choseong kiyeok
        "1160, 0", // Hangul jungseong filler
        "3000, 2", // ideographic space
        "3042, 2", // Hiragana a
        "4E2D, 2", // 中
        "AC00, 2", // Hangul syllable ga
        "D7A3, 2", // last Hangul syllable
        "D7A4, 1", // just after the syllables
        "FF21, 2", // fullwidth A
        "FF61, 1", // halfwidth ideographic full stop
        "FFE0, 2", // fullwidth cent
        "2329, 2", // left-pointing angle bracket
        "231A, 2", // watch
        "23F0, 2", // alarm clock (a one-code-point range)
        "23F1, 1", // stopwatch (text presentation)
        "2764, 1", // heavy black heart (text presentation)
        "2705, 2", // check mark button
        "1F600, 2", // grinning face
        "1F44D, 2", // thumbs up
        "1F3FB, 2", // skin tone modifier
        "1F1E6, 1", // regional indicator A
        "1F9E1, 2", // orange heart
        "20000, 2", // CJK extension B
        "E000, 1", // private use
    })
    void codePointWidthFollowsTheTable(String hex, int columns) {
        assertEquals(columns, DisplayWidth.of(Integer.parseInt(hex, 16)));
    }

    @Test
    void textWidthSumsItsCodePointsWithSurrogatePairsCountedOnce() {
        assertEquals(2 + 1 + 2 + 1, DisplayWidth.of("中a\uD83D\uDE00e\u0301"));
    }

    @Test
    void colourSequencesInAPromptTakeNoColumns() {
        assertEquals(2, DisplayWidth.of("\u001b[1;32m>\u001b[0m "));
    }

    @Test
    void titleSequencesEndedByBelOrStringTerminatorTakeNoColumns() {
        assertEquals(1, DisplayWidth.of("\u001b]0;title\u0007$"));
        assertEquals(1, DisplayWidth.of("\u001b]0;title\u001b\\$"));
    }

    @Test
    void aTruncatedEscapeSequenceTakesNoColumns() {
        assertEquals(1, DisplayWidth.of("a\u001b[1;3"));
        assertEquals(1, DisplayWidth.of("a\u001b"));
    }

    @Test
    void wideTableIsSortedPairsOfNonOverlappingRanges() throws ReflectiveOperationException {
        Field field = DisplayWidth.class.getDeclaredField("WIDE");
        field.setAccessible(true);
        int[] wide = (int[]) field.get(null);
        assertEquals(0, wide.length % 2, "pairs");
        for (int i = 0; i < wide.length; i += 2) {
            assertTrue(wide[i] <= wide[i + 1], "range at " + i + " runs forward");
            if (i > 0) {
                assertTrue(wide[i - 1] < wide[i], "range at " + i + " starts after the previous one");
            }
        }
    }

    @Test
    void everyCodePointInAWideRangeIsWideAndTheNeighboursOfRangesAreNot() throws ReflectiveOperationException {
        Field field = DisplayWidth.class.getDeclaredField("WIDE");
        field.setAccessible(true);
        int[] wide = (int[]) field.get(null);
        for (int i = 0; i < wide.length; i += 2) {
            for (int cp = wide[i]; cp <= wide[i + 1]; cp++) {
                if (!DisplayWidth.isZeroWidth(cp)) {
                    assertEquals(2, DisplayWidth.of(cp), Integer.toHexString(cp));
                }
            }
            boolean gapBefore = i == 0 || wide[i - 1] < wide[i] - 1;
            if (gapBefore && !DisplayWidth.isZeroWidth(wide[i] - 1)) {
                assertEquals(1, DisplayWidth.of(wide[i] - 1), Integer.toHexString(wide[i] - 1));
            }
        }
    }
}
