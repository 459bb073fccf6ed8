package io.github.telnetsrv.internal.editor;

/**
 * What a {@link LineEditor} shows and rings: the prompt, the row of the line being edited (kept right by a
 * {@link LineView}), the bell, and the output of one call into the editor, gathered and written in one piece.
 *
 * <p>It knows the two echo modes that decide what is drawn: whether the server echoes (off, the client shows
 * what is typed and only line ends are written) and whether the line is shown at all (off for passwords). It
 * does not know whether a line is being read: the editor asks it to draw only while one is.
 *
 * <p>Confined to one session's thread, like its editor. {@link #flush()} and {@link #bell()} call the
 * {@link EditorOutput}, which may call back into the editor.
 */
final class EditorScreen {

    private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";

    private final EditorOutput output;
    private final LineBuffer line;
    private final LineView view = new LineView();
    /** Output of the current call, written in one piece before any callback and when the call returns. */
    /** The output gathered, or null when there is none (an idle session keeps no builder). */
    private StringBuilder pending;
    private boolean serverEcho = true;
    private boolean echo;
    private String prompt = "";
    private String promptTail = "";
    private int promptColumn;
    /** The bell rang for a key that did not fit the full line: it rings again only after an edit succeeds. */
    private boolean fullLineBellRung;

    /**
     * @param output where the text and the bell go
     * @param line the editor's buffer, drawn on the row
     */
    EditorScreen(EditorOutput output, LineBuffer line) {
        this.output = output;
        this.line = line;
    }

    /** Whether the server echoes (character mode); off, the client echoes locally. */
    boolean serverEcho() {
        return serverEcho;
    }

    void serverEcho(boolean on) {
        this.serverEcho = on;
    }

    /** Whether the line is echoed at all: false while a password is read. */
    boolean echo() {
        return echo;
    }

    /** Whether the server draws the typed text: it echoes, and the line is not a password. */
    boolean shown() {
        return serverEcho && echo;
    }

    /**
     * A line begins: appends the prompt ({@code "\n"} becomes {@code "\r\n"}) and starts an empty row after it.
     *
     * @param prompt the prompt as the handler gave it
     * @param echo false for a password
     */
    void begin(String prompt, boolean echo) {
        this.echo = echo;
        this.prompt = crlf(prompt);
        this.promptTail = this.prompt.substring(this.prompt.lastIndexOf('\n') + 1);
        this.promptColumn = DisplayWidth.of(promptTail);
        this.fullLineBellRung = false;
        out().append(this.prompt);
        view.home();
        view.start(promptColumn);
    }

    int columns() {
        return view.columns();
    }

    /** Sets the terminal width without drawing (no line is shown). */
    void columns(int columns) {
        view.columns(columns);
    }

    /**
     * The width changed while the line is shown: the row is brought up to date in place when it still fits,
     * otherwise rewritten on a fresh row.
     */
    void resize(int columns) {
        boolean inPlace = view.fits(columns);
        view.columns(columns);
        if (inPlace) {
            render();
        } else {
            redraw();
        }
    }

    /** Brings the row up to date with the buffer, when the server draws it. */
    void render() {
        if (shown()) {
            view.update(line.chars(), line.cursor(), out());
        }
    }

    /** The buffer was replaced by another line (from the history): it is shown from its start. */
    void recalled() {
        view.home();
    }

    /** Appends text as it is: line ends, {@code "^C"}. */
    void append(String text) {
        out().append(text);
    }

    /** Appends a message and {@code "\r\n"} where the cursor is ({@code "\n"} becomes {@code "\r\n"}). */
    void print(String message) {
        out().append(crlf(message)).append("\r\n");
    }

    /** Clears the row, writes a message and {@code "\r\n"}, then the last prompt line and the line again. */
    void printAbove(String message) {
        out().append('\r').append(LineView.ERASE_TO_END).append(crlf(message)).append("\r\n");
        appendLine();
    }

    /** Clears the row and writes the last prompt line and the line again. */
    void rewriteRow() {
        out().append('\r').append(LineView.ERASE_TO_END);
        appendLine();
    }

    /** Writes the whole prompt and the line on a fresh row. */
    void redraw() {
        out().append("\r\n").append(prompt, 0, prompt.length() - promptTail.length());
        appendLine();
    }

    /** Clears the terminal, then writes the whole prompt and the line at the top. */
    void clearScreen() {
        out().append(CLEAR_SCREEN).append(prompt, 0, prompt.length() - promptTail.length());
        appendLine();
    }

    /** Appends the last prompt line, the typed text and the cursor move, on a row that is empty. */
    private void appendLine() {
        out().append(promptTail);
        if (serverEcho) {
            view.start(promptColumn);
            if (echo) {
                view.update(line.chars(), line.cursor(), out());
            }
        } else if (echo) {
            out().append(LineBuffer.printable(line.text()));
        }
    }

    /**
     * Rings the bell when an edit was impossible: always for a key that did not fit the full line (once until an
     * edit succeeds), otherwise only when the server echoes (never silently in line mode).
     *
     * @param done whether the edit was made
     * @param lineFull whether the edit inserts text: refused, the line is full
     */
    void changed(boolean done, boolean lineFull) {
        if (done) {
            fullLineBellRung = false;
        } else if (lineFull) {
            // Once per full line, not once per key: a flood past the bound gets one bell, not a byte per byte.
            if (!fullLineBellRung) {
                fullLineBellRung = true;
                bell();
            }
        } else if (serverEcho) {
            bell();
        }
    }

    /** Writes what was gathered, then rings the bell. */
    void bell() {
        flush();
        output.bell();
    }

    /** Writes the output gathered so far in one piece. */
    void flush() {
        if (pending == null || pending.isEmpty()) {
            return;
        }
        String text = pending.toString();
        pending = null;
        output.write(text);
    }

    private StringBuilder out() {
        if (pending == null) {
            pending = new StringBuilder();
        }
        return pending;
    }

    private static String crlf(String text) {
        return text.indexOf('\n') < 0 ? text : text.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
