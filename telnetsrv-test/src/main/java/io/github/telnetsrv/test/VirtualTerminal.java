package io.github.telnetsrv.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A grid of character cells with a cursor, driven the way a VT100/xterm drives its screen: printable characters
 * at the cursor (wide ones take two cells), automatic wrap at the right margin with xterm's delayed wrap (the
 * cursor stays on the last column until the next character), CR, LF, BS, TAB, and the CSI sequences for cursor
 * moves ({@code A B C D E F G H f d}), erasing ({@code J K X}), inserting and deleting characters and lines
 * ({@code @ P L M}) and scrolling ({@code S T}); {@code ESC 7}/{@code ESC 8} save and restore the cursor,
 * {@code ESC D}/{@code M}/{@code E} index, reverse-index and next-line, {@code ESC c} resets. Everything else
 * (colours and other SGR attributes, modes, scroll regions, character sets) changes nothing a test reads. A row
 * leaving the top when the screen scrolls goes to a listener. Zero-width characters (combining marks) are not
 * kept. Confined to the thread holding the client's lock.
 */
final class VirtualTerminal implements ControlParser.Sink {

    /** The right half of a wide character. */
    private static final int CONTINUATION = -1;
    private static final int BLANK = ' ';
    private static final int TAB_STOP = 8;

    /** One row: the cells up to the last one written; the cells after it are blank. */
    private static final class Row {
        int[] cells = new int[16];
        int length;

        int get(int column) {
            return column < length ? cells[column] : BLANK;
        }

        void set(int column, int value) {
            if (column >= length) {
                if (column >= cells.length) {
                    cells = Arrays.copyOf(cells, Math.max(cells.length * 2, column + 1));
                }
                Arrays.fill(cells, length, column, BLANK);
                length = column + 1;
            }
            cells[column] = value;
        }

        /** Blanks {@code [from, to)}, splitting no wide character in half. */
        void erase(int from, int to) {
            if (from >= length || from >= to) {
                return;
            }
            if (from > 0 && cells[from] == CONTINUATION) {
                cells[from - 1] = BLANK;
            }
            if (to >= length) {
                length = from;
                return;
            }
            if (cells[to] == CONTINUATION) {
                cells[to] = BLANK;
            }
            Arrays.fill(cells, from, to, BLANK);
        }

        String text() {
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                if (cells[i] != CONTINUATION) {
                    text.appendCodePoint(cells[i]);
                }
            }
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == BLANK) {
                end--;
            }
            text.setLength(end);
            return text.toString();
        }
    }

    private final Consumer<String> scrolledOff;
    private int width;
    private int height;
    private List<Row> rows = new ArrayList<>();
    private int row;
    private int column;
    /** The last character went into the last column: the next one wraps first (xterm's delayed wrap). */
    private boolean wrapPending;
    private int savedRow;
    private int savedColumn;

    /**
     * @param width columns (the right margin)
     * @param height rows
     * @param scrolledOff receives the text of each row that leaves the top of the screen
     */
    VirtualTerminal(int width, int height, Consumer<String> scrolledOff) {
        this.scrolledOff = scrolledOff;
        this.width = width;
        this.height = height;
        for (int i = 0; i < height; i++) {
            rows.add(new Row());
        }
    }

    /** What the screen shows now. */
    Screen snapshot() {
        List<String> texts = new ArrayList<>(height);
        for (Row r : rows) {
            texts.add(r.text());
        }
        return new Screen(width, height, texts, row, column);
    }

    /** The text of one row, trailing blanks left out. */
    String rowText(int index) {
        return rows.get(index).text();
    }

    /**
     * The window changed size. Rows are cut at the new width (no reflow); when the screen gets shorter, rows
     * above the cursor leave the top so that the cursor's row stays on the screen, as xterm does.
     */
    void resize(int newWidth, int newHeight) {
        int drop = Math.max(0, row - (newHeight - 1));
        for (int i = 0; i < drop; i++) {
            scrolledOff.accept(rows.get(i).text());
        }
        List<Row> resized = new ArrayList<>(rows.subList(drop, Math.min(rows.size(), drop + newHeight)));
        while (resized.size() < newHeight) {
            resized.add(new Row());
        }
        for (Row r : resized) {
            r.erase(newWidth, Integer.MAX_VALUE);
        }
        rows = resized;
        width = newWidth;
        height = newHeight;
        row -= drop;
        column = Math.min(column, width - 1);
        wrapPending = false;
        savedRow = Math.min(savedRow, height - 1);
        savedColumn = Math.min(savedColumn, width - 1);
    }

    // ------------------------------------------------------------------ ControlParser.Sink

    @Override
    public void print(int codePoint) {
        int w = CharWidth.of(codePoint);
        if (w == 0) {
            return;
        }
        if (wrapPending) {
            column = 0;
            lineFeed();
        }
        if (w == 2 && column == width - 1 && width > 1) {
            current().erase(column, column + 1); // no room for both halves: xterm wraps first
            column = 0;
            lineFeed();
        }
        Row r = current();
        r.erase(column, column + w);
        r.set(column, codePoint);
        if (w == 2 && column + 1 < width) {
            r.set(column + 1, CONTINUATION);
        }
        column += w;
        wrapPending = column >= width;
        if (wrapPending) {
            column = width - 1;
        }
    }

    @Override
    public void control(int c) {
        switch (c) {
            case '\r' -> moveTo(row, 0);
            case '\n', 0x0B, 0x0C -> {
                wrapPending = false;
                lineFeed();
            }
            case '\b' -> moveTo(row, column - 1);
            case '\t' -> moveTo(row, Math.min(width - 1, (column / TAB_STOP + 1) * TAB_STOP));
            default -> {
                // BEL, NUL, SO, SI...: nothing to show
            }
        }
    }

    @Override
    public void csi(String parameters, int finalChar) {
        if (!parameters.isEmpty() && (parameters.charAt(0) < '0' || parameters.charAt(0) > ';')) {
            return; // private sequences (ESC [ ? 25 l and the like): modes, not text
        }
        int[] p = numbers(parameters);
        int n = Math.max(1, p[0]);
        switch (finalChar) {
            case 'A' -> moveTo(row - n, column);
            case 'B', 'e' -> moveTo(row + n, column);
            case 'C', 'a' -> moveTo(row, column + n);
            case 'D' -> moveTo(row, column - n);
            case 'E' -> moveTo(row + n, 0);
            case 'F' -> moveTo(row - n, 0);
            case 'G', '`' -> moveTo(row, n - 1);
            case 'd' -> moveTo(n - 1, column);
            case 'H', 'f' -> moveTo(n - 1, Math.max(1, p[1]) - 1);
            case 'J' -> eraseInDisplay(p[0]);
            case 'K' -> eraseInLine(p[0]);
            case 'X' -> current().erase(column, Math.min(width, column + n));
            case '@' -> insertCells(n);
            case 'P' -> deleteCells(n);
            case 'L' -> insertLines(n);
            case 'M' -> deleteLines(n);
            case 'S' -> scrollUp(0, n);
            case 'T' -> scrollDown(n);
            default -> {
                // SGR (m) and the rest: no effect on the text
            }
        }
    }

    @Override
    public void escape(int c) {
        switch (c) {
            case '7' -> {
                savedRow = row;
                savedColumn = column;
            }
            case '8' -> moveTo(savedRow, savedColumn);
            case 'D' -> lineFeed();
            case 'E' -> {
                moveTo(row, 0);
                lineFeed();
            }
            case 'M' -> {
                if (row == 0) {
                    scrollDown(1);
                } else {
                    moveTo(row - 1, column);
                }
            }
            case 'c' -> {
                eraseInDisplay(2);
                moveTo(0, 0);
            }
            default -> {
                // keypad modes and the like
            }
        }
    }

    // ------------------------------------------------------------------ operations

    private Row current() {
        return rows.get(row);
    }

    private void moveTo(int newRow, int newColumn) {
        row = Math.max(0, Math.min(height - 1, newRow));
        column = Math.max(0, Math.min(width - 1, newColumn));
        wrapPending = false;
    }

    private void lineFeed() {
        if (row == height - 1) {
            scrollUp(0, 1);
        } else {
            row++;
        }
    }

    /** Rows from {@code top} move up {@code n}; the rows leaving the top of the screen go to the listener. */
    private void scrollUp(int top, int n) {
        for (int i = 0; i < Math.min(n, height - top); i++) {
            Row gone = rows.remove(top);
            if (top == 0) {
                scrolledOff.accept(gone.text());
            }
            rows.add(new Row());
        }
    }

    private void scrollDown(int n) {
        for (int i = 0; i < Math.min(n, height); i++) {
            rows.remove(height - 1);
            rows.add(0, new Row());
        }
    }

    private void eraseInDisplay(int mode) {
        switch (mode) {
            case 0 -> {
                current().erase(column, Integer.MAX_VALUE);
                for (int i = row + 1; i < height; i++) {
                    rows.get(i).erase(0, Integer.MAX_VALUE);
                }
            }
            case 1 -> {
                for (int i = 0; i < row; i++) {
                    rows.get(i).erase(0, Integer.MAX_VALUE);
                }
                current().erase(0, column + 1);
            }
            case 2, 3 -> {
                for (Row r : rows) {
                    r.erase(0, Integer.MAX_VALUE);
                }
            }
            default -> {
                // unknown: ignored, as terminals do
            }
        }
    }

    private void eraseInLine(int mode) {
        switch (mode) {
            case 0 -> current().erase(column, Integer.MAX_VALUE);
            case 1 -> current().erase(0, column + 1);
            case 2 -> current().erase(0, Integer.MAX_VALUE);
            default -> {
                // unknown: ignored
            }
        }
        wrapPending = false;
    }

    private void insertCells(int n) {
        Row r = current();
        int end = Math.min(r.length, width - n);
        for (int i = end - 1; i >= column; i--) {
            r.set(i + n, r.get(i));
        }
        r.erase(width, Integer.MAX_VALUE);
        r.erase(column, Math.min(width, column + n));
        wrapPending = false;
    }

    private void deleteCells(int n) {
        Row r = current();
        for (int i = column; i < r.length; i++) {
            r.set(i, i + n < r.length ? r.get(i + n) : BLANK);
        }
        r.erase(Math.max(column, r.length - n), Integer.MAX_VALUE);
        wrapPending = false;
    }

    private void insertLines(int n) {
        for (int i = 0; i < Math.min(n, height - row); i++) {
            rows.remove(height - 1);
            rows.add(row, new Row());
        }
        column = 0;
        wrapPending = false;
    }

    private void deleteLines(int n) {
        for (int i = 0; i < Math.min(n, height - row); i++) {
            rows.remove(row);
            rows.add(new Row());
        }
        column = 0;
        wrapPending = false;
    }

    /** The numeric parameters, 0 where one is missing; at least two entries. */
    private static int[] numbers(String parameters) {
        int[] p = new int[Math.max(2, parameters.length() / 2 + 1)];
        int index = 0;
        for (int i = 0; i < parameters.length() && index < p.length; i++) {
            char c = parameters.charAt(i);
            if (c >= '0' && c <= '9') {
                p[index] = (int) Math.min(9999, p[index] * 10L + (c - '0'));
            } else if (c == ';') {
                index++;
            }
        }
        return p;
    }
}
