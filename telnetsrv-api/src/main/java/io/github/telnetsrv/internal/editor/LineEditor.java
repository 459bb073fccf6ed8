package io.github.telnetsrv.internal.editor;

import io.github.telnetsrv.edit.EditAction;
import io.github.telnetsrv.edit.KeyMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The line editor: a state machine fed decoded characters ({@link #receive}), emitting its effects through
 * an {@link EditorOutput}. No I/O, threads or clocks: time reaches it only through {@link #timeout()}.
 *
 * <p>Keys are looked up in a {@link KeyMap}; see {@link EditAction} for what each action does. Impossible
 * moves ring the bell. The screen is kept right by {@code LineView}: one row, scrolled horizontally when
 * the line is wider than the terminal ({@code '<'} and {@code '>'} mark hidden text). A "character" for moves
 * and deletes is a code point plus the combining marks after it; wide characters take two columns.
 *
 * <p>The editor keeps the state of the line (read or not, type-ahead, completion awaited) and ends it; the keys
 * that edit it are run by {@code LineEdits}, Tab completion is {@code TabCompletion}'s, and what is drawn (the
 * prompt, the row, the bell, the output gathered during a call) is {@code EditorScreen}'s.
 *
 * <p>Modes: with server echo off ({@link #setServerEcho}{@code (false)}, the client echoes locally) nothing is
 * echoed, only typing, Backspace, Ctrl-U, Enter, Ctrl-C and Ctrl-D act, and a Tab is text (the accepted line
 * keeps it; a row rewritten on the terminal shows it as a space); with {@code echo=false} in
 * {@link #readLine} (passwords) nothing is echoed at all, there is no history and no completion.
 *
 * <p>Input that arrives while no line is read is kept as type-ahead and edited into the next line; Ctrl-C in it
 * discards it and calls {@link EditorOutput#interruptedWhileIdle()}. Nothing received is ever dropped: the caller
 * bounds the type-ahead by feeding no more while {@link #queuedInput()} is high (a session stops reading its
 * connection), and {@link EditorOutput#inputTaken()} tells it when the queue got shorter.
 *
 * <p>Confined to one session's thread: the session serialises every call (with a lock); callbacks run on
 * the calling thread and may call back in.
 */
public final class LineEditor {

    private static final Set<EditAction> CLIENT_ECHO_ACTIONS = EnumSet.of(EditAction.SELF_INSERT,
            EditAction.ACCEPT_LINE, EditAction.BACKWARD_DELETE_CHAR, EditAction.UNIX_LINE_DISCARD,
            EditAction.INTERRUPT, EditAction.END_OF_INPUT);

    private final EditorOutput output;
    private final KeyReader reader;
    private final LineBuffer line;
    private final EditorScreen screen;
    /** Keys are held while it awaits candidates (until {@link #completed} or a cancel). */
    private final TabCompletion completion;
    private final LineEdits edits;

    private boolean reading;
    private boolean draining;
    /** Inside {@link #receive}: the caller feeds input, and needs no word that the queue got shorter. */
    private boolean receiving;

    /**
     * An idle editor; call {@link #readLine} to start a line.
     *
     * @param output where the effects go
     * @param keys the key bindings (shareable)
     * @param history the session's history
     * @param maxLineLength the longest line in chars: typing beyond it rings the bell
     * @param maxEscapeLength the longest key sequence matched against {@code keys}; longer ones are swallowed
     * @throws IllegalArgumentException if a limit is below 1
     */
    public LineEditor(EditorOutput output, KeyMap keys, History history, int maxLineLength, int maxEscapeLength) {
        this.output = Objects.requireNonNull(output, "output");
        HistoryBrowser browser = new HistoryBrowser(Objects.requireNonNull(history, "history"));
        Objects.requireNonNull(keys, "keys");
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength: " + maxLineLength + " (expected: 1 or more)");
        }
        if (maxEscapeLength < 1) {
            throw new IllegalArgumentException("maxEscapeLength: " + maxEscapeLength + " (expected: 1 or more)");
        }
        this.line = new LineBuffer(maxLineLength);
        this.screen = new EditorScreen(output, line);
        this.completion = new TabCompletion(line, screen);
        this.reader = new KeyReader(keys, maxEscapeLength);
        this.edits = new LineEdits(line, screen, completion, reader, browser);
    }

    /**
     * Sets the Tab completion hook.
     *
     * @param completer the hook; null for none (Tab rings the bell)
     */
    public void setCompleter(Completer completer) {
        completion.completer(completer);
    }

    /**
     * Makes Tab completion asynchronous: Tab calls {@code requests} (instead of a {@link Completer}) and holds
     * every further key until {@link #completed} brings the candidates. Ctrl-C, telnet IP, EC, EL and the end of
     * the line drop the request (a late {@link #completed} is then ignored). For completers that must not run
     * where the editor runs (handler code, under a session's lock).
     *
     * @param requests receives the requests; null for synchronous completion through the {@link Completer}
     */
    public void setCompletionRequests(CompletionRequests requests) {
        completion.requests(requests);
    }

    /**
     * Whether a Tab waits for {@link #completed}.
     *
     * @return true while candidates are awaited
     */
    public boolean completionPending() {
        return completion.awaiting();
    }

    /**
     * Brings the candidates of the pending asynchronous completion: they are applied as a synchronous
     * {@link Completer}'s would be, then the keys held meanwhile run. Ignored when no completion is pending.
     *
     * @param candidates the candidates (null counts as none)
     */
    public void completed(List<String> candidates) {
        if (!completion.awaiting()) {
            return;
        }
        completion.answered(candidates);
        render();
        drain();
        flush();
    }

    /**
     * Sets the terminal width. While a line is edited it is redrawn: in place when the row still fits,
     * otherwise on a fresh line; the buffer and cursor are kept.
     *
     * @param columns the width in columns; 0 means unknown (80 is used)
     * @throws IllegalArgumentException if negative
     */
    public void setWidth(int columns) {
        if (columns < 0) {
            throw new IllegalArgumentException("columns: " + columns + " (expected: 0 or more)");
        }
        if (!reading || !screen.shown() || columns == screen.columns()) {
            screen.columns(columns);
            return;
        }
        screen.resize(columns);
        flush();
    }

    /**
     * Whether the server echoes (character mode, the default). Off, the client echoes locally (line mode,
     * netcat): nothing is echoed, there are no cursor keys, characters are collected until CR. Switching on
     * mid-line rewrites the row from the prompt; switching off moves the cursor to the end first.
     *
     * @param serverEcho true when the server echoes
     */
    public void setServerEcho(boolean serverEcho) {
        if (serverEcho == screen.serverEcho()) {
            return;
        }
        reader.tabIsText(!serverEcho);
        if (!reading) {
            screen.serverEcho(serverEcho);
            return;
        }
        line.end();
        if (serverEcho) {
            screen.serverEcho(true);
            line.set(LineBuffer.printable(line.text())); // a tab typed in line mode becomes a space
            screen.rewriteRow();
        } else {
            render();
            screen.serverEcho(false);
        }
        flush();
    }

    /**
     * Begins a line: writes the prompt, then edits any type-ahead into the line.
     *
     * @param prompt the prompt ({@code "\n"} becomes {@code "\r\n"}); may hold colour sequences
     * @param echo false for passwords: nothing is echoed, and the line is not added to the history
     * @param useHistory whether Up/Down browse the history and the accepted line is added to it
     * @throws IllegalStateException if a line is already being read
     */
    public void readLine(String prompt, boolean echo, boolean useHistory) {
        Objects.requireNonNull(prompt, "prompt");
        if (reading) {
            throw new IllegalStateException("readLine while a line is being read (expected: idle)");
        }
        this.reading = true;
        edits.begin(useHistory && echo);
        completion.reset();
        line.clear();
        screen.begin(prompt, echo);
        drain();
        flush();
    }

    /**
     * Feeds decoded input. CR (0x0D) is Enter: the protocol engine turns every line end into one CR.
     *
     * @param chars the characters, in order
     */
    public void receive(CharSequence chars) {
        boolean nested = receiving;
        receiving = true;
        try {
            for (int i = 0; i < chars.length(); i++) {
                char c = chars.charAt(i);
                if (completion.awaiting() && reader.singleKey(c) == EditAction.INTERRUPT) {
                    // Ctrl-C while candidates are awaited: the request and the keys held are dropped with the line.
                    reader.clear();
                    perform(EditAction.INTERRUPT);
                    continue;
                }
                if (!reading && reader.singleKey(c) == EditAction.INTERRUPT) {
                    reader.clear();
                    flush();
                    output.interruptedWhileIdle();
                    continue;
                }
                reader.offer(c);
                drain();
            }
        } finally {
            receiving = nested;
        }
        flush();
    }

    /**
     * The characters received and not yet edited into a line: type-ahead while no line is read (or while a
     * completion is awaited), and a key sequence waiting for its end. The caller bounds it (see the class).
     *
     * @return the number of characters queued
     */
    public int queuedInput() {
        return reader.queued();
    }

    /**
     * Whether a lone ESC (or an incomplete key sequence) waits to be resolved: the session then calls
     * {@link #timeout()} if nothing more arrives soon (50-100 ms).
     *
     * @return true while a sequence is pending
     */
    public boolean escapePending() {
        return reading && !completion.awaiting() && reader.pending();
    }

    /** Resolves a pending ESC or sequence: it is swallowed (never inserted), or run if it is itself bound. */
    public void timeout() {
        if (!reading || completion.awaiting()) {
            return;
        }
        EditAction action = reader.timeout();
        if (action != null) {
            perform(action);
        }
        drain();
        flush();
    }

    /** Telnet IP or BRK: the same as Ctrl-C (at the prompt or, while idle, for the running command). */
    public void interrupt() {
        if (reading) {
            perform(EditAction.INTERRUPT);
            flush();
        } else {
            reader.clear();
            taken();
            output.interruptedWhileIdle();
        }
    }

    /**
     * Ends the line being read from outside (the session timed out or its input ended): the cursor moves to a
     * fresh row when the server echoes, the typed text is dropped, and no callback is made. Does nothing while
     * idle.
     */
    public void cancel() {
        if (!reading) {
            return;
        }
        reading = false;
        completion.cancel();
        line.clear();
        if (screen.shown()) {
            screen.append("\r\n");
        }
        flush();
    }

    /** Telnet EC: the same as Backspace (while idle, drops the last type-ahead character). */
    public void eraseCharacter() {
        if (reading) {
            completion.cancel();
            perform(EditAction.BACKWARD_DELETE_CHAR);
            drain();
            flush();
        } else {
            reader.dropLast();
            taken();
        }
    }

    /** Telnet EL: clears the whole line (while idle, drops the type-ahead of the current line). */
    public void eraseLine() {
        if (reading) {
            completion.cancel();
            line.clear();
            render();
            drain();
            flush();
        } else {
            reader.dropLastLine();
            taken();
        }
    }

    /**
     * Shows an asynchronous message above the line being edited: clears the row, writes the message and
     * {@code "\r\n"} ({@code "\n"} in the message becomes {@code "\r\n"}), then rewrites the prompt, the typed
     * text and the cursor position. While idle, writes the message and {@code "\r\n"} only.
     *
     * @param message the message
     */
    public void printAbove(String message) {
        if (reading) {
            screen.printAbove(message);
        } else {
            screen.print(message);
        }
        flush();
    }

    /** Rewrites the prompt, the line and the cursor on a fresh line (after AYT, or anything that spoiled the row). */
    public void redraw() {
        if (!reading) {
            return;
        }
        screen.redraw();
        flush();
    }

    /**
     * Whether a line is being read: {@link #readLine} was called and the line is not yet accepted or abandoned.
     *
     * @return true while reading
     */
    public boolean reading() {
        return reading;
    }

    /**
     * The text being edited (empty while idle).
     *
     * @return the buffer
     */
    public String buffer() {
        return line.text();
    }

    /**
     * The cursor position, in chars of {@link #buffer()}; always between two characters (never inside a
     * surrogate pair or before a combining mark).
     *
     * @return the cursor index
     */
    public int cursor() {
        return line.cursor();
    }

    /** Writes the output gathered so far in one piece. */
    private void flush() {
        screen.flush();
    }

    /** Runs the keys decoded from the queued input until it runs out or the line ends. */
    private void drain() {
        if (draining) {
            return; // a callback started a new line: the loop below goes on with it
        }
        draining = true;
        int before = reader.queued();
        try {
            while (reading && !completion.awaiting()) {
                EditAction action = reader.poll();
                if (action == null) {
                    return;
                }
                perform(action);
            }
        } finally {
            draining = false;
            if (reader.queued() < before) {
                taken();
            }
        }
    }

    /** Queued input was taken other than by {@link #receive}: the caller may feed more. */
    private void taken() {
        if (!receiving) {
            output.inputTaken();
        }
    }

    private void perform(EditAction action) {
        if (!screen.serverEcho() && !CLIENT_ECHO_ACTIONS.contains(action)) {
            return;
        }
        switch (action) {
            case ACCEPT_LINE -> accept();
            case INTERRUPT -> abandon();
            case END_OF_INPUT -> {
                if (line.isEmpty()) {
                    endOfInput();
                } else {
                    edits.run(action);
                }
            }
            default -> edits.run(action);
        }
        completion.keyRan(action);
        render();
    }

    /** Brings the screen up to date with the buffer, when a line is read, the server echoes and the line is shown. */
    private void render() {
        if (reading) {
            screen.render();
        }
    }

    private void accept() {
        String text = line.text();
        reading = false;
        line.clear();
        edits.accepted(text);
        if (screen.serverEcho()) {
            screen.append("\r\n");
        }
        flush();
        output.lineAccepted(text);
    }

    private void abandon() {
        reading = false;
        completion.cancel();
        line.clear();
        screen.append("^C\r\n");
        flush();
        output.interrupted();
    }

    private void endOfInput() {
        reading = false;
        line.clear();
        if (screen.serverEcho()) {
            screen.append("\r\n");
        }
        flush();
        output.endOfInput();
    }
}
