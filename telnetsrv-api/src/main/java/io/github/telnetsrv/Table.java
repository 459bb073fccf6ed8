package io.github.telnetsrv;

import io.github.telnetsrv.internal.editor.DisplayWidth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Text in aligned columns, for a command's output:
 *
 * <pre>{@code
 * Table table = Table.of("NAME", "SIZE").alignRight(1).headerStyle(Style.BOLD);
 * table.row("report.pdf", 48213).row("日本.txt", 12);
 * for (String line : table.render(terminalWidth, styled)) { ... }
 * }</pre>
 *
 * gives
 *
 * <pre>
 * NAME         SIZE
 * report.pdf  48213
 * 日本.txt       12
 * </pre>
 *
 * <p>Columns are as wide as their widest cell, in terminal columns (a CJK character or an emoji counts two, a
 * combining mark none, escape sequences none), and are separated by two spaces. The header row, if any, comes first;
 * there is no rule line under it (like {@code docker ps} and {@code kubectl get}, the output stays easy to
 * {@code grep} and {@code awk}; a {@linkplain #headerStyle header style} sets it apart on a terminal). Spaces at the
 * end of a line are removed.
 *
 * <p>Cells may contain styled text ({@link Style#apply(String)}). Rendered {@code styled}, a cell keeps its SGR
 * sequences (other escape sequences, such as cursor moves, are removed), and a cell that leaves a style on gets a
 * closing {@code ESC[0m} so its colour never runs into the next cell; rendered unstyled, every escape sequence is
 * removed. Every other control character in a cell or a header (a tab, a line break) becomes a space, so that each
 * row stays one line.
 *
 * <p>When the table is wider than the terminal, the widest columns are narrowed first, none below the width of its
 * header or 3 columns, whichever is more; if that is not enough, headers are cut too, down to 3 columns a column. No
 * column is made wider than its content. A cell that no longer fits is cut at a character boundary (never inside a
 * surrogate pair; a wide character takes both its columns or none, combining marks stay with their character) and
 * ends with {@code …} (U+2026). If even the narrowest table does not fit, its lines are wider than the terminal.
 *
 * <p>Not thread-safe: a table is filled and rendered by one thread, typically the command's.
 */
public final class Table {

    /** The narrowest a column is made when the table does not fit (unless its content is narrower). */
    static final int MIN_COLUMN_WIDTH = 3;

    private static final String SEPARATOR = "  ";
    private static final char ELLIPSIS = '\u2026';

    private final String[] headers;
    private final int columns;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();
    private Style headerStyle = Style.NONE;

    private Table(String[] headers, int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns: " + columns + " (expected: 1 or more)");
        }
        this.headers = headers;
        this.columns = columns;
        this.rightAligned = new boolean[columns];
    }

    /**
     * A table with a header row; it has as many columns as headers.
     *
     * @param headers the column titles, at least one; a {@code null} title is empty
     * @return the new, empty table
     */
    public static Table of(String... headers) {
        Objects.requireNonNull(headers, "headers");
        String[] copy = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            copy[i] = headers[i] == null ? "" : headers[i];
        }
        return new Table(copy, headers.length);
    }

    /**
     * A table without a header row.
     *
     * @param columns how many columns, 1 or more
     * @return the new, empty table
     */
    public static Table withoutHeader(int columns) {
        return new Table(null, columns);
    }

    /**
     * Adds a row. Each cell is its value's {@link Object#toString()}; a {@code null} value (or string) is an empty
     * cell.
     *
     * @param cells one value per column
     * @return this table
     * @throws IllegalArgumentException if the number of cells is not the number of columns
     */
    public Table row(Object... cells) {
        Objects.requireNonNull(cells, "cells");
        if (cells.length != columns) {
            throw new IllegalArgumentException("cells: " + cells.length + " (expected: " + columns + ")");
        }
        String[] row = new String[columns];
        for (int i = 0; i < columns; i++) {
            row[i] = cells[i] == null ? "" : Objects.requireNonNullElse(cells[i].toString(), "");
        }
        rows.add(row);
        return this;
    }

    /**
     * Aligns a column's cells, header included, to the right (columns are aligned left by default); for numbers.
     *
     * @param column the column's index, from 0
     * @return this table
     */
    public Table alignRight(int column) {
        if (column < 0 || column >= columns) {
            throw new IllegalArgumentException("column: " + column + " (expected: 0.." + (columns - 1) + ")");
        }
        rightAligned[column] = true;
        return this;
    }

    /**
     * Sets the style of the header titles when the table is rendered styled (default {@link Style#NONE}). It covers
     * each title's text, not the padding between titles.
     *
     * @param style the style, not null
     * @return this table
     */
    public Table headerStyle(Style style) {
        this.headerStyle = Objects.requireNonNull(style, "style");
        return this;
    }

    /**
     * The table's lines.
     *
     * @param width the terminal's width in columns, or 0 or less when it is unknown (then nothing is narrowed)
     * @param styled whether to keep the cells' styles and apply the header style (a terminal), or to remove every
     *     escape sequence (a client that is not a terminal)
     * @return the lines, header first, without line terminators; empty for a table without header and rows
     */
    public List<String> render(int width, boolean styled) {
        List<String[]> texts = new ArrayList<>(rows.size() + 1);
        if (headers != null) {
            texts.add(headers);
        }
        texts.addAll(rows);
        List<String[]> cells = new ArrayList<>(texts.size());
        List<int[]> widths = new ArrayList<>(texts.size());
        int[] natural = new int[columns];
        for (String[] text : texts) {
            String[] line = new String[columns];
            int[] lineWidths = new int[columns];
            for (int c = 0; c < columns; c++) {
                line[c] = clean(text[c], styled);
                lineWidths[c] = DisplayWidth.of(Style.strip(line[c]));
                natural[c] = Math.max(natural[c], lineWidths[c]);
            }
            cells.add(line);
            widths.add(lineWidths);
        }
        int[] fitted = width > 0 ? fit(natural, width - SEPARATOR.length() * (columns - 1)) : natural;

        List<String> lines = new ArrayList<>(cells.size());
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            boolean header = r == 0 && headers != null;
            out.setLength(0);
            for (int c = 0; c < columns; c++) {
                String cell = cells.get(r)[c];
                int cellWidth = widths.get(r)[c];
                if (cellWidth > fitted[c]) {
                    cell = truncate(cell, fitted[c]);
                    cellWidth = DisplayWidth.of(Style.strip(cell));
                } else if (styled && EscapeSequences.leavesStyleOn(cell)) {
                    cell += Style.RESET;
                }
                if (header && styled) {
                    cell = headerStyle.apply(cell);
                }
                if (c > 0) {
                    out.append(SEPARATOR);
                }
                int pad = fitted[c] - cellWidth;
                if (rightAligned[c]) {
                    out.repeat(' ', pad).append(cell);
                } else {
                    out.append(cell).repeat(' ', pad);
                }
            }
            int end = out.length();
            while (end > 0 && out.charAt(end - 1) == ' ') {
                end--;
            }
            lines.add(out.substring(0, end));
        }
        return List.copyOf(lines);
    }

    /**
     * The table with no width limit and no styles, lines joined with {@code \n} (no line break at the end).
     *
     * @return the table's text
     */
    @Override
    public String toString() {
        return String.join("\n", render(0, false));
    }

    /**
     * Column widths that fit {@code available} columns (the width less the separators), narrowing the widest
     * first: down to the soft floor (the header's width, at least {@link #MIN_COLUMN_WIDTH}), then if need be to the
     * hard floor ({@link #MIN_COLUMN_WIDTH}); never wider than the content.
     */
    private int[] fit(int[] natural, int available) {
        if (Arrays.stream(natural).asLongStream().sum() <= available) {
            return natural;
        }
        int[] soft = new int[columns];
        int[] hard = new int[columns];
        for (int c = 0; c < columns; c++) {
            int header = headers != null ? DisplayWidth.of(Style.strip(headers[c])) : 0;
            soft[c] = Math.min(natural[c], Math.max(MIN_COLUMN_WIDTH, header));
            hard[c] = Math.min(natural[c], MIN_COLUMN_WIDTH);
        }
        int[] floor = Arrays.stream(soft).asLongStream().sum() <= available ? soft : hard;
        if (Arrays.stream(floor).asLongStream().sum() >= available) {
            return floor;
        }
        // The highest level such that capping every column at it (but not below its floor) fits.
        int low = 0;
        int high = Arrays.stream(natural).max().orElse(0);
        while (low < high) {
            int level = (low + high + 1) >>> 1;
            if (capped(natural, floor, level) <= available) {
                low = level;
            } else {
                high = level - 1;
            }
        }
        int[] widths = new int[columns];
        int spare = available;
        for (int c = 0; c < columns; c++) {
            widths[c] = Math.max(floor[c], Math.min(natural[c], low));
            spare -= widths[c];
        }
        // Columns capped at the level get the columns left over, one each from the left (fewer than they are).
        for (int c = 0; c < columns && spare > 0; c++) {
            if (widths[c] == low && natural[c] > low) {
                widths[c]++;
                spare--;
            }
        }
        return widths;
    }

    private static long capped(int[] natural, int[] floor, int level) {
        long sum = 0;
        for (int c = 0; c < natural.length; c++) {
            sum += Math.max(floor[c], Math.min(natural[c], level));
        }
        return sum;
    }

    /**
     * The longest start of the cell that fits in {@code width - 1} columns, then {@code …}; escape sequences before
     * the cut are kept, and if they leave a style on, the result ends with a reset.
     */
    private static String truncate(String cell, int width) {
        StringBuilder out = new StringBuilder(cell.length() + Style.RESET.length());
        int budget = width - 1;
        int used = 0;
        boolean styleOn = false;
        int i = 0;
        while (i < cell.length()) {
            if (cell.charAt(i) == EscapeSequences.ESC) {
                int end = EscapeSequences.end(cell, i);
                out.append(cell, i, end);
                if (EscapeSequences.isSgr(cell, i, end)) {
                    styleOn = !EscapeSequences.endsWithReset(cell, i, end);
                }
                i = end;
                continue;
            }
            int cp = cell.codePointAt(i);
            int w = DisplayWidth.of(cp);
            if (used + w > budget) {
                break;
            }
            out.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        out.append(ELLIPSIS);
        if (styleOn) {
            out.append(Style.RESET);
        }
        return out.toString();
    }

    /**
     * The cell's text with its escape sequences removed (all, or all but SGR) and each control character replaced
     * by a space, so a row stays one line. Once only SGR sequences are left, no ESC can start a new sequence.
     */
    private static String clean(String text, boolean keepSgr) {
        String kept = EscapeSequences.strip(text, keepSgr);
        StringBuilder out = null;
        for (int i = 0; i < kept.length(); i++) {
            char c = kept.charAt(i);
            if (Character.isISOControl(c) && c != EscapeSequences.ESC) {
                if (out == null) {
                    out = new StringBuilder(kept);
                }
                out.setCharAt(i, ' ');
            }
        }
        return out == null ? kept : out.toString();
    }
}
