package io.github.telnetsrv.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The virtual screen: what an xterm of the same size would show for the same output. */
class VirtualTerminalTest {

    private final List<String> scrolledOff = new ArrayList<>();

    /** A screen fed through the parser, as the kit feeds it. */
    private final class Fixture {
        final VirtualTerminal terminal;
        final ControlParser parser;

        Fixture(int columns, int rows) {
            terminal = new VirtualTerminal(columns, rows, scrolledOff::add);
            parser = new ControlParser(terminal);
        }

        Fixture write(String text) {
            parser.accept(text);
            return this;
        }

        Screen screen() {
            return terminal.snapshot();
        }
    }

    private static void assertScreen(Screen screen, int cursorRow, int cursorColumn, String... rows) {
        List<String> expected = new ArrayList<>(List.of(rows));
        while (expected.size() < screen.height()) {
            expected.add("");
        }
        assertEquals(expected, screen.rows(), screen.toString());
        assertEquals(cursorRow, screen.cursorRow(), screen.toString());
        assertEquals(cursorColumn, screen.cursorColumn(), screen.toString());
    }

    @Test
    void crLfStartsTheNextRowAndBareLfKeepsTheColumn() {
        Screen screen = new Fixture(20, 4).write("one\r\ntwo\nx").screen();
        assertScreen(screen, 2, 4, "one", "two", "   x");
    }

    @Test
    void backspaceMovesLeftWithoutErasingAndBackspaceSpaceBackspaceErases() {
        assertScreen(new Fixture(20, 2).write("abc\b\b").screen(), 0, 1, "abc");
        assertScreen(new Fixture(20, 2).write("abc\b \b").screen(), 0, 2, "ab");
        assertScreen(new Fixture(20, 2).write("\b\bab").screen(), 0, 2, "ab");
    }

    @Test
    void eraseInLineClearsToTheEndFromTheStartOrAll() {
        assertScreen(new Fixture(20, 2).write("abcdef\b\b\b\u001b[K").screen(), 0, 3, "abc");
        assertScreen(new Fixture(20, 2).write("abcdef\b\b\b\u001b[1K").screen(), 0, 3, "    ef");
        assertScreen(new Fixture(20, 2).write("abcdef\b\b\b\u001b[2K").screen(), 0, 3, "");
    }

    @Test
    void cursorMovesTakeCountsAndStopAtTheEdges() {
        assertScreen(new Fixture(10, 3).write("abcdef\u001b[3D\u001b[CX").screen(), 0, 5, "abcdXf");
        assertScreen(new Fixture(10, 3).write("a\u001b[20C").screen(), 0, 9, "a");
        assertScreen(new Fixture(10, 3).write("a\u001b[20D").screen(), 0, 0, "a");
        assertScreen(new Fixture(10, 3).write("a\r\n\r\nbbb\u001b[2Ac").screen(), 0, 4, "a  c", "", "bbb");
        assertScreen(new Fixture(10, 3).write("a\u001b[5Bb").screen(), 2, 2, "a", "", " b");
        assertScreen(new Fixture(10, 3).write("a\u001b[0Cb").screen(), 0, 3, "a b");
    }

    @Test
    void homeAndClearScreenEmptyTheScreenAndPositionIsOneBased() {
        assertScreen(new Fixture(10, 3).write("one\r\ntwo\u001b[H\u001b[2Jx").screen(), 0, 1, "x");
        assertScreen(new Fixture(10, 3).write("\u001b[2;4Hx").screen(), 1, 4, "", "   x");
        assertScreen(new Fixture(10, 3).write("one\r\ntwo\r\nsix\u001b[2;2H\u001b[J").screen(), 1, 1, "one", "t");
        assertScreen(new Fixture(10, 3).write("one\r\ntwo\r\nsix\u001b[2;2H\u001b[1J").screen(), 1, 1, "", "  o", "six");
    }

    @Test
    void coloursAndBellsChangeNoText() {
        Screen screen = new Fixture(20, 2).write("\u001b[1;31mred\u001b[0m \u0007ok\u001b[?25l").screen();
        assertScreen(screen, 0, 6, "red ok");
    }

    @Test
    void textWrapsAtTheRightMarginOnlyWhenTheNextCharacterComes() {
        Fixture fixture = new Fixture(5, 3).write("abcde");
        assertScreen(fixture.screen(), 0, 4, "abcde");
        assertScreen(fixture.write("f").screen(), 1, 1, "abcde", "f");
        assertScreen(new Fixture(5, 3).write("abcde\r\nx").screen(), 1, 1, "abcde", "x");
        assertScreen(new Fixture(5, 3).write("abcde\bX").screen(), 0, 4, "abcXe");
    }

    @Test
    void aLineFeedOnTheLastRowScrollsTheTopRowOff() {
        Screen screen = new Fixture(10, 3).write("1\r\n2\r\n3\r\n4").screen();
        assertScreen(screen, 2, 1, "2", "3", "4");
        assertEquals(List.of("1"), scrolledOff);
    }

    @Test
    void wideCharactersTakeTwoColumnsAndWrapWhole() {
        assertScreen(new Fixture(10, 2).write("a日本b").screen(), 0, 6, "a日本b");
        assertScreen(new Fixture(4, 2).write("abc日").screen(), 1, 2, "abc", "日");
        assertScreen(new Fixture(10, 2).write("日本\b\b\b\bx").screen(), 0, 1, "x 本");
        assertScreen(new Fixture(10, 2).write("日本\b\b\b\u001b[K").screen(), 0, 1, "");
        assertScreen(new Fixture(10, 2).write("e\u0301!").screen(), 0, 2, "e!");
    }

    @Test
    void tabsStopEveryEightColumns() {
        assertScreen(new Fixture(20, 2).write("a\tb\tc").screen(), 0, 17, "a       b       c");
        assertScreen(new Fixture(10, 2).write("a\t\t\tb").screen(), 0, 9, "a        b");
    }

    @Test
    void charactersAreInsertedAndDeletedAtTheCursor() {
        assertScreen(new Fixture(10, 2).write("abcd\r\u001b[C\u001b[2@").screen(), 0, 1, "a  bcd");
        assertScreen(new Fixture(10, 2).write("abcd\r\u001b[C\u001b[2P").screen(), 0, 1, "ad");
        assertScreen(new Fixture(10, 2).write("abcd\r\u001b[C\u001b[2X").screen(), 0, 1, "a  d");
        assertScreen(new Fixture(6, 2).write("abcdef\r\u001b[3@").screen(), 0, 0, "   abc");
    }

    @Test
    void savedCursorIsRestoredAndReverseIndexScrollsDownAtTheTop() {
        assertScreen(new Fixture(10, 3).write("ab\u001b7\r\n\r\nc\u001b8d").screen(), 0, 3, "abd", "", "c");
        assertScreen(new Fixture(10, 3).write("a\r\nb\u001b[H\u001bMx").screen(), 0, 1, "x", "a", "b");
    }

    @Test
    void controlStringsAreSkippedWhole() {
        assertScreen(new Fixture(20, 2).write("\u001b]0;a title\u0007ok\u001bP1$r\u001b\\!").screen(), 0, 3, "ok!");
        assertScreen(new Fixture(20, 2).write("\u001b(Bok\u001bOA").screen(), 0, 2, "ok");
    }

    @Test
    void aSurrogatePairSplitBetweenWritesIsOneCharacter() {
        String grin = "\uD83D\uDE00";
        Fixture fixture = new Fixture(10, 2).write("a" + grin.charAt(0));
        assertScreen(fixture.write(grin.charAt(1) + "b").screen(), 0, 4, "a" + grin + "b");
    }

    @Test
    void aSmallerWindowKeepsTheCursorsRowOnTheScreen() {
        Fixture fixture = new Fixture(10, 4).write("1\r\n2\r\n3\r\n4567890");
        fixture.terminal.resize(5, 2);
        assertScreen(fixture.screen(), 1, 4, "3", "45678");
        assertEquals(List.of("1", "2"), scrolledOff);
        fixture.terminal.resize(8, 3);
        assertScreen(fixture.write("x").screen(), 1, 5, "3", "4567x", "");
    }

    @Test
    void stripKeepsTextAndLineControlsOnly() {
        assertEquals("bold\r\nnext\b\t!", ControlParser.strip("\u001b[1mbold\u001b[0m\u0007\r\nnext\b\t\u0000!"));
    }
}
