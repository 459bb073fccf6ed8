package io.github.telnetsrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.Style.Color;
import io.github.telnetsrv.internal.editor.DisplayWidth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Column alignment by display width, styles, fitting a terminal's width, and argument checks. */
class TableTest {

    /** CSI: {@code ESC [}. */
    private static final String E = "\u001b[";
    private static final String RESET = E + "0m";
    private static final Style RED = Style.NONE.fg(Color.RED);

    @Test
    void asciiColumnsAreAlignedLeftAndSeparatedByTwoSpaces() {
        Table table = Table.of("NAME", "VALUE").row("a", "1").row("longer", "22");
        assertEquals(List.of(
                "NAME    VALUE",
                "a       1",
                "longer  22"), table.render(0, false));
    }

    @Test
    void theClassExampleRendersAsDocumented() {
        Table table = Table.of("NAME", "SIZE").alignRight(1).headerStyle(Style.BOLD);
        table.row("report.pdf", 48213).row("日本.txt", 12);
        assertEquals(List.of(
                "NAME         SIZE",
                "report.pdf  48213",
                "日本.txt       12"), table.render(80, false));
    }

    @Test
    void aRightAlignedColumnPadsOnTheLeftHeaderIncluded() {
        Table table = Table.of("ID", "COUNT", "NOTE").alignRight(0).alignRight(1)
                .row(7, 3, "x").row(1234, 56789, "y");
        assertEquals(List.of(
                "  ID  COUNT  NOTE",
                "   7      3  x",
                "1234  56789  y"), table.render(0, false));
    }

    @Test
    void wideCharactersCountTwoColumns() {
        Table table = Table.of("K", "V").row("日本", "x").row("abc", "y").row("😀", "z");
        assertEquals(List.of(
                "K     V",
                "日本  x",
                "abc   y",
                "😀    z"), table.render(0, false));
    }

    @Test
    void combiningMarksCountNoColumns() {
        Table table = Table.of("A", "B").row("e\u0301", "1").row("ab", "2");
        assertEquals(List.of(
                "A   B",
                "e\u0301   1",
                "ab  2"), table.render(0, false));
    }

    @Test
    void stylesInCellsAreNotCountedAndAreKeptWhenStyled() {
        Table table = Table.of("STATUS", "N").row(Style.NONE.fg(Color.GREEN).apply("ok"), 1).row("failed", 3);
        assertEquals(List.of(
                "STATUS  N",
                E + "32mok" + RESET + "      1",
                "failed  3"), table.render(0, true));
    }

    @Test
    void stylesInCellsAreRemovedWhenNotStyled() {
        Table table = Table.of("STATUS", "N").row(Style.NONE.fg(Color.GREEN).apply("ok"), 1).row("failed", 3);
        assertEquals(List.of(
                "STATUS  N",
                "ok      1",
                "failed  3"), table.render(0, false));
    }

    @Test
    void theHeaderStyleCoversEachTitleWhenStyledOnly() {
        Table table = Table.of("A", "B").headerStyle(Style.BOLD).row("xyz", "1");
        assertEquals(List.of(
                E + "1mA" + RESET + "    " + E + "1mB" + RESET,
                "xyz  1"), table.render(0, true));
        assertEquals(List.of(
                "A    B",
                "xyz  1"), table.render(0, false));
    }

    @Test
    void aStyledTitleNestsInTheHeaderStyle() {
        Table table = Table.of(RED.apply("A") + "b").headerStyle(Style.UNDERLINE);
        assertEquals(List.of(E + "4m" + E + "31mA" + RESET + E + "4mb" + RESET), table.render(0, true));
    }

    @Test
    void aCellThatLeavesAStyleOnIsClosedSoItDoesNotRunIntoTheNextCell() {
        Table table = Table.withoutHeader(2).row(E + "31mred", "x").row(RED.apply("a") + "b", "y");
        assertEquals(List.of(
                E + "31mred" + RESET + "  x",
                E + "31ma" + RESET + "b   y"), table.render(0, true), "a closed style gets no second reset");
        assertEquals(List.of("red  x", "ab   y"), table.render(0, false));
    }

    @Test
    void escapeSequencesOtherThanStylesAreRemovedEvenWhenStyled() {
        Table table = Table.withoutHeader(2).row(E + "2J" + E + "1mtext" + RESET, "\u001b]0;title\u0007x");
        assertEquals(List.of(E + "1mtext" + RESET + "  x"), table.render(0, true));
    }

    @Test
    void controlCharactersInCellsBecomeSpaces() {
        Table table = Table.of("A\tB", "C").row("a\tb", "c\r\nd").row("\u0007", "\u0085");
        assertEquals(List.of(
                "A B  C",
                "a b  c  d"), table.render(0, false).subList(0, 2));
        assertEquals("", table.render(0, false).get(2), "a row of spaces is an empty line");
        assertEquals(List.of("a b"), Table.withoutHeader(1).row("a\u001b\nb").render(0, true), "after a lone ESC too");
    }

    @Test
    void cellsAreValuesOfAnyTypeAndNullIsEmpty() {
        Table table = Table.of("A", null, "C").row(null, 1.5, true).row('x', null, 42L);
        assertEquals(List.of(
                "A       C",
                "   1.5  true",
                "x       42"), table.render(0, false));
        Object nullText = new Object() {
            @Override
            public String toString() {
                return null;
            }
        };
        assertEquals(List.of("a"), Table.withoutHeader(2).row("a", nullText).render(0, false));
    }

    @Test
    void trailingSpacesAreRemoved() {
        Table table = Table.of("A", "B").row("long", "").row("x", "trailing  ");
        assertEquals(List.of(
                "A     B",
                "long",
                "x     trailing"), table.render(0, false));
    }

    @Test
    void aTableThatFitsIsNotNarrowed() {
        Table table = Table.of("NAME", "VALUE").row("a", "1").row("longer", "22");
        assertEquals(table.render(0, false), table.render(13, false));
    }

    @Test
    void anUnknownWidthNarrowsNothing() {
        String text = "a rather long description that goes on and on and on";
        Table table = Table.of("NAME", "DESCRIPTION").row("alpha", text);
        List<String> expected = List.of("NAME   DESCRIPTION", "alpha  " + text);
        assertEquals(expected, table.render(0, false));
        assertEquals(expected, table.render(-1, false));
        assertEquals(expected, table.render(Integer.MIN_VALUE, false));
    }

    @Test
    void aTooWideColumnIsCutWithAnEllipsis() {
        Table table = Table.of("NAME", "DESCRIPTION").row("alpha", "a rather long description");
        List<String> lines = table.render(20, false);
        assertEquals(List.of(
                "NAME   DESCRIPTION",
                "alpha  a rather lon…"), lines);
        lines.forEach(line -> assertTrue(DisplayWidth.of(line) <= 20, line));
    }

    @Test
    void theWidestColumnsAreNarrowedFirst() {
        Table table = Table.withoutHeader(3).row("aaaaaaaaaa", "bbbbbb", "cc");
        assertEquals(List.of("aaaaaaa…  bbbbbb  cc"), table.render(20, false), "only the widest gives");
        assertEquals(List.of("aaaaa…  bbbb…  cc"), table.render(17, false), "a column left over goes left");
        assertEquals(List.of("aaaa…  bbbb…  cc"), table.render(16, false), "then both alike");
    }

    @Test
    void columnsAreNarrowedToTheirHeaderFirst() {
        Table table = Table.of("NAME", "DESCRIPTION").row("a long name here", "a long description here");
        assertEquals(List.of(
                "NAME          DESCRIPTION",
                "a long name…  a long desc…"), table.render(26, false));
        assertEquals(List.of(
                "NAME     DESCRIPTION",
                "a long…  a long des…"), table.render(20, false), "DESCRIPTION holds at its header, NAME gives");
        assertEquals(List.of(
                "NAME  DESCRIPTION",
                "a l…  a long des…"), table.render(17, false), "both at their headers");
    }

    @Test
    void headersAreCutWhenTheTableCannotFitOtherwise() {
        Table table = Table.of("LONGHEADER", "X").row("v", "y");
        assertEquals(List.of(
                "LONG…  X",
                "v      y"), table.render(8, false));
    }

    @Test
    void linesAreWiderThanTheTerminalWhenEvenThreeColumnsEachDoNotFit() {
        Table table = Table.withoutHeader(2).row("abcdef", "ghijkl").row("a", "b");
        assertEquals(List.of(
                "ab…  gh…",
                "a    b"), table.render(5, false));
    }

    @Test
    void aColumnNarrowerThanTheMinimumIsNotWidened() {
        Table table = Table.withoutHeader(3).row("a", "bcdefghij", "k");
        assertEquals(List.of("a  bcd…  k"), table.render(10, false));
    }

    @Test
    void aWideCharacterThatDoesNotFitIsLeftOutWhole() {
        Table table = Table.withoutHeader(1).row("日本語テキスト");
        assertEquals(List.of("日本…"), table.render(6, false), "five columns: 日本 and the ellipsis");
        assertEquals(List.of("日本語…"), table.render(7, false));
        Table right = Table.withoutHeader(2).alignRight(0).row("日本語テキスト", "x");
        assertEquals(List.of(" 日本…  x"), right.render(9, false), "the column left free is padding");
    }

    @Test
    void surrogatePairsAreNeverSplit() {
        String math = "\uD835\uDC00\uD835\uDC01\uD835\uDC02\uD835\uDC03\uD835\uDC04"; // five 1-column letters
        assertEquals(List.of("\uD835\uDC00\uD835\uDC01\uD835\uDC02…"),
                Table.withoutHeader(1).row(math).render(4, false));
        assertEquals(List.of("😀…"), Table.withoutHeader(1).row("😀😀😀").render(4, false));
        assertEquals(List.of("😀…"), Table.withoutHeader(1).row("😀😀😀").render(3, false));
    }

    @Test
    void combiningMarksStayWithTheLastCharacterKept() {
        String accents = "e\u0301e\u0301e\u0301e\u0301e\u0301";
        assertEquals(List.of("e\u0301e\u0301e\u0301…"), Table.withoutHeader(1).row(accents).render(4, false));
    }

    @Test
    void aCutStyledCellEndsWithAReset() {
        Table table = Table.withoutHeader(1).row(RED.apply("abcdefgh"));
        assertEquals(List.of(E + "31mabcd…" + RESET), table.render(5, true));
        assertEquals(List.of("abcd…"), table.render(5, false));
    }

    @Test
    void aCutCellWhoseStyleIsClosedBeforeTheCutGetsNoSecondReset() {
        Table table = Table.withoutHeader(1).row("ab" + RED.apply("cd") + "efgh");
        assertEquals(List.of("ab" + E + "31mcd" + RESET + "…"), table.render(5, true));
    }

    @Test
    void aCutHeaderKeepsTheHeaderStyle() {
        Table table = Table.of("DESCRIPTION").headerStyle(Style.BOLD).row("x");
        assertEquals(List.of(E + "1mDESCR…" + RESET, "x"), table.render(6, true));
        assertEquals(List.of("DESCR…", "x"), table.render(6, false));
    }

    @Test
    void aTableWithHeadersOnlyIsItsHeaderLine() {
        assertEquals(List.of("NAME  VALUE"), Table.of("NAME", "VALUE").render(0, false));
        assertEquals(List.of("NAME  DES…"), Table.of("NAME", "DESCRIPTION").render(10, false));
        assertEquals("NAME  VALUE", Table.of("NAME", "VALUE").toString());
    }

    @Test
    void aTableWithoutHeaderAndRowsHasNoLines() {
        assertEquals(List.of(), Table.withoutHeader(2).render(80, true));
        assertEquals("", Table.withoutHeader(2).toString());
    }

    @Test
    void toStringIsUnstyledUnlimitedAndJoinedWithNewlines() {
        Table table = Table.of("A", "B").headerStyle(Style.BOLD).row(RED.apply("x"), "y")
                .row("a long cell that would not fit anywhere narrow", "z");
        assertEquals("A                                               B\n"
                + "x                                               y\n"
                + "a long cell that would not fit anywhere narrow  z", table.toString());
    }

    @Test
    void theLinesAreUnmodifiable() {
        List<String> lines = Table.of("A").row("b").render(0, false);
        assertThrows(UnsupportedOperationException.class, () -> lines.add("c"));
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsRefused() {
        Table table = Table.of("A", "B");
        assertMessage("cells: 1 (expected: 2)", () -> table.row("a"));
        assertMessage("cells: 3 (expected: 2)", () -> table.row("a", "b", "c"));
        assertMessage("cells: 0 (expected: 2)", () -> table.row());
        assertThrows(NullPointerException.class, () -> table.row((Object[]) null));
        assertEquals(List.of("A  B"), table.render(0, false), "no row was added");
    }

    @Test
    void aTableNeedsAColumn() {
        assertMessage("columns: 0 (expected: 1 or more)", () -> Table.of());
        assertMessage("columns: 0 (expected: 1 or more)", () -> Table.withoutHeader(0));
        assertMessage("columns: -1 (expected: 1 or more)", () -> Table.withoutHeader(-1));
        assertThrows(NullPointerException.class, () -> Table.of((String[]) null));
    }

    @Test
    void onlyExistingColumnsCanBeAlignedRight() {
        Table table = Table.of("A", "B");
        assertMessage("column: 2 (expected: 0..1)", () -> table.alignRight(2));
        assertMessage("column: -1 (expected: 0..1)", () -> table.alignRight(-1));
        assertThrows(NullPointerException.class, () -> table.headerStyle(null));
    }

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
