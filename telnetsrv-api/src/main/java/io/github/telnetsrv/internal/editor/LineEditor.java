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
 * <p>Modes: with server echo off ({@link #setServerEcho}{@code (false)}, the client echoes locally) nothing is
 * echoed, only typing, Backspace, Ctrl-U, Enter, Ctrl-C and Ctrl-D act, and a Tab is text (the accepted line
 * keeps it; a row rewritten on the terminal shows it as a space); with {@code echo=false} in
 * {@link #readLine} (passwords) nothing is echoed at all, there is no history and no completion.
 *
 * <p>Input that arrives while no line is read is kept as type-ahead (up to {@code maxLineLength +
 * maxEscapeLength} characters, the rest is dropped) and edited into the next line; Ctrl-C in it discards it
 * and calls {@link EditorOutput#interruptedWhileIdle()}.
 *
 * <p>Confined to one session's thread: the session serialises every call (with a lock); callbacks run on
 * the calling thread and may call back in.
 */
public final class LineEditor {

    private static final Set<EditAction> CLIENT_ECHO_ACTIONS = EnumSet.of(EditAction.SELF_INSERT,
            EditAction.ACCEPT_LINE, EditAction.BACKWARD_DELETE_CHAR, EditAction.UNIX_LINE_DISCARD,
            EditAction.INTERRUPT, EditAction.END_OF_INPUT);
    private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";
    private static final int KEEP_CAPACITY = 1024;

    private final EditorOutput output;
    private final HistoryBrowser browser;
    private final KeyReader reader;
    private final LineBuffer line;
    private final LineView view = new LineView();
    /** Output of the current call, written in one piece before any callback and when the call returns. */
    private StringBuilder pending = new StringBuilder();
    private Completer completer;
    private CompletionRequests completionRequests;
    private boolean serverEcho = true;
    /** Tab asked for candidates asynchronously: keys are held until {@link #completed} or a cancel. */
    private boolean awaitingCompletion;
    private int completionWordStart;
    private boolean completionRepeated;

    private boolean reading;
    private boolean echo;
    private boolean useHistory;
    private String prompt = "";
    private String promptTail = "";
    private int promptColumn;
    private boolean lastWasComplete;
    private boolean draining;
    /** The bell rang for a key that did not fit the full line: it rings again only after an edit succeeds. */
    private boolean fullLineBellRung;

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
        this.browser = new HistoryBrowser(Objects.requireNonNull(history, "history"));
        Objects.requireNonNull(keys, "keys");
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength: " + maxLineLength + " (expected: 1 or more)");
        }
        if (maxEscapeLength < 1) {
            throw new IllegalArgumentException("maxEscapeLength: " + maxEscapeLength + " (expected: 1 or more)");
        }
        this.line = new LineBuffer(maxLineLength);
        int typeAhead = (int) Math.min((long) maxLineLength + maxEscapeLength, Integer.MAX_VALUE);
        this.reader = new KeyReader(keys, maxEscapeLength, typeAhead);
    }

    /**
     * Sets the Tab completion hook.
     *
     * @param completer the hook; null for none (Tab rings the bell)
     */
    public void setCompleter(Completer completer) {
        this.completer = completer;
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
        this.completionRequests = requests;
    }

    /**
     * Whether a Tab waits for {@link #completed}.
     *
     * @return true while candidates are awaited
     */
    public boolean completionPending() {
        return awaitingCompletion;
    }

    /**
     * Brings the candidates of the pending asynchronous completion: they are applied as a synchronous
     * {@link Completer}'s would be, then the keys held meanwhile run. Ignored when no completion is pending.
     *
     * @param candidates the candidates (null counts as none)
     */
    public void completed(List<String> candidates) {
        if (!awaitingCompletion) {
            return;
        }
        awaitingCompletion = false;
        lastWasComplete = completionRepeated;
        apply(completionWordStart, Completion.candidates(candidates));
        lastWasComplete = true;
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
        if (!reading || !serverEcho || !echo || columns == view.columns()) {
            view.columns(columns);
            return;
        }
        boolean inPlace = view.fits(columns);
        view.columns(columns);
        if (inPlace) {
            render();
        } else {
            redraw();
        }
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
        if (serverEcho == this.serverEcho) {
            return;
        }
        reader.tabIsText(!serverEcho);
        if (!reading) {
            this.serverEcho = serverEcho;
            return;
        }
        line.end();
        if (serverEcho) {
            this.serverEcho = true;
            line.set(LineBuffer.printable(line.text())); // a tab typed in line mode becomes a space
            pending.append('\r').append(LineView.ERASE_TO_END).append(promptTail);
            view.start(promptColumn);
            if (echo) {
                view.update(line.chars(), line.cursor(), pending);
            }
        } else {
            render();
            this.serverEcho = false;
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
        this.echo = echo;
        this.useHistory = useHistory && echo;
        this.prompt = crlf(prompt);
        this.promptTail = this.prompt.substring(this.prompt.lastIndexOf('\n') + 1);
        this.promptColumn = DisplayWidth.of(promptTail);
        browser.start();
        this.lastWasComplete = false;
        this.fullLineBellRung = false;
        this.awaitingCompletion = false;
        line.clear();
        pending.append(this.prompt);
        view.home();
        view.start(promptColumn);
        drain();
        flush();
    }

    /**
     * Feeds decoded input. CR (0x0D) is Enter: the protocol engine turns every line end into one CR.
     *
     * @param chars the characters, in order
     */
    public void receive(CharSequence chars) {
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (awaitingCompletion && reader.singleKey(c) == EditAction.INTERRUPT) {
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
        flush();
    }

    /**
     * Whether a lone ESC (or an incomplete key sequence) waits to be resolved: the session then calls
     * {@link #timeout()} if nothing more arrives soon (50-100 ms).
     *
     * @return true while a sequence is pending
     */
    public boolean escapePending() {
        return reading && !awaitingCompletion && reader.pending();
    }

    /** Resolves a pending ESC or sequence: it is swallowed (never inserted), or run if it is itself bound. */
    public void timeout() {
        if (!reading || awaitingCompletion) {
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
        awaitingCompletion = false;
        line.clear();
        if (serverEcho && echo) {
            pending.append("\r\n");
        }
        flush();
    }

    /** Telnet EC: the same as Backspace (while idle, drops the last type-ahead character). */
    public void eraseCharacter() {
        if (reading) {
            awaitingCompletion = false;
            perform(EditAction.BACKWARD_DELETE_CHAR);
            drain();
            flush();
        } else {
            reader.dropLast();
        }
    }

    /** Telnet EL: clears the whole line (while idle, drops the type-ahead of the current line). */
    public void eraseLine() {
        if (reading) {
            awaitingCompletion = false;
            line.clear();
            render();
            drain();
            flush();
        } else {
            reader.dropLastLine();
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
        String text = crlf(message) + "\r\n";
        if (reading) {
            pending.append('\r').append(LineView.ERASE_TO_END).append(text);
            appendLine();
        } else {
            pending.append(text);
        }
        flush();
    }

    /** Rewrites the prompt, the line and the cursor on a fresh line (after AYT, or anything that spoiled the row). */
    public void redraw() {
        if (!reading) {
            return;
        }
        pending.append("\r\n").append(prompt, 0, prompt.length() - promptTail.length());
        appendLine();
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

    /** Appends the last prompt line, the typed text and the cursor move, on a row that is empty. */
    private void appendLine() {
        pending.append(promptTail);
        if (serverEcho) {
            view.start(promptColumn);
            if (echo) {
                view.update(line.chars(), line.cursor(), pending);
            }
        } else if (echo) {
            pending.append(LineBuffer.printable(line.text()));
        }
    }

    /** Writes the output gathered so far in one piece. */
    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        String text = pending.toString();
        if (pending.capacity() > KEEP_CAPACITY) {
            pending = new StringBuilder();
        } else {
            pending.setLength(0);
        }
        output.write(text);
    }

    private void bell() {
        flush();
        output.bell();
    }

    /** Runs the keys decoded from the queued input until it runs out or the line ends. */
    private void drain() {
        if (draining) {
            return; // a callback started a new line: the loop below goes on with it
        }
        draining = true;
        try {
            while (reading && !awaitingCompletion) {
                EditAction action = reader.poll();
                if (action == null) {
                    return;
                }
                perform(action);
            }
        } finally {
            draining = false;
        }
    }

    private void perform(EditAction action) {
        if (!serverEcho && !CLIENT_ECHO_ACTIONS.contains(action)) {
            return;
        }
        boolean completing = false;
        switch (action) {
            case SELF_INSERT -> changed(line.insert(reader.codePoint()), true);
            case ACCEPT_LINE -> accept();
            case BACKWARD_CHAR -> changed(line.left(), false);
            case FORWARD_CHAR -> changed(line.right(), false);
            case BACKWARD_WORD -> changed(line.wordLeft(), false);
            case FORWARD_WORD -> changed(line.wordRight(), false);
            case BEGINNING_OF_LINE -> line.home();
            case END_OF_LINE -> line.end();
            case BACKWARD_DELETE_CHAR -> changed(line.deleteBefore(), false);
            case DELETE_CHAR -> changed(line.deleteAt(), false);
            case KILL_LINE -> line.killToEnd();
            case UNIX_LINE_DISCARD -> line.killToStart();
            case UNIX_WORD_RUBOUT -> changed(line.killWordBefore(), false);
            case CLEAR_SCREEN -> clearScreen();
            case PREVIOUS_HISTORY -> previousHistory();
            case NEXT_HISTORY -> nextHistory();
            case COMPLETE -> {
                complete();
                completing = true;
            }
            case INTERRUPT -> abandon();
            case END_OF_INPUT -> {
                if (line.isEmpty()) {
                    endOfInput();
                } else {
                    changed(line.deleteAt(), false);
                }
            }
            case IGNORE -> { }
            default -> throw new AssertionError(action);
        }
        lastWasComplete = completing;
        render();
    }

    /** Rings the bell when an edit was impossible (always for a full line, never silently in line mode). */
    private void changed(boolean done, boolean lineFull) {
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

    /** Brings the screen up to date with the buffer, when the server echoes and the line is shown. */
    private void render() {
        if (!reading || !serverEcho || !echo) {
            return;
        }
        view.update(line.chars(), line.cursor(), pending);
    }

    private void accept() {
        String text = line.text();
        reading = false;
        line.clear();
        if (useHistory) {
            browser.history().add(text);
        }
        if (serverEcho) {
            pending.append("\r\n");
        }
        flush();
        output.lineAccepted(text);
    }

    private void abandon() {
        reading = false;
        awaitingCompletion = false;
        line.clear();
        pending.append("^C\r\n");
        flush();
        output.interrupted();
    }

    private void endOfInput() {
        reading = false;
        line.clear();
        if (serverEcho) {
            pending.append("\r\n");
        }
        flush();
        output.endOfInput();
    }

    private void clearScreen() {
        pending.append(CLEAR_SCREEN).append(prompt, 0, prompt.length() - promptTail.length());
        appendLine();
    }

    private void previousHistory() {
        String older = useHistory ? browser.older(line.text()) : null;
        if (older == null) {
            bell();
        } else {
            recall(older);
        }
    }

    private void nextHistory() {
        String newer = useHistory ? browser.newer() : null;
        if (newer == null) {
            bell();
        } else {
            recall(newer);
        }
    }

    private void recall(String text) {
        line.set(LineBuffer.printable(text));
        view.home();
    }

    private void complete() {
        if (!echo) {
            return; // never complete (or hint at) a password
        }
        String text = line.text();
        int cursor = line.cursor();
        int wordStart = Completion.wordStart(text, cursor);
        if (completionRequests != null) {
            awaitingCompletion = true;
            completionWordStart = wordStart;
            completionRepeated = lastWasComplete;
            flush();
            completionRequests.requested(text, wordStart, cursor);
            return;
        }
        if (completer == null) {
            bell();
            return;
        }
        apply(wordStart, Completion.candidates(completer.complete(text, wordStart, cursor)));
    }

    /** Applies completion candidates for the word from {@code wordStart} to the cursor. */
    private void apply(int wordStart, List<String> candidates) {
        int cursor = line.cursor();
        if (candidates.isEmpty()) {
            bell();
        } else if (candidates.size() == 1) {
            changed(line.replaceBeforeCursor(wordStart, candidates.get(0) + " "), true);
        } else {
            String common = Completion.commonPrefix(candidates);
            if (common.length() > cursor - wordStart) {
                changed(line.replaceBeforeCursor(wordStart, common), true);
            } else if (lastWasComplete) {
                printAbove(String.join(" ", candidates));
            } else {
                bell();
            }
        }
    }

    private static String crlf(String text) {
        return text.indexOf('\n') < 0 ? text : text.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
