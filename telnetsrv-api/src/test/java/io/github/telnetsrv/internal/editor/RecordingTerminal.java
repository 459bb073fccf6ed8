package io.github.telnetsrv.internal.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.telnetsrv.edit.KeyMap;
import java.util.ArrayList;
import java.util.List;

/**
 * A recording {@link EditorOutput} wired to a {@link ScreenModel}: keeps the effects in a log
 * ({@code bell}, {@code accepted:<line>}, {@code interrupted}, {@code eof}, {@code idle-interrupt}) and what was
 * written, and shows the written text on the model terminal. Holds the editor under test.
 */
final class RecordingTerminal implements EditorOutput {

    static final String PROMPT = "> ";

    final ScreenModel screen;
    final History history;
    final LineEditor editor;
    private final List<String> log = new ArrayList<>();
    private final StringBuilder written = new StringBuilder();
    /** When set, every ended line starts the next one at once, from inside the callback, like a busy session. */
    private boolean restart;
    /** How often the editor said that queued input was taken ({@link #inputTaken()}). */
    int inputTaken;

    RecordingTerminal(int width, KeyMap keys, int maxLineLength, int maxEscapeLength) {
        this.screen = new ScreenModel(width);
        this.history = new History(10);
        this.editor = new LineEditor(this, keys, history, maxLineLength, maxEscapeLength);
        editor.setWidth(width);
    }

    RecordingTerminal(int width) {
        this(width, KeyMap.defaults(), 200, 16);
    }

    /** An 80-column terminal reading a line at the prompt {@code "> "}. */
    static RecordingTerminal reading() {
        return reading(80);
    }

    static RecordingTerminal reading(int width) {
        RecordingTerminal terminal = new RecordingTerminal(width);
        terminal.editor.readLine(PROMPT, true, true);
        terminal.clear();
        return terminal;
    }

    /** The user resized the window: the model terminal first, then the editor hears of it (NAWS). */
    void resize(int width) {
        screen.resize(width);
        editor.setWidth(width);
    }

    RecordingTerminal type(String chars) {
        editor.receive(chars);
        return this;
    }

    @Override
    public void write(String text) {
        if (text.isEmpty()) {
            throw new AssertionError("empty write");
        }
        if (text.replace("\r\n", "").indexOf('\n') >= 0) {
            throw new AssertionError("bare \\n written: " + ScreenModel.visible(text));
        }
        written.append(text);
        screen.write(text);
    }

    @Override
    public void bell() {
        log.add("bell");
    }

    @Override
    public void lineAccepted(String line) {
        log.add("accepted:" + line);
        restartIfAsked();
    }

    @Override
    public void interrupted() {
        log.add("interrupted");
        restartIfAsked();
    }

    @Override
    public void endOfInput() {
        log.add("eof");
        restartIfAsked();
    }

    /** Makes every line end start the next line from inside the callback. */
    RecordingTerminal restartingLines() {
        restart = true;
        return this;
    }

    private void restartIfAsked() {
        if (restart) {
            editor.readLine(PROMPT, true, true);
        }
    }

    @Override
    public void inputTaken() {
        inputTaken++;
    }

    @Override
    public void interruptedWhileIdle() {
        log.add("idle-interrupt");
    }

    /** Asserts the effects since the last check (writes aside) and forgets them. */
    void assertLog(String... expected) {
        assertEquals(List.of(expected), List.copyOf(log), "effects");
        log.clear();
    }

    /** Returns the effects since the last check and forgets them. */
    List<String> takeLog() {
        List<String> effects = List.copyOf(log);
        log.clear();
        return effects;
    }

    /** Everything written since the last {@link #clear()}, control characters made visible. */
    String written() {
        return ScreenModel.visible(written.toString());
    }

    /** Returns what was written (made visible) and forgets it. */
    String takeWritten() {
        String text = written();
        written.setLength(0);
        return text;
    }

    void clear() {
        written.setLength(0);
        log.clear();
    }

    /** Asserts the row the cursor is on and the cursor column. */
    void assertScreen(String row, int cursorColumn) {
        assertEquals(row, screen.line(), "visible row");
        assertEquals(cursorColumn, screen.cursorColumn(), "cursor column");
    }

    /** Asserts the editor's buffer and cursor index. */
    void assertBuffer(String text, int cursor) {
        assertEquals(text, editor.buffer(), "buffer");
        assertEquals(cursor, editor.cursor(), "cursor index");
    }
}
