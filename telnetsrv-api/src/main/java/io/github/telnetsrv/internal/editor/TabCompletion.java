package io.github.telnetsrv.internal.editor;

import io.github.telnetsrv.edit.EditAction;
import java.util.List;

/**
 * Tab completion for a {@link LineEditor}: finds the word before the cursor, gets its candidates from a
 * {@link Completer} at once or from {@link CompletionRequests} later (the answer comes back through
 * {@link #answered}), and applies them: a single candidate replaces the word, followed by a space; several
 * complete it to their common prefix, and when that adds nothing a Tab right after a Tab lists them above the
 * line; none ring the bell.
 *
 * <p>Completion runs only while a line is read, so the list is always printed above a line being edited.
 *
 * <p>Confined to one session's thread, like its editor. The completer and the requests are called on it.
 */
final class TabCompletion {

    private final LineBuffer line;
    private final EditorScreen screen;
    private Completer completer;
    private CompletionRequests requests;
    /** Tab asked for candidates asynchronously: the editor holds keys until {@link #answered} or a cancel. */
    private boolean awaiting;
    private int wordStart;
    /** Whether the Tab that awaits candidates came right after a Tab. */
    private boolean repeated;
    /** Whether the last key run was Tab: the next Tab then lists the candidates. */
    private boolean afterTab;

    /**
     * @param line the editor's buffer, where candidates are applied
     * @param screen where the bell rings and candidates are listed
     */
    TabCompletion(LineBuffer line, EditorScreen screen) {
        this.line = line;
        this.screen = screen;
    }

    void completer(Completer completer) {
        this.completer = completer;
    }

    void requests(CompletionRequests requests) {
        this.requests = requests;
    }

    /** Whether candidates asked for are awaited. */
    boolean awaiting() {
        return awaiting;
    }

    /** Stops awaiting candidates: an answer coming later is for a line that is gone. */
    void cancel() {
        awaiting = false;
    }

    /** A new line: no candidates are awaited, and no Tab came before. */
    void reset() {
        awaiting = false;
        afterTab = false;
    }

    /** A key was run on the line: a Tab that comes next follows a Tab only if this one was. */
    void keyRan(EditAction action) {
        afterTab = action == EditAction.COMPLETE;
    }

    /**
     * Tab: completes the word before the cursor, or asks for its candidates (after writing what was gathered).
     * Without a completer, rings the bell.
     */
    void complete() {
        String text = line.text();
        int cursor = line.cursor();
        int start = Completion.wordStart(text, cursor);
        if (requests != null) {
            awaiting = true;
            wordStart = start;
            repeated = afterTab;
            screen.flush();
            if (!requests.requested(text, start, cursor)) {
                awaiting = false; // refused: no candidates, the keys go on
                screen.bell();
            }
            return;
        }
        if (completer == null) {
            screen.bell();
            return;
        }
        apply(start, Completion.candidates(completer.complete(text, start, cursor)), afterTab);
    }

    /**
     * The awaited candidates came (only when {@link #awaiting()}): applied as a completer's would be, as if the Tab
     * had just been pressed; the next Tab follows it.
     *
     * @param candidates the candidates (null counts as none)
     */
    void answered(List<String> candidates) {
        awaiting = false;
        afterTab = repeated;
        apply(wordStart, Completion.candidates(candidates), repeated);
        afterTab = true;
    }

    /** Applies completion candidates for the word from {@code start} to the cursor. */
    private void apply(int start, List<String> candidates, boolean repeated) {
        int cursor = line.cursor();
        if (candidates.isEmpty()) {
            screen.bell();
        } else if (candidates.size() == 1) {
            screen.changed(line.replaceBeforeCursor(start, candidates.get(0) + " "), true);
        } else {
            String common = Completion.commonPrefix(candidates);
            if (common.length() > cursor - start) {
                screen.changed(line.replaceBeforeCursor(start, common), true);
            } else if (repeated) {
                screen.printAbove(String.join(" ", candidates));
                screen.flush();
            } else {
                screen.bell();
            }
        }
    }
}
