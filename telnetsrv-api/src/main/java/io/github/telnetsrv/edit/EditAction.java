package io.github.telnetsrv.edit;

/**
 * The named actions a key sequence can be bound to in a {@code KeyMap}.
 *
 * <p>Bindings are data: a key map maps byte/character sequences to these actions, and the line editor
 * carries them out.
 */
public enum EditAction {
    /** Insert the typed character at the cursor. */
    SELF_INSERT,
    /** Accept the line (Enter). */
    ACCEPT_LINE,
    /** Move the cursor one character left (Left, Ctrl-B). */
    BACKWARD_CHAR,
    /** Move the cursor one character right (Right, Ctrl-F). */
    FORWARD_CHAR,
    /** Move the cursor one word left (Ctrl-Left). */
    BACKWARD_WORD,
    /** Move the cursor one word right (Ctrl-Right). */
    FORWARD_WORD,
    /** Move the cursor to the start of the line (Home, Ctrl-A). */
    BEGINNING_OF_LINE,
    /** Move the cursor to the end of the line (End, Ctrl-E). */
    END_OF_LINE,
    /** Delete the character left of the cursor (Backspace: 0x7F or 0x08). */
    BACKWARD_DELETE_CHAR,
    /** Delete the character under the cursor (Delete, {@code ESC[3~}). */
    DELETE_CHAR,
    /** Delete from the cursor to the end of the line (Ctrl-K). */
    KILL_LINE,
    /** Delete from the start of the line to the cursor (Ctrl-U). */
    UNIX_LINE_DISCARD,
    /** Delete the word left of the cursor (Ctrl-W). */
    UNIX_WORD_RUBOUT,
    /** Clear the screen and redraw the prompt and line (Ctrl-L). */
    CLEAR_SCREEN,
    /** Replace the line with the previous history entry (Up, Ctrl-P). */
    PREVIOUS_HISTORY,
    /** Replace the line with the next history entry (Down, Ctrl-N). */
    NEXT_HISTORY,
    /** Complete the word at the cursor (Tab). */
    COMPLETE,
    /** Abandon the line (Ctrl-C); while a command runs, the session interrupts it instead. */
    INTERRUPT,
    /** End the session on an empty line, otherwise delete the character under the cursor (Ctrl-D). */
    END_OF_INPUT,
    /** Swallow the sequence: recognised but bound to nothing (Insert, PgUp, PgDn, F-keys). */
    IGNORE
}
