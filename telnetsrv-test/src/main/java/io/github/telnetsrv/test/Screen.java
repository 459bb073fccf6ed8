package io.github.telnetsrv.test;

import java.util.List;
import java.util.Objects;

/**
 * What a user would see on their terminal at one moment: a snapshot of the kit's virtual screen, which has the
 * session's size and renders what the session wrote as an xterm would (line editing, redraws, wrapping at the
 * right margin, scrolling; colours are not kept).
 *
 * <p>Rows are numbered from 0 at the top, columns from 0 at the left. Each row is given as its text with the
 * trailing blanks left out (so a row showing the prompt {@code "Telnet Server> "} and nothing typed reads
 * {@code "Telnet Server>"}; the {@linkplain #cursorColumn() cursor column} tells where typing would go). A wide
 * character (CJK, most emoji) is one {@code char} sequence in the text but takes two columns on the screen.
 *
 * <p>Immutable; {@link #toString()} draws it, with the cursor, for failure messages.
 *
 * @param width the number of columns
 * @param height the number of rows
 * @param rows the text of each row, top to bottom, without trailing blanks ({@code height} entries)
 * @param cursorRow the cursor's row, {@code 0..height-1}
 * @param cursorColumn the cursor's column, {@code 0..width-1}
 */
public record Screen(int width, int height, List<String> rows, int cursorRow, int cursorColumn) {

    /**
     * Checks and copies the parts.
     *
     * @throws IllegalArgumentException if the sizes do not agree or the cursor is off the screen
     */
    public Screen {
        rows = List.copyOf(rows);
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size: " + width + "x" + height + " (expected: at least 1x1)");
        }
        if (rows.size() != height) {
            throw new IllegalArgumentException("rows: " + rows.size() + " (expected: height, " + height + ")");
        }
        if (cursorRow < 0 || cursorRow >= height || cursorColumn < 0 || cursorColumn >= width) {
            throw new IllegalArgumentException("cursor: " + cursorRow + "," + cursorColumn
                    + " (expected: within " + width + "x" + height + ")");
        }
    }

    /**
     * The text of one row, without trailing blanks.
     *
     * @param index the row, {@code 0..height-1}
     * @return the row's text, {@code ""} for an empty row
     * @throws IndexOutOfBoundsException if {@code index} is off the screen
     */
    public String row(int index) {
        return rows.get(index);
    }

    /**
     * The text of the row the cursor is on: the prompt and what is being typed, while the session waits for a
     * line.
     *
     * @return the cursor's row, without trailing blanks
     */
    public String cursorLine() {
        return rows.get(cursorRow);
    }

    /**
     * The first row that contains some text.
     *
     * @param text what to look for
     * @return the row's index, or -1 if no row contains it
     */
    public int rowOf(String text) {
        Objects.requireNonNull(text, "text");
        for (int i = 0; i < height; i++) {
            if (rows.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether some row contains some text (text wrapped onto the next row is not found across the break).
     *
     * @param text what to look for
     * @return true if a row contains it
     */
    public boolean contains(String text) {
        return rowOf(text) >= 0;
    }

    /**
     * The rows from the top down to the last one that is not empty, joined with {@code "\n"}.
     *
     * @return the screen's text
     */
    public String text() {
        int last = height - 1;
        while (last > 0 && rows.get(last).isEmpty()) {
            last--;
        }
        return String.join("\n", rows.subList(0, last + 1));
    }

    /**
     * Draws the screen for a failure message: a header with the size and cursor, then the rows down to the last
     * one with text or the cursor, each between bars, with the cursor's cell marked below its row.
     *
     * @return the drawing
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append("screen ").append(width).append('x').append(height)
                .append(", cursor at row ").append(cursorRow).append(", column ").append(cursorColumn).append('\n');
        int last = height - 1;
        while (last > cursorRow && rows.get(last).isEmpty()) {
            last--;
        }
        int numberWidth = String.valueOf(last).length();
        for (int i = 0; i <= last; i++) {
            String number = String.valueOf(i);
            out.append(" ".repeat(numberWidth - number.length())).append(number).append(" |").append(rows.get(i));
            out.append('\n');
            if (i == cursorRow) {
                out.append(" ".repeat(numberWidth + 2)).append(" ".repeat(cursorColumn)).append("^ cursor\n");
            }
        }
        return out.toString();
    }
}
