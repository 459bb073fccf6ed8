package io.github.telnetsrv.internal.editor;

import io.github.telnetsrv.edit.EditAction;

/**
 * The actions that edit the line being read, as {@link EditAction} describes them: typing, moves, deletes and kills,
 * clearing the screen, Up and Down through the history, and Tab (through {@link TabCompletion}). An action that
 * cannot be done rings the bell. The actions that end the line (Enter, Ctrl-C, Ctrl-D on an empty line) are the
 * {@link LineEditor}'s own.
 *
 * <p>Confined to one session's thread, like its editor.
 */
final class LineEdits {

    private final LineBuffer line;
    private final EditorScreen screen;
    private final TabCompletion completion;
    private final KeyReader reader;
    private final HistoryBrowser browser;
    private boolean useHistory;

    /**
     * @param line the buffer edited
     * @param screen where the bell rings and the screen is cleared
     * @param completion what Tab runs
     * @param reader the keys, for the character a typed key inserts
     * @param browser the session's history, browsed by Up and Down
     */
    LineEdits(LineBuffer line, EditorScreen screen, TabCompletion completion, KeyReader reader,
            HistoryBrowser browser) {
        this.line = line;
        this.screen = screen;
        this.completion = completion;
        this.reader = reader;
        this.browser = browser;
    }

    /**
     * A new line: Up starts again from the newest entry.
     *
     * @param useHistory whether Up and Down browse the history, and the line is added to it when accepted
     */
    void begin(boolean useHistory) {
        this.useHistory = useHistory;
        browser.start();
    }

    /** The line was accepted: it is added to the history, if this line uses it. */
    void accepted(String text) {
        if (useHistory) {
            browser.history().add(text);
        }
    }

    /**
     * Runs an action that edits the line.
     *
     * @param action any action but {@code ACCEPT_LINE} and {@code INTERRUPT}; {@code END_OF_INPUT} deletes the
     *     character at the cursor (on an empty line it ends the input instead, which the editor does)
     */
    void run(EditAction action) {
        switch (action) {
            case SELF_INSERT -> screen.changed(line.insert(reader.codePoint()), true);
            case BACKWARD_CHAR -> screen.changed(line.left(), false);
            case FORWARD_CHAR -> screen.changed(line.right(), false);
            case BACKWARD_WORD -> screen.changed(line.wordLeft(), false);
            case FORWARD_WORD -> screen.changed(line.wordRight(), false);
            case BEGINNING_OF_LINE -> line.home();
            case END_OF_LINE -> line.end();
            case BACKWARD_DELETE_CHAR -> screen.changed(line.deleteBefore(), false);
            case DELETE_CHAR, END_OF_INPUT -> screen.changed(line.deleteAt(), false);
            case KILL_LINE -> line.killToEnd();
            case UNIX_LINE_DISCARD -> line.killToStart();
            case UNIX_WORD_RUBOUT -> screen.changed(line.killWordBefore(), false);
            case CLEAR_SCREEN -> screen.clearScreen();
            case PREVIOUS_HISTORY -> recall(useHistory ? browser.older(line.text()) : null);
            case NEXT_HISTORY -> recall(useHistory ? browser.newer() : null);
            case COMPLETE -> {
                if (screen.echo()) { // never complete (or hint at) a password
                    completion.complete();
                }
            }
            case IGNORE -> { }
            default -> throw new AssertionError(action);
        }
    }

    /** Shows a line from the history, or rings the bell when there is none ({@code null}) that way. */
    private void recall(String text) {
        if (text == null) {
            screen.bell();
            return;
        }
        line.set(LineBuffer.printable(text));
        screen.recalled();
    }
}
