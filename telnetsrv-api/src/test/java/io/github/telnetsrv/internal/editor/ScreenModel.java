package io.github.telnetsrv.internal.editor;

import java.util.ArrayList;
import java.util.List;

/**
 * A test-only terminal: interprets what the editor writes and keeps rows of cells and a cursor, so tests
 * assert what the user would see. Understands printable text (wide characters take two cells, combining
 * marks join the previous cell), CR, LF, BS, BEL, {@code ESC[K}, {@code ESC[C}, {@code ESC[nC},
 * {@code ESC[nD}, {@code ESC[H}, {@code ESC[2J} and colours ({@code ESC[...m}, ignored); anything else fails the test. Like xterm it has
 * {@code xenl}: writing the last column leaves the cursor there until the next character wraps.
 */
public final class ScreenModel {

    /** A cell's text; CONTINUATION marks the right half of a wide character. */
    private static final String CONTINUATION = "\u0000";

    private int width;
    private final List<String[]> rows = new ArrayList<>();
    private int row;
    private int column;
    private boolean wrapPending;
    private int wraps;
    private int bells;
    private boolean lastColumnWritten;

    public ScreenModel(int width) {
        this.width = width;
        rows.add(emptyRow());
    }

    /** The window was resized: rows are cut or padded (no reflow, like xterm). */
    void resize(int newWidth) {
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = java.util.Arrays.copyOf(rows.get(i), newWidth);
            for (int x = Math.min(width, newWidth); x < newWidth; x++) {
                cells[x] = " ";
            }
            rows.set(i, cells);
        }
        width = newWidth;
        column = Math.min(column, newWidth - 1);
        wrapPending = false;
    }

    public void write(String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == 0x1B) {
                i = escape(text, i);
                continue;
            }
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\r' -> {
                    column = 0;
                    wrapPending = false;
                }
                case '\n' -> newRow();
                case '\b' -> {
                    column = Math.max(0, column - 1);
                    wrapPending = false;
                }
                case 0x07 -> bells++;
                default -> {
                    if (cp < 0x20 || cp == 0x7F || cp >= 0x80 && cp < 0xA0) {
                        throw new AssertionError("raw control character written: " + Integer.toHexString(cp));
                    }
                    print(cp);
                }
            }
        }
    }

    private int escape(String text, int at) {
        if (at + 1 >= text.length() || text.charAt(at + 1) != '[') {
            throw new AssertionError("unexpected escape sequence at " + at + " in " + visible(text));
        }
        int i = at + 2;
        int start = i;
        while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == ';')) {
            i++;
        }
        if (i >= text.length()) {
            throw new AssertionError("unterminated escape sequence in " + visible(text));
        }
        String params = text.substring(start, i);
        int n = params.isEmpty() ? 1 : Integer.parseInt(params);
        char command = text.charAt(i);
        switch (command) {
            case 'K' -> {
                require(params.isEmpty(), text);
                String[] cells = rows.get(row);
                clearHalfOfWide(cells, column);
                for (int x = column; x < width; x++) {
                    cells[x] = " ";
                }
            }
            case 'C' -> column = Math.min(width - 1, column + n);
            case 'D' -> column = Math.max(0, column - n);
            case 'm' -> { } // colours: nothing to model
            case 'H' -> {
                require(params.isEmpty(), text);
                row = 0;
                column = 0;
            }
            case 'J' -> {
                require(params.equals("2"), text);
                rows.clear();
                rows.add(emptyRow());
                row = 0;
            }
            default -> throw new AssertionError("unexpected escape sequence in " + visible(text));
        }
        wrapPending = false;
        return i + 1;
    }

    private static void require(boolean ok, String text) {
        if (!ok) {
            throw new AssertionError("unexpected escape sequence parameters in " + visible(text));
        }
    }

    private void print(int cp) {
        int w = DisplayWidth.of(cp);
        if (w == 0) {
            String[] cells = rows.get(row);
            int x = wrapPending ? column : column - 1;
            while (x > 0 && cells[x].equals(CONTINUATION)) {
                x--;
            }
            if (x >= 0) {
                cells[x] = cells[x] + Character.toString(cp);
            }
            return;
        }
        if (wrapPending || column + w > width) {
            wraps++;
            newRow();
        }
        String[] cells = rows.get(row);
        clearHalfOfWide(cells, column);
        if (w == 2) {
            clearHalfOfWide(cells, column + 1);
        }
        cells[column] = Character.toString(cp);
        if (w == 2) {
            cells[column + 1] = CONTINUATION;
        }
        if (column + w - 1 == width - 1) {
            lastColumnWritten = true;
        }
        column += w;
        if (column >= width) {
            column = width - 1;
            wrapPending = true;
        }
    }

    /** Overwriting either half of a wide character erases the whole of it. */
    private static void clearHalfOfWide(String[] cells, int x) {
        if (x >= cells.length) {
            return;
        }
        if (cells[x].equals(CONTINUATION) && x > 0) {
            cells[x - 1] = " ";
            cells[x] = " ";
        } else if (x + 1 < cells.length && cells[x + 1].equals(CONTINUATION)) {
            cells[x + 1] = " ";
        }
    }

    private void newRow() {
        row++;
        if (row == rows.size()) {
            rows.add(emptyRow());
        }
        column = 0;
        wrapPending = false;
    }

    private String[] emptyRow() {
        String[] cells = new String[width];
        java.util.Arrays.fill(cells, " ");
        return cells;
    }

    /** The row the cursor is on, trailing blanks removed. */
    public String line() {
        return row(row);
    }

    public String row(int index) {
        StringBuilder out = new StringBuilder();
        for (String cell : rows.get(index)) {
            if (!cell.equals(CONTINUATION)) {
                out.append(cell);
            }
        }
        return out.toString().stripTrailing();
    }

    /** The cells {@code [from, to)} of the cursor's row as text (a wide character counts where it starts). */
    String text(int from, int to) {
        StringBuilder out = new StringBuilder();
        String[] cells = rows.get(row);
        for (int x = from; x < Math.min(to, width); x++) {
            if (!cells[x].equals(CONTINUATION)) {
                out.append(cells[x]);
            }
        }
        return out.toString();
    }

    /** Every row, trailing blanks removed. */
    public List<String> rows() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            all.add(row(i));
        }
        return all;
    }

    public int cursorRow() {
        return row;
    }

    public int cursorColumn() {
        return column;
    }

    /** How many times text ran past the right margin onto a new row. */
    int wraps() {
        return wraps;
    }

    public int bells() {
        return bells;
    }

    /** Whether anything was ever written into the last column (where terminals disagree on wrapping). */
    boolean lastColumnWritten() {
        return lastColumnWritten;
    }

    /** Control characters shown as escapes: {@code \\r \\n \\b \\e}, others {@code \\xNN}. */
    static String visible(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\b' -> out.append("\\b");
                case 0x1B -> out.append("\\e");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\x%02X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
