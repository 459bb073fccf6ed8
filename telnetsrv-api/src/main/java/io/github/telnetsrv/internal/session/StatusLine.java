package io.github.telnetsrv.internal.session;

/**
 * A command's progress line: one line at the bottom of the output, rewritten in place, that other output does not
 * garble. Output of the command or an asynchronous message first takes the progress line off the screen, then is
 * written, then the progress line is drawn again below it; a line being read (a prompt, a question) ends it.
 *
 * <p>On a client that is not a terminal (netcat, an SSH channel without a PTY) nothing is drawn: rewriting a line
 * in place would leave every version of it in the output. Confined to the session's lock.
 */
final class StatusLine {

    /** Where the line is drawn: the session's output, under its lock. */
    interface Output {
        /** Writes text ({@code "\n"} ends a line). */
        void write(String text);

        /** The cursor is back at the start of a line (after an erase). */
        void atLineStart();

        /** Whether the last output ended a line. */
        boolean endsLine();

        /** Whether the client is a terminal. */
        boolean terminal();
    }

    private static final String ERASE_LINE = "\r\u001b[K";

    private final Output out;
    /** The progress text, or null when there is none. */
    private String text;
    /** Whether the text is on the screen, the cursor at its end. */
    private boolean shown;

    StatusLine(Output out) {
        this.out = out;
    }

    /** Under the lock: shows or replaces the progress line. */
    void show(String progress) {
        text = progress;
        if (!out.terminal()) {
            return;
        }
        if (shown) {
            out.write(ERASE_LINE + progress);
            return;
        }
        if (!out.endsLine()) {
            out.write("\n");
        }
        out.write(progress);
        shown = true;
    }

    /** Under the lock, before other output: takes the progress line off the screen. */
    void hide() {
        if (shown) {
            out.write(ERASE_LINE);
            out.atLineStart();
            shown = false;
        }
    }

    /** Under the lock, after other output: draws the progress line again if that output ended its line. */
    void restore() {
        if (text != null && !shown && out.terminal() && out.endsLine()) {
            out.write(text);
            shown = true;
        }
    }

    /** Under the lock: the progress is over; the line is erased. */
    void clear() {
        hide();
        text = null;
    }

    /** Whether a progress line is active. */
    boolean active() {
        return text != null;
    }
}
