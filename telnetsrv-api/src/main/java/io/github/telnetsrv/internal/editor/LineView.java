package io.github.telnetsrv.internal.editor;

/**
 * What the edited line looks like on the terminal, and the output that brings the screen from what it
 * shows to what it should show.
 *
 * <p>The line stays on the prompt's row: the text area runs from the end of the prompt to the column
 * before the last (the last column is never written, so no terminal wraps). A line wider than that is
 * scrolled horizontally: a window of the text around the cursor is shown, with {@code '<'} in the first
 * column when text is hidden on the left and {@code '>'} in the last when text is hidden on the right.
 * When the cursor leaves the window, the window is moved so the cursor sits near its middle. The text
 * area is at least 4 columns wide: with a prompt that leaves less (or a prompt wider than the terminal)
 * the row wraps and the display is not kept right.
 *
 * <p>Output uses only what every terminal has: {@code "\b"} (or {@code ESC[nD}) to go left, reprinting
 * (or {@code ESC[nC}) to go right, {@code ESC[K} to erase to the end of the line, and {@code "\b \b"} per
 * column for a Backspace at the end. Confined to one session's thread.
 */
final class LineView {

    static final String ERASE_TO_END = "\u001b[K";
    /** Narrowest text area: a '<', a wide character and a '>'. */
    private static final int MIN_AREA = 4;
    private static final int DEFAULT_COLUMNS = 80;
    /** Up to this many columns, moving left writes "\b"s rather than ESC[nD. */
    private static final int BACKSPACE_MOVES = 3;
    /** Up to this many columns, moving right reprints the text rather than writing ESC[nC. */
    private static final int REPRINT_MOVES = 16;

    private int columns = DEFAULT_COLUMNS;
    private int promptColumn;
    /** The text area as the terminal shows it (marks included), and the cursor's column in it. */
    private String shown = "";
    private int column;
    /** Index in the buffer of the first character shown. */
    private int windowStart;

    /** @param columns the terminal width; 0 means unknown (80 is used) */
    void columns(int columns) {
        this.columns = columns == 0 ? DEFAULT_COLUMNS : columns;
    }

    int columns() {
        return columns;
    }

    /** The prompt was just written on a fresh row and ends at {@code promptColumn}; nothing else is shown. */
    void start(int promptColumn) {
        this.promptColumn = promptColumn;
        this.shown = "";
        this.column = 0;
    }

    /** Shows the start of the text from now on (a new line, or a line replaced from history). */
    void home() {
        windowStart = 0;
    }

    /** Whether the row as shown fits in {@code newColumns} without touching the last column. */
    boolean fits(int newColumns) {
        int c = newColumns == 0 ? DEFAULT_COLUMNS : newColumns;
        return promptColumn + LineBuffer.width(shown, 0, shown.length()) < c;
    }

    /** Output that makes the terminal show {@code text} with the cursor at {@code cursor}. */
    void update(CharSequence text, int cursor, StringBuilder out) {
        int area = Math.max(columns - 1 - promptColumn, MIN_AREA);
        int n = text.length();
        if (LineBuffer.width(text, 0, n) <= area) {
            windowStart = 0;
            draw(text.toString(), LineBuffer.width(text, 0, cursor), out);
            return;
        }
        int start = LineBuffer.start(text, Math.min(windowStart, n));
        Window window = window(text, start, area);
        if (!window.shows(cursor)) {
            start = centre(text, cursor, area);
            window = window(text, start, area);
            if (!window.shows(cursor)) {
                start = cursor;
                window = window(text, start, area);
            }
        }
        windowStart = start;
        StringBuilder want = new StringBuilder(area);
        int cursorColumn = LineBuffer.width(text, start, cursor);
        if (window.left) {
            want.append('<');
            cursorColumn++;
        }
        want.append(text, start, window.end);
        if (window.right) {
            want.append('>');
        }
        draw(want.toString(), cursorColumn, out);
    }

    /** The visible part of the text from {@code start}: where it ends and which marks it needs. */
    private record Window(int start, int end, boolean left, boolean right) {

        boolean shows(int cursor) {
            return cursor >= start && (cursor < end || cursor == end && !right);
        }
    }

    private static Window window(CharSequence text, int start, int area) {
        boolean left = start > 0;
        int room = area - (left ? 1 : 0);
        int end = end(text, start, room);
        if (end == text.length()) {
            return new Window(start, end, left, false);
        }
        return new Window(start, end(text, start, room - 1), left, true);
    }

    /** Index after the characters from {@code start} that fit in {@code room} columns. */
    private static int end(CharSequence text, int start, int room) {
        int i = start;
        int used = 0;
        while (i < text.length()) {
            int next = LineBuffer.next(text, i);
            used += LineBuffer.width(text, i, next);
            if (used > room) {
                break;
            }
            i = next;
        }
        return i;
    }

    /** A window start that puts the cursor about half way across the area. */
    private static int centre(CharSequence text, int cursor, int area) {
        int start = cursor;
        while (start > 0) {
            int previous = LineBuffer.previous(text, start);
            if (1 + LineBuffer.width(text, previous, cursor) > area / 2) {
                break;
            }
            start = previous;
        }
        return start;
    }

    /** Brings the screen from {@link #shown} to {@code want} with the cursor at {@code wantColumn}. */
    private void draw(String want, int wantColumn, StringBuilder out) {
        String have = shown;
        if (have.equals(want)) {
            move(wantColumn, out);
            return;
        }
        int same = 0;
        int sameColumns = 0;
        while (same < have.length() && same < want.length()) {
            int nextHave = LineBuffer.next(have, same);
            int nextWant = LineBuffer.next(want, same);
            if (nextHave != nextWant || !have.regionMatches(same, want, same, nextHave - same)) {
                break;
            }
            sameColumns += LineBuffer.width(have, same, nextHave);
            same = nextHave;
        }
        int haveWidth = LineBuffer.width(have, 0, have.length());
        int wantWidth = LineBuffer.width(want, 0, want.length());
        if (same == want.length() && LineBuffer.next(have, same) == have.length()
                && column == haveWidth && wantColumn == wantWidth) {
            // Backspace at the end: rub out the last character, column by column
            out.append("\b \b".repeat(haveWidth - wantWidth));
            column = wantColumn;
            shown = want;
            return;
        }
        move(sameColumns, out);
        out.append(want, same, want.length());
        column = wantWidth;
        if (haveWidth > wantWidth) {
            out.append(ERASE_TO_END);
        }
        shown = want;
        move(wantColumn, out);
    }

    /** Moves the cursor within the shown text; going right reprints what is shown (unchanged there). */
    private void move(int target, StringBuilder out) {
        if (target < column) {
            int count = column - target;
            if (count <= BACKSPACE_MOVES) {
                out.append("\b".repeat(count));
            } else {
                out.append("\u001b[").append(count).append('D');
            }
        } else if (target > column) {
            int count = target - column;
            if (count <= REPRINT_MOVES) {
                int from = indexOfColumn(column);
                out.append(shown, from, indexOfColumn(target));
            } else {
                out.append("\u001b[").append(count).append('C');
            }
        }
        column = target;
    }

    /** Index in {@link #shown} of the character starting at {@code target} columns. */
    private int indexOfColumn(int target) {
        int i = 0;
        int c = 0;
        while (i < shown.length() && c < target) {
            int next = LineBuffer.next(shown, i);
            c += LineBuffer.width(shown, i, next);
            i = next;
        }
        return i;
    }
}
