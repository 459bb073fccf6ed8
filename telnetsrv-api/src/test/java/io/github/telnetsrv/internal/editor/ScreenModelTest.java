package io.github.telnetsrv.internal.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The test terminal itself: if it were wrong, the editor tests would prove nothing. */
class ScreenModelTest {

    @Test
    void printableTextAdvancesTheCursor() {
        ScreenModel screen = new ScreenModel(10);
        screen.write("abc");
        assertEquals("abc", screen.line());
        assertEquals(3, screen.cursorColumn());
    }

    @Test
    void backspaceMovesLeftWithoutErasingAndStopsAtColumnZero() {
        ScreenModel screen = new ScreenModel(10);
        screen.write("ab\b\b\b");
        assertEquals("ab", screen.line());
        assertEquals(0, screen.cursorColumn());
    }

    @Test
    void eraseToEndOfLineClearsFromTheCursor() {
        ScreenModel screen = new ScreenModel(10);
        screen.write("abcd\b\b\u001b[K");
        assertEquals("ab", screen.line());
        assertEquals(2, screen.cursorColumn());
    }

    @Test
    void cursorForwardAndBackTakeCounts() {
        ScreenModel screen = new ScreenModel(10);
        screen.write("abcdef\u001b[4D");
        assertEquals(2, screen.cursorColumn());
        screen.write("\u001b[C");
        assertEquals(3, screen.cursorColumn());
        screen.write("\u001b[2C");
        assertEquals(5, screen.cursorColumn());
    }

    @Test
    void crLfStartsANewRow() {
        ScreenModel screen = new ScreenModel(10);
        screen.write("ab\r\ncd");
        assertEquals(List.of("ab", "cd"), screen.rows());
        assertEquals(1, screen.cursorRow());
    }

    @Test
    void wideCharactersTakeTwoCellsAndCombiningMarksJoinTheirBase() {
        ScreenModel screen = new ScreenModel(10);
        screen.write("中e\u0301x");
        assertEquals("中e\u0301x", screen.line());
        assertEquals(4, screen.cursorColumn());
    }

    @Test
    void overwritingHalfAWideCharacterErasesAllOfIt() {
        ScreenModel screen = new ScreenModel(10);
        screen.write("中\bx");
        assertEquals(" x", screen.line());
        screen.write("\r中\rx");
        assertEquals("x", screen.line());
    }

    @Test
    void writingTheLastColumnDefersTheWrapLikeXterm() {
        ScreenModel screen = new ScreenModel(4);
        screen.write("abcd");
        assertEquals(3, screen.cursorColumn());
        assertEquals(0, screen.wraps());
        assertTrue(screen.lastColumnWritten());
        screen.write("e");
        assertEquals(1, screen.wraps());
        assertEquals(List.of("abcd", "e"), screen.rows());
    }

    @Test
    void clearScreenAndHomeLeaveOneEmptyRow() {
        ScreenModel screen = new ScreenModel(10);
        screen.write("a\r\nb\u001b[H\u001b[2J> ");
        assertEquals(List.of(">"), screen.rows());
        assertEquals(2, screen.cursorColumn());
    }

    @Test
    void bellIsCounted() {
        ScreenModel screen = new ScreenModel(10);
        screen.write("\u0007");
        assertEquals(1, screen.bells());
        assertFalse(screen.lastColumnWritten());
    }

    @Test
    void rawControlCharactersAndUnknownSequencesFailTheTest() {
        ScreenModel screen = new ScreenModel(10);
        assertThrows(AssertionError.class, () -> screen.write("\u0003"));
        assertThrows(AssertionError.class, () -> screen.write("\u001b[?25l"));
        assertThrows(AssertionError.class, () -> screen.write("\u001bO"));
    }
}
