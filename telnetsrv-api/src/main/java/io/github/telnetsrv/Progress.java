package io.github.telnetsrv;

import io.github.telnetsrv.internal.session.SessionTerminal;
import java.util.Objects;

/**
 * A running command's progress line, from {@link TelnetHandler#progress(String)}: one line at the bottom of the
 * output, rewritten in place by {@link #update(String)}. Output of the command and asynchronous messages
 * ({@code writeMessage}) appear above it and do not garble it; a line being read (the next prompt, a question)
 * ends it. On a client that is not a terminal ({@link TelnetHandler#isTerminal()} false: netcat, an SSH exec)
 * nothing is drawn until {@link #done(String)}, whose line is written as any other.
 *
 * <pre>{@code
 * try (Progress progress = progress("Copying... 0%")) {
 *     for (int i = 1; i <= 100; i++) {
 *         copyOnePercent();
 *         progress.update("Copying... " + i + "%");
 *     }
 *     progress.done("Copied.");
 * }
 * }</pre>
 *
 * <p>Any thread; one progress line per session at a time (a new one replaces the last).
 */
public final class Progress implements AutoCloseable {

    private final SessionTerminal terminal;

    Progress(SessionTerminal terminal, String text) {
        this.terminal = terminal;
        update(text);
    }

    /**
     * Replaces the progress text.
     *
     * @param text one line, without line breaks
     */
    public void update(String text) {
        Objects.requireNonNull(text, "text");
        terminal.progress(text.replace('\n', ' ').replace('\r', ' '));
    }

    /**
     * Ends the progress with a line that stays (on every client).
     *
     * @param text the last line
     */
    public void done(String text) {
        terminal.endProgress(Objects.requireNonNull(text, "text"));
    }

    /** Ends the progress, erasing its line if {@link #done(String)} did not end it. */
    @Override
    public void close() {
        terminal.endProgress(null);
    }
}
