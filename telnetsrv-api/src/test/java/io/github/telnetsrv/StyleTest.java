package io.github.telnetsrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.Style.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** SGR codes of every attribute and colour, combination, range checks, application with nesting, and strip. */
class StyleTest {

    /** CSI: {@code ESC [}. */
    private static final String E = "\u001b[";
    private static final String RESET = E + "0m";

    @Test
    void theEmptyStyleHasNoSequenceAndLeavesTextAlone() {
        assertSame(Style.NONE, Style.plain());
        assertTrue(Style.NONE.isPlain());
        assertEquals("", Style.NONE.sgr());
        assertEquals("text", Style.NONE.apply("text"));
        String styled = E + "31mred" + RESET;
        assertEquals(styled, Style.NONE.apply(styled), "the empty style does not even re-apply itself after resets");
    }

    @Test
    void eachAttributeHasItsSgrCode() {
        assertEquals(E + "1m", Style.BOLD.sgr());
        assertEquals(E + "2m", Style.DIM.sgr());
        assertEquals(E + "3m", Style.ITALIC.sgr());
        assertEquals(E + "4m", Style.UNDERLINE.sgr());
        assertEquals(E + "7m", Style.INVERSE.sgr());
        assertFalse(Style.BOLD.isPlain());
    }

    @Test
    void theAttributeCallsGiveTheAttributeConstants() {
        assertEquals(Style.BOLD, Style.NONE.bold());
        assertEquals(Style.DIM, Style.NONE.dim());
        assertEquals(Style.ITALIC, Style.NONE.italic());
        assertEquals(Style.UNDERLINE, Style.NONE.underline());
        assertEquals(Style.INVERSE, Style.NONE.inverse());
    }

    @Test
    void attributesAddUpInAscendingCodeOrderWhateverTheOrderOfCalls() {
        assertEquals(E + "1;2;3;4;7m", Style.INVERSE.underline().italic().dim().bold().sgr());
        assertEquals(E + "1;4m", Style.UNDERLINE.bold().bold().sgr());
    }

    @Test
    void everyBasicColourHasItsForegroundAndBackgroundCode() {
        int[] fg = {30, 31, 32, 33, 34, 35, 36, 37, 90, 91, 92, 93, 94, 95, 96, 97};
        Color[] colors = Color.values();
        assertEquals(16, colors.length);
        for (int i = 0; i < colors.length; i++) {
            assertEquals(E + fg[i] + "m", Style.NONE.fg(colors[i]).sgr(), colors[i].name());
            assertEquals(E + (fg[i] + 10) + "m", Style.NONE.bg(colors[i]).sgr(), colors[i].name());
        }
        assertEquals(E + "30m", Style.NONE.fg(Color.BLACK).sgr());
        assertEquals(E + "97m", Style.NONE.fg(Color.BRIGHT_WHITE).sgr());
        assertEquals(E + "40m", Style.NONE.bg(Color.BLACK).sgr());
        assertEquals(E + "107m", Style.NONE.bg(Color.BRIGHT_WHITE).sgr());
    }

    @Test
    void paletteColoursAreThe38And48Forms() {
        assertEquals(E + "38;5;0m", Style.NONE.fg256(0).sgr());
        assertEquals(E + "38;5;208m", Style.NONE.fg256(208).sgr());
        assertEquals(E + "38;5;255m", Style.NONE.fg256(255).sgr());
        assertEquals(E + "48;5;0m", Style.NONE.bg256(0).sgr());
        assertEquals(E + "48;5;17m", Style.NONE.bg256(17).sgr());
        assertEquals(E + "48;5;255m", Style.NONE.bg256(255).sgr());
    }

    @Test
    void trueColoursAreThe38And48Forms() {
        assertEquals(E + "38;2;255;128;0m", Style.NONE.fgRgb(255, 128, 0).sgr());
        assertEquals(E + "38;2;0;0;0m", Style.NONE.fgRgb(0, 0, 0).sgr());
        assertEquals(E + "48;2;1;2;3m", Style.NONE.bgRgb(1, 2, 3).sgr());
        assertEquals(E + "48;2;255;255;255m", Style.NONE.bgRgb(255, 255, 255).sgr());
    }

    @Test
    void attributesComeFirstThenTheForegroundThenTheBackground() {
        assertEquals(E + "1;31m", Style.BOLD.fg(Color.RED).sgr());
        assertEquals(E + "1;31;107m", Style.NONE.bg(Color.BRIGHT_WHITE).fg(Color.RED).bold().sgr());
        assertEquals(E + "4;38;5;208;48;2;1;2;3m", Style.UNDERLINE.fg256(208).bgRgb(1, 2, 3).sgr());
        assertEquals(E + "2;7;38;2;9;8;7;48;5;4m", Style.DIM.bg256(4).fgRgb(9, 8, 7).inverse().sgr());
    }

    @Test
    void aColourReplacesThePreviousColourOfTheSameGround() {
        assertEquals(E + "38;5;9m", Style.NONE.fg(Color.RED).fg256(9).sgr());
        assertEquals(E + "32m", Style.NONE.fgRgb(1, 1, 1).fg(Color.GREEN).sgr());
        assertEquals(E + "48;2;4;5;6m", Style.NONE.bg(Color.BLUE).bgRgb(4, 5, 6).sgr());
        assertEquals(E + "31;44m", Style.NONE.fg(Color.RED).bg(Color.BLUE).sgr(), "the other ground stays");
        assertEquals(Style.NONE.fg256(9), Style.NONE.fg(Color.RED).fg256(9));
    }

    @Test
    void andAddsTheAttributesAndLaysTheOtherColoursOver() {
        Style base = Style.BOLD.fg(Color.RED).bg(Color.BLACK);
        assertEquals(E + "1;4;31;44m", base.and(Style.UNDERLINE.bg(Color.BLUE)).sgr());
        assertEquals(E + "1;38;5;9;40m", base.and(Style.NONE.fg256(9)).sgr());
        assertEquals(base, base.and(Style.NONE));
        assertEquals(base, Style.NONE.and(base));
    }

    @Test
    void paletteIndexesOutsideTheRangeAreRefused() {
        assertMessage("index: -1 (expected: 0..255)", () -> Style.NONE.fg256(-1));
        assertMessage("index: 256 (expected: 0..255)", () -> Style.NONE.fg256(256));
        assertMessage("index: -1 (expected: 0..255)", () -> Style.NONE.bg256(-1));
        assertMessage("index: 300 (expected: 0..255)", () -> Style.NONE.bg256(300));
    }

    @Test
    void colourComponentsOutsideTheRangeAreRefusedByName() {
        assertMessage("red: 256 (expected: 0..255)", () -> Style.NONE.fgRgb(256, 0, 0));
        assertMessage("green: -1 (expected: 0..255)", () -> Style.NONE.fgRgb(0, -1, 0));
        assertMessage("blue: 1000 (expected: 0..255)", () -> Style.NONE.fgRgb(0, 0, 1000));
        assertMessage("red: -5 (expected: 0..255)", () -> Style.NONE.bgRgb(-5, 0, 0));
        assertMessage("green: 256 (expected: 0..255)", () -> Style.NONE.bgRgb(0, 256, 0));
        assertMessage("blue: -1 (expected: 0..255)", () -> Style.NONE.bgRgb(0, 0, -1));
    }

    @Test
    void nullArgumentsAreRefused() {
        assertThrows(NullPointerException.class, () -> Style.NONE.fg(null));
        assertThrows(NullPointerException.class, () -> Style.NONE.bg(null));
        assertThrows(NullPointerException.class, () -> Style.NONE.and(null));
        assertThrows(NullPointerException.class, () -> Style.BOLD.apply(null));
        assertThrows(NullPointerException.class, () -> Style.strip(null));
    }

    @Test
    void applyWrapsTheTextInTheSequenceAndAReset() {
        assertEquals(E + "1;31mhi" + RESET, Style.BOLD.fg(Color.RED).apply("hi"));
        assertEquals(E + "38;5;208m日本" + RESET, Style.NONE.fg256(208).apply("日本"));
    }

    @Test
    void theEmptyTextStaysEmpty() {
        assertEquals("", Style.BOLD.apply(""));
    }

    @Test
    void aNestedStyleDoesNotEndTheOuterStyleEarly() {
        Style red = Style.NONE.fg(Color.RED);
        String line = red.apply("a " + Style.BOLD.apply("b") + " c");
        assertEquals(E + "31ma " + E + "1mb" + RESET + E + "31m c" + RESET, line);
    }

    @Test
    void theStyleIsReappliedAfterEveryInnerReset() {
        Style red = Style.NONE.fg(Color.RED);
        assertEquals(E + "31m" + "a" + RESET + E + "31m" + "b" + RESET + E + "31m" + "c" + RESET,
                red.apply("a" + RESET + "b" + RESET + "c"));
    }

    @Test
    void theShortResetIsAResetToo() {
        assertEquals(E + "4mx" + RESET + E + "4my" + RESET, Style.UNDERLINE.apply("x" + E + "my"));
        assertEquals(E + "4mx" + RESET + E + "4my" + RESET, Style.UNDERLINE.apply("x" + E + "00my"));
    }

    @Test
    void aResetAmongOtherCodesIsSplitSoTheInnerCodesStillWin() {
        Style red = Style.NONE.fg(Color.RED);
        assertEquals(E + "31mx" + RESET + E + "31m" + E + "32my" + RESET, red.apply("x" + E + "0;32my"));
        assertEquals(E + "31mx" + RESET + E + "31m" + E + "4my" + RESET, red.apply("x" + E + "1;0;4my"));
        assertEquals(E + "31mx" + RESET + E + "31my" + RESET, red.apply("x" + E + "1;my"), "an empty code is 0");
    }

    @Test
    void aZeroInsideAColourIsNotAReset() {
        Style bold = Style.BOLD;
        String palette = E + "38;5;0mx";
        assertEquals(E + "1m" + palette + RESET, bold.apply(palette));
        String rgb = E + "48;2;0;0;0mx";
        assertEquals(E + "1m" + rgb + RESET, bold.apply(rgb));
        assertEquals(E + "1mx" + RESET + E + "1m" + E + "4my" + RESET, bold.apply("x" + E + "38;5;1;0;4my"),
                "a reset after the colour's arguments counts");
    }

    @Test
    void aResetThatEndsTheTextIsTheClosingReset() {
        assertEquals(E + "31m" + E + "1mx" + RESET, Style.NONE.fg(Color.RED).apply(Style.BOLD.apply("x")));
        assertEquals(E + "31mx" + RESET, Style.NONE.fg(Color.RED).apply("x" + E + "m"));
        assertEquals(E + "31mx" + RESET + E + "31m" + E + "32m" + RESET,
                Style.NONE.fg(Color.RED).apply("x" + E + "0;32m"), "a reset followed by codes is not");
    }

    @Test
    void otherEscapeSequencesPassThroughApply() {
        assertEquals(E + "1m" + E + "2Kx" + RESET, Style.BOLD.apply(E + "2Kx"));
        assertEquals(E + "1m" + E + ">4;0mx" + RESET, Style.BOLD.apply(E + ">4;0mx"),
                "a private CSI ending in m is not SGR");
    }

    @Test
    void equalStylesAreEqualWhateverTheOrderOfCalls() {
        Style a = Style.BOLD.fg(Color.RED).bg256(3);
        Style b = Style.NONE.bg256(3).fg(Color.RED).bold();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(Style.NONE.fg(Color.RED), Style.NONE.fg256(1), "a basic colour is not a palette index");
        assertNotEquals(Style.NONE.fg(Color.RED), Style.NONE.bg(Color.RED));
        assertNotEquals(Style.NONE.fgRgb(0, 0, 1), Style.NONE.fg256(1));
        assertNotEquals(Style.BOLD, Style.DIM);
        assertNotEquals(Style.BOLD, "bold");
    }

    @Test
    void toStringNamesTheAttributesAndColours() {
        assertEquals("Style[plain]", Style.NONE.toString());
        assertEquals("Style[bold, underline, fg=RED, bg=#ff8000]",
                Style.UNDERLINE.bold().fg(Color.RED).bgRgb(255, 128, 0).toString());
        assertEquals("Style[fg=256:208, bg=BRIGHT_BLUE]", Style.NONE.fg256(208).bg(Color.BRIGHT_BLUE).toString());
        assertEquals("Style[dim, italic, inverse, fg=#000102]", Style.INVERSE.italic().dim().fgRgb(0, 1, 2).toString());
    }

    @Test
    void stripRemovesSgrSequences() {
        String styled = Style.BOLD.fg(Color.RED).apply("hi") + " " + Style.UNDERLINE.apply("there");
        assertEquals("hi there", Style.strip(styled));
        assertEquals("xy", Style.strip(E + "38;5;208mx" + E + "48;2;1;2;3my" + E + "m"));
    }

    @Test
    void stripRemovesOtherCsiSequences() {
        assertEquals("ab", Style.strip(E + "2J" + E + "1;5Ha" + E + "?25l" + E + "Kb" + E + ">4;1m"));
        assertEquals("x", Style.strip(E + "1 qx"), "with an intermediate byte");
    }

    @Test
    void stripRemovesStringSequencesAndShortEscapes() {
        String link = "\u001b]8;;https://example.com\u001b\\link\u001b]8;;\u001b\\";
        assertEquals("link", Style.strip(link));
        assertEquals("t", Style.strip("\u001b]0;title\u0007t"));
        assertEquals("d", Style.strip("\u001bPq#0;2\u001b\\d"));
        assertEquals("abc", Style.strip("a\u001b7b\u001b8c"));
        assertEquals("ab", Style.strip("a\u001b(Bb"), "ESC, intermediate, final");
    }

    @Test
    void stripRemovesBrokenAndUnterminatedSequences() {
        assertEquals("ab", Style.strip("ab\u001b"), "a lone ESC at the end");
        assertEquals("a\nb", Style.strip("a\u001b\nb"), "a lone ESC before a control character");
        assertEquals("a", Style.strip("a" + E + "31"), "an unterminated CSI runs to the end");
        assertEquals("a", Style.strip("a\u001b]0;title"), "an unterminated OSC runs to the end");
        assertEquals("éx", Style.strip(E + "12éx"), "a CSI broken by a stray character ends before it");
        assertEquals("ab", Style.strip("a\u001b]0;t\u001b" + E + "1mb"), "an ESC inside a string starts the next one");
    }

    @Test
    void stripKeepsPlainTextAndOtherControlCharacters() {
        String plain = "tab\there 日本 e\u0301";
        assertSame(plain, Style.strip(plain));
        assertEquals("a\tb\r\n", Style.strip("a\t" + E + "1mb" + RESET + "\r\n"));
        assertEquals("", Style.strip(""));
    }

    @Test
    void stripUndoesApply() {
        Style s = Style.BOLD.italic().fgRgb(1, 2, 3).bg(Color.CYAN);
        String text = "a " + Style.NONE.fg(Color.RED).apply("b" + RESET + "c") + " d";
        assertEquals("a bc d", Style.strip(s.apply(text)));
    }

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
