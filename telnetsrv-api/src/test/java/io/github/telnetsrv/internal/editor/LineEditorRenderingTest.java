package io.github.telnetsrv.internal.editor;

import static io.github.telnetsrv.internal.editor.Keys.BACKSPACE;
import static io.github.telnetsrv.internal.editor.Keys.DELETE;
import static io.github.telnetsrv.internal.editor.Keys.END;
import static io.github.telnetsrv.internal.editor.Keys.HOME;
import static io.github.telnetsrv.internal.editor.Keys.LEFT;
import static io.github.telnetsrv.internal.editor.Keys.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.telnetsrv.internal.editor.Keys;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the terminal shows, and the bytes that get it there. */
class LineEditorRenderingTest {

    private static final String GRIN = new String(Character.toChars(0x1F600));

    @Test
    void typingEchoesEachCharacter() {
        RecordingTerminal t = RecordingTerminal.reading();
        t.type("a").type("b");
        assertEquals("ab", t.written());
        t.assertScreen("> ab", 4);
    }

    @Test
    void readLineWritesThePrompt() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.editor.readLine("Telnet Server> ", true, true);
        assertEquals("Telnet Server> ", t.written());
        t.assertScreen("Telnet Server>", 15);
        assertEquals(true, t.editor.reading());
    }

    @Test
    void aMultiLinePromptIsWrittenWithCrLf() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.editor.readLine("Welcome\n> ", true, true);
        assertEquals("Welcome\\r\\n> ", t.written());
        assertEquals(List.of("Welcome", ">"), t.screen.rows());
    }

    @Test
    void insertMidLineRewritesTheTailAndMovesBack() {
        RecordingTerminal t = RecordingTerminal.reading().type("abd" + LEFT);
        t.clear();
        t.type("c");
        assertEquals("cd\\b", t.written());
        t.assertScreen("> abcd", 5);
        t.assertBuffer("abcd", 3);
    }

    @Test
    void deleteMidLineRewritesTheTailErasesToTheEndAndMovesBack() {
        RecordingTerminal t = RecordingTerminal.reading().type("abcd" + HOME + RIGHT);
        t.clear();
        t.type(DELETE);
        assertEquals("cd\\e[K\\b\\b", t.written());
        t.assertScreen("> acd", 3);
    }

    @Test
    void backspaceMidLineRewritesTheTail() {
        RecordingTerminal t = RecordingTerminal.reading().type("abcd" + LEFT + LEFT);
        t.clear();
        t.type(BACKSPACE);
        assertEquals("\\bcd\\e[K\\b\\b", t.written());
        t.assertScreen("> acd", 3);
    }

    @Test
    void longMovesLeftUseCursorBackward() {
        RecordingTerminal t = RecordingTerminal.reading().type("abcdefghij");
        t.clear();
        t.type(HOME);
        assertEquals("\\e[10D", t.written());
        t.assertScreen("> abcdefghij", 2);
    }

    @Test
    void shortMovesRightReprintAndLongOnesUseCursorForward() {
        RecordingTerminal t = RecordingTerminal.reading().type("abcdefghij" + HOME);
        t.clear();
        t.type(END);
        assertEquals("abcdefghij", t.written());
        String long30 = "x".repeat(30);
        t.type(long30 + HOME);
        t.clear();
        t.type(END);
        assertEquals("\\e[40C", t.written());
        t.assertScreen("> abcdefghij" + long30, 42);
    }

    @Test
    void impossibleMovesRingTheBellAndWriteNothing() {
        RecordingTerminal t = RecordingTerminal.reading().type(LEFT);
        t.assertLog("bell");
        t.type("a").type(RIGHT);
        t.assertLog("bell");
        t.type(DELETE);
        t.assertLog("bell");
        t.type(HOME).type(BACKSPACE);
        t.assertLog("bell");
        t.assertScreen("> a", 2);
    }

    @Test
    void wideCharactersMoveAndEraseByTwoColumns() {
        RecordingTerminal t = RecordingTerminal.reading().type("中文");
        t.assertScreen("> 中文", 6);
        t.clear();
        t.type(LEFT);
        assertEquals("\\b\\b", t.written());
        t.assertScreen("> 中文", 4);
        t.type(END);
        t.clear();
        t.type(BACKSPACE);
        assertEquals("\\b \\b\\b \\b", t.written());
        t.assertScreen("> 中", 4);
    }

    @Test
    void insertBeforeAWideCharacterShiftsItRight() {
        RecordingTerminal t = RecordingTerminal.reading().type("中" + HOME + "a");
        t.assertScreen("> a中", 3);
        t.assertBuffer("a中", 1);
    }

    @Test
    void aSurrogatePairIsOneCharacterForMovesAndDeletes() {
        RecordingTerminal t = RecordingTerminal.reading().type("a" + GRIN + "b");
        t.assertScreen("> a" + GRIN + "b", 6);
        t.type(LEFT).type(LEFT);
        t.assertBuffer("a" + GRIN + "b", 1);
        t.assertScreen("> a" + GRIN + "b", 3);
        t.type(DELETE);
        t.assertBuffer("ab", 1);
        t.assertScreen("> ab", 3);
    }

    @Test
    void aSurrogatePairSplitAcrossReceiveCallsIsInsertedOnce() {
        RecordingTerminal t = RecordingTerminal.reading();
        t.type(GRIN.substring(0, 1));
        assertEquals(true, t.editor.escapePending());
        assertEquals("", t.written());
        t.type(GRIN.substring(1));
        t.assertBuffer(GRIN, 2);
        t.assertScreen("> " + GRIN, 4);
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        RecordingTerminal t = RecordingTerminal.reading();
        t.type("\uDE00a\uD83Db");
        t.assertBuffer("\uFFFDa\uFFFDb", 4);
    }

    @Test
    void aBaseWithCombiningMarksIsOneCharacter() {
        RecordingTerminal t = RecordingTerminal.reading().type("xe\u0301y");
        t.assertScreen("> xe\u0301y", 5);
        t.type(LEFT).type(LEFT);
        t.assertBuffer("xe\u0301y", 1);
        t.assertScreen("> xe\u0301y", 3);
        t.type(DELETE);
        t.assertBuffer("xy", 1);
        t.type(END + BACKSPACE + BACKSPACE);
        t.assertBuffer("", 0);
    }

    @Test
    void aCombiningMarkTypedAfterItsBaseJoinsIt() {
        RecordingTerminal t = RecordingTerminal.reading().type("e").type("\u0301");
        t.assertScreen("> e\u0301", 3);
        t.type(BACKSPACE);
        t.assertBuffer("", 0);
        t.assertScreen(">", 2);
    }

    @Test
    void aLineExactlyFillingTheRowLeavesTheCursorInTheLastColumnWithoutWritingIt() {
        RecordingTerminal t = RecordingTerminal.reading(20).type("x".repeat(17));
        t.assertScreen("> " + "x".repeat(17), 19);
        assertFalse(t.screen.lastColumnWritten());
    }

    @Test
    void aLineLongerThanTheWidthScrollsHorizontallyWithMarks() {
        RecordingTerminal t = RecordingTerminal.reading(20);
        t.type("abcdefghijklmnopqr");
        t.assertScreen("> <lmnopqr", 10);
        t.type("stuvwxyz0123");
        t.assertScreen("> <vwxyz0123", 12);
        t.assertBuffer("abcdefghijklmnopqrstuvwxyz0123", 30);
        t.type(HOME);
        t.assertScreen("> abcdefghijklmnop>", 2);
        t.type(END);
        t.assertScreen("> <xyz0123", 10);
        assertEquals(0, t.screen.wraps());
        assertFalse(t.screen.lastColumnWritten());
        assertEquals(1, t.screen.rows().size());
    }

    @Test
    void movingThroughAScrolledLineKeepsTheCursorOnTheCharacterItIsOn() {
        RecordingTerminal t = RecordingTerminal.reading(20);
        String text = "0123456789abcdefghijklmnopqrstuvwxyz";
        t.type(text + HOME);
        for (int i = 0; i < text.length(); i++) {
            String row = t.screen.line();
            int column = t.screen.cursorColumn();
            assertEquals(text.charAt(i), row.charAt(column), "character under the cursor at " + i);
            t.type(RIGHT);
        }
        t.assertLog();
        assertEquals(0, t.screen.wraps());
        assertFalse(t.screen.lastColumnWritten());
    }

    @Test
    void editingInsideAScrolledLineKeepsTheScreenRight() {
        RecordingTerminal t = RecordingTerminal.reading(20);
        t.type("abcdefghijklmnopqrstuvwxyz" + HOME + RIGHT + RIGHT + "XY" + DELETE + BACKSPACE);
        t.assertBuffer("abXdefghijklmnopqrstuvwxyz", 3);
        t.assertScreen("> abXdefghijklmnop>", 5);
        t.type(Keys.ctrl('K'));
        t.assertScreen("> abX", 5);
    }

    @Test
    void wideCharactersInAScrolledLineNeverReachTheLastColumn() {
        RecordingTerminal t = RecordingTerminal.reading(12);
        t.type("中文中文中文中文");
        assertEquals(0, t.screen.wraps());
        assertFalse(t.screen.lastColumnWritten());
        t.assertScreen("> <中文中文", 11);
        t.type(HOME);
        t.assertScreen("> 中文中文>", 2);
    }

    @Test
    void resizeNarrowerMidLineRedrawsOnAFreshLineKeepingBufferAndCursor() {
        RecordingTerminal t = RecordingTerminal.reading().type("hello world" + Keys.CTRL_LEFT + LEFT);
        t.assertBuffer("hello world", 5);
        t.clear();
        t.resize(10);
        t.assertBuffer("hello world", 5);
        t.assertScreen("> hello >", 7);
        assertEquals("\\r\\n> hello >\\b\\b", t.written());
    }

    @Test
    void resizeWiderMidLineRedrawsInPlace() {
        RecordingTerminal t = RecordingTerminal.reading(10).type("hello world" + HOME);
        t.assertScreen("> hello >", 2);
        t.clear();
        t.resize(80);
        t.assertScreen("> hello world", 2);
        assertEquals(1, t.screen.rows().size());
        t.assertBuffer("hello world", 0);
    }

    @Test
    void resizeThatStillFitsRedrawsInPlace() {
        RecordingTerminal t = RecordingTerminal.reading().type("abc");
        t.clear();
        t.resize(40);
        assertEquals("", t.written());
        t.type("d");
        t.assertScreen("> abcd", 6);
    }

    @Test
    void widthZeroMeansEightyColumns() {
        RecordingTerminal t = RecordingTerminal.reading();
        t.editor.setWidth(0);
        t.type("y".repeat(77));
        t.assertScreen("> " + "y".repeat(77), 79);
    }

    @Test
    void negativeWidthIsRefused() {
        RecordingTerminal t = RecordingTerminal.reading();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> t.editor.setWidth(-1));
        assertEquals("columns: -1 (expected: 0 or more)", e.getMessage());
    }

    @Test
    void printAboveClearsTheRowWritesTheMessageAndRedrawsLineAndCursor() {
        RecordingTerminal t = RecordingTerminal.reading().type("abcdef" + LEFT + LEFT);
        t.clear();
        t.editor.printAbove("Timer fired\nsecond line");
        assertEquals("\\r\\e[KTimer fired\\r\\nsecond line\\r\\n> abcdef\\b\\b", t.written());
        assertEquals(List.of("Timer fired", "second line", "> abcdef"), t.screen.rows());
        t.assertScreen("> abcdef", 6);
        t.type("X");
        t.assertScreen("> abcdXef", 7);
    }

    @Test
    void printAboveKeepsAScrolledWindow() {
        RecordingTerminal t = RecordingTerminal.reading(20).type("abcdefghijklmnopqrstuvwxyz");
        String before = t.screen.line();
        int column = t.screen.cursorColumn();
        t.editor.printAbove("note");
        assertEquals(List.of("note", before), t.screen.rows());
        assertEquals(column, t.screen.cursorColumn());
    }

    @Test
    void printAboveRepeatsOnlyTheLastLineOfAMultiLinePrompt() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.editor.readLine("Welcome\n> ", true, true);
        t.type("ls");
        t.editor.printAbove("message");
        assertEquals(List.of("Welcome", "message", "> ls"), t.screen.rows());
    }

    @Test
    void printAboveWhileIdleWritesJustTheMessage() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.editor.printAbove("a\r\nb\nc");
        assertEquals("a\\r\\nb\\r\\nc\\r\\n", t.written());
    }

    @Test
    void printAboveDuringAPasswordShowsOnlyThePrompt() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.editor.readLine("Password: ", false, false);
        t.type("secret");
        t.editor.printAbove("hello");
        assertEquals(List.of("hello", "Password:"), t.screen.rows());
        t.assertScreen("Password:", 10);
    }

    @Test
    void redrawRewritesPromptLineAndCursorOnAFreshLine() {
        RecordingTerminal t = RecordingTerminal.reading().type("abc" + LEFT);
        t.clear();
        t.editor.redraw();
        assertEquals("\\r\\n> abc\\b", t.written());
        assertEquals(List.of("> abc", "> abc"), t.screen.rows());
        t.assertScreen("> abc", 4);
    }

    @Test
    void redrawWhileIdleWritesNothing() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.editor.redraw();
        assertEquals("", t.written());
    }

    @Test
    void aColouredPromptTakesOnlyItsVisibleColumns() {
        RecordingTerminal t = new RecordingTerminal(12);
        t.editor.readLine("\u001b[32m>\u001b[0m ", true, true);
        t.type("abcdefghi"); // 2 + 9 = 11 columns: fits without scrolling
        t.assertScreen("> abcdefghi", 11);
        t.type("j");
        t.assertScreen("> <hij", 6);
    }

    @Test
    void recalledHistoryTextHasControlCharactersRemoved() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.history.entries().add("evil\u001b[2J\u0007line");
        t.editor.readLine("> ", true, true);
        t.type(Keys.UP);
        t.assertBuffer("evil[2Jline", 11);
        t.assertScreen("> evil[2Jline", 13);
    }

    @Test
    void aRecalledLineTypedWithATabKeepsItsWordsApart() {
        RecordingTerminal t = new RecordingTerminal(80);
        t.history.add("echo\thi"); // typed in line mode, where a tab is text
        t.editor.readLine("> ", true, true);
        t.type(Keys.UP);
        t.assertBuffer("echo hi", 7);
        t.assertScreen("> echo hi", 9);
    }
}
