package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.InputInterruptedException;
import io.github.telnetsrv.internal.editor.LineEditor;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The hand-over of lines between a session's threads: who takes the line the user enters, and what ends it.
 *
 * <p>While the top-level prompt is shown ({@link #showPrompt}, the last act of a task) no handler thread waits
 * here: a line entered there goes to the owner as an event ({@link SessionTerminal.Events#lineEntered}), which
 * starts a task for it. A command asks a question with {@link #readLine} and its thread waits for the answer. The
 * thread feeding the editor (the reader) hands the line over through the editor's callbacks
 * ({@link #lineAccepted}, {@link #interrupted}, {@link #endOfInput}). A line also ends when the session does: the
 * end of the input, {@link #endAtPrompt}, {@link #endNow}, the idle timeout, a deadline; whether the session goes on
 * is the {@link TaskControl}'s to say.
 *
 * <p>Shares the lock and condition of its {@link SessionTerminal}: state changes happen under the lock and wake the
 * condition. Public methods take the lock themselves, from the threads they name, and run nothing from outside
 * under it: they flush the output and deliver the owner's events once it is released. Package-private methods are
 * called under the lock (the editor's callbacks, the end of the input, the idle check).
 */
public final class LineHandOver {

    /** Who waits for the line being edited: nobody (no line is read), the owner (the top-level prompt), a command. */
    private enum Mode { IDLE, PROMPT, READING }

    private enum LineResult { NONE, ACCEPTED, INTERRUPTED, ENDED }

    private final ReentrantLock lock;
    private final Condition changed;
    private final LineEditor editor;
    private final SessionOutput output;
    private final OwnerEvents events;
    private final TaskControl tasks;
    private final Completions completions;
    private final Consumer<String> write;
    private final Runnable afterPrompt;
    /** Under the lock, before a line is read: ends the progress line. */
    private final Runnable beforeLine;

    // Guarded by lock.
    private Mode mode = Mode.IDLE;
    private LineResult lineResult = LineResult.NONE;
    private String acceptedLine;
    private long lineStartedNanos = System.nanoTime();

    /**
     * @param lock the session's lock
     * @param changed the lock's condition, signalled on every change a waiting thread may look for
     * @param editor the session's line editor
     * @param output the session's output
     * @param events the owner's events
     * @param tasks whether the session goes on, and the interrupts of its threads
     * @param completions Tab completion, which a command's {@code readLine} computes on its own thread
     * @param write under the lock: appends text for the client, encoded by the terminal
     * @param afterPrompt under the lock: appends what follows a prompt (Telnet: GA), if anything
     * @param beforeLine under the lock: runs before a line is read (the progress line ends there)
     */
    LineHandOver(ReentrantLock lock, Condition changed, LineEditor editor, SessionOutput output, OwnerEvents events,
            TaskControl tasks, Completions completions, Consumer<String> write, Runnable afterPrompt,
            Runnable beforeLine) {
        this.lock = lock;
        this.changed = changed;
        this.editor = editor;
        this.output = output;
        this.events = events;
        this.tasks = tasks;
        this.completions = completions;
        this.write = write;
        this.afterPrompt = afterPrompt;
        this.beforeLine = beforeLine;
    }

    /**
     * Shows the top-level prompt, the last act of a task. The line entered there reaches
     * {@link SessionTerminal.Events#lineEntered} (possibly at once, from type-ahead, on this thread).
     *
     * <p>After the input ended, the lines typed before its end still run, one per prompt; when none is left
     * the prompt is taken back and the session ends.
     *
     * @return false if the session is to end: the caller ends it
     */
    public boolean showPrompt(String prompt) {
        Objects.requireNonNull(prompt, "prompt");
        boolean shown;
        lock.lock();
        try {
            if (tasks.ending()) {
                return false;
            }
            mode = Mode.PROMPT;
            tasks.dropInterrupt();
            startLine(prompt, true, true);
            shown = !(tasks.inputEnded() && mode == Mode.PROMPT);
            if (!shown) {
                // The input ended and no line typed before it is left to run: the session ends.
                editor.cancel();
                mode = Mode.IDLE;
            }
        } finally {
            lock.unlock();
        }
        output.flush();
        events.deliver();
        return shown;
    }

    /**
     * Ends the session at once if it waits at the top-level prompt (a {@code closeSession()} from another
     * thread); otherwise the running task ends it when it finishes. Any thread.
     */
    public void endAtPrompt() {
        lock.lock();
        try {
            endIfAtPrompt();
        } finally {
            lock.unlock();
        }
        output.flush();
        events.deliver();
    }

    /**
     * Ends the session as soon as possible, from any thread: at once at the top-level prompt; a command's question
     * ends ({@code readLine} returns null), the running command and the opening hooks are interrupted.
     */
    public void endNow() {
        lock.lock();
        try {
            if (mode == Mode.PROMPT) {
                endIfAtPrompt();
            } else {
                if (mode == Mode.READING && lineResult == LineResult.NONE) {
                    lineResult = LineResult.ENDED;
                    changed.signalAll();
                }
                tasks.interruptThreads();
            }
        } finally {
            lock.unlock();
        }
        output.flush();
        events.deliver();
    }

    /**
     * Reads one line on a handler task.
     *
     * @param deadlineNanos an absolute {@link System#nanoTime()} deadline, or 0 for none
     * @return the line, or {@code null} when the session is ending (the input ended, the output failed, the
     *     deadline or the idle timeout passed: then the thread's interrupt status is left set) or the user
     *     pressed Ctrl-D on an empty line
     * @throws InputInterruptedException if the user pressed Ctrl-C (or sent IP/BRK), or the thread was
     *     interrupted while the session goes on
     * @throws IllegalStateException if another line is being read
     */
    public String readLine(String prompt, boolean echo, boolean useHistory, long deadlineNanos) {
        Objects.requireNonNull(prompt, "prompt");
        lock.lock();
        try {
            if (tasks.ending()) {
                return null;
            }
            if (mode != Mode.IDLE) {
                throw new IllegalStateException("readLine while " + (mode == Mode.PROMPT ? "the prompt is shown"
                        : "another line is being read") + " (expected: one line at a time, from a command)");
            }
            if (tasks.inputEnded()) {
                // The input ended, but a line typed before its end (a script piped in, then a half-close) still
                // answers the question; with none left, the answer is null at once.
                String typedAhead = typedAheadLine(prompt, echo, useHistory);
                mode = Mode.IDLE;
                lock.unlock();
                try {
                    output.flush();
                } finally {
                    lock.lock();
                }
                return typedAhead;
            }
            boolean interrupted = Thread.interrupted() | tasks.takeInterrupt();
            if (interrupted) {
                throw new InputInterruptedException();
            }
            mode = Mode.READING;
            lineResult = LineResult.NONE;
            startLine(prompt, echo, useHistory);
        } finally {
            lock.unlock();
        }
        output.flush();
        LineResult result;
        String line;
        lock.lock();
        try {
            awaitLine(deadlineNanos);
            // Ended or interrupted from outside: leave the row clean for what follows.
            editor.cancel();
            result = lineResult;
            line = acceptedLine;
            mode = Mode.IDLE;
            lineResult = LineResult.NONE;
            acceptedLine = null;
        } finally {
            lock.unlock();
        }
        output.flush();
        return switch (result) {
            case ACCEPTED -> line;
            case INTERRUPTED -> throw new InputInterruptedException();
            default -> null;
        };
    }

    /**
     * Under the lock, in {@link #readLine}: waits until the line has a result, computing the candidates Tab asks
     * for meanwhile (outside the lock).
     */
    private void awaitLine(long deadlineNanos) {
        try {
            while (lineResult == LineResult.NONE) {
                if (over()) {
                    lineResult = LineResult.ENDED;
                    break;
                }
                if (completions.readerRequestPending()) {
                    completions.completeForReader();
                    continue;
                }
                if (deadlineNanos != 0) {
                    long remaining = deadlineNanos - System.nanoTime();
                    if (remaining <= 0) {
                        tasks.timeOut();
                        lineResult = LineResult.ENDED;
                        break;
                    }
                    changed.awaitNanos(remaining);
                } else {
                    changed.await();
                }
            }
        } catch (InterruptedException e) {
            if (lineResult == LineResult.NONE) {
                if (over()) {
                    // The session interrupted the command to end it: end of input, and the thread stays
                    // interrupted so that the command's other blocking calls end too.
                    lineResult = LineResult.ENDED;
                    Thread.currentThread().interrupt();
                } else {
                    lineResult = LineResult.INTERRUPTED;
                }
            }
        }
    }

    // ------------------------------------------------------------------ under the lock

    /** Under the lock: whether the line being edited is the top-level prompt's. */
    boolean atPrompt() {
        return mode == Mode.PROMPT;
    }

    /**
     * Under the lock: the input ended (end of stream, reset, or the connection was closed). The running command,
     * the opening hooks and the prompt's completion task are interrupted; at the top-level prompt the session ends.
     */
    void endInput() {
        endInput(true);
    }

    /**
     * Under the lock: the input ended. When the client is gone, the running command and the opening hooks are
     * interrupted; when it only stopped sending (a half-close) nothing is, and the lines typed before still run.
     */
    void endInput(boolean clientGone) {
        tasks.endInput(clientGone);
        completions.interruptPromptTask();
        changed.signalAll();
        endIfAtPrompt();
    }

    /**
     * Under the lock, from the session's deadline check: ends the prompt (or question) that has waited for input for
     * {@code idleNanos}, counted from the last byte received or the start of the line, whichever is later. Writes
     * "Idle timeout" to the output, without flushing it: the deadlines' thread never writes.
     *
     * @param nowNanos {@link System#nanoTime()} of the check
     * @param idleNanos the idle timeout
     * @param lastInputNanos when the client last sent anything
     * @return true if the line was ended
     */
    boolean endIfIdle(long nowNanos, long idleNanos, long lastInputNanos) {
        long idleSince = lastInputNanos - lineStartedNanos > 0 ? lastInputNanos : lineStartedNanos;
        if (mode == Mode.IDLE || tasks.timedOutLocked() || nowNanos - idleSince < idleNanos) {
            return false;
        }
        tasks.timeOut();
        boolean atPrompt = mode == Mode.PROMPT;
        editor.cancel();
        write.accept("Idle timeout\r\n");
        if (atPrompt) {
            mode = Mode.IDLE;
            events.raiseEndRequested();
        }
        changed.signalAll();
        return true;
    }

    /**
     * Under the lock: when {@link #endIfIdle} ends the line being read, unless input comes first: the idle timeout
     * from the last byte received or the start of the line, whichever is later. With no line read (or the session
     * timed out), the earliest a line read from now on can: {@code nowNanos + idleNanos}.
     *
     * @param nowNanos {@link System#nanoTime()} now
     * @param idleNanos the idle timeout
     * @param lastInputNanos when the client last sent anything
     * @return the deadline
     */
    long idleDeadline(long nowNanos, long idleNanos, long lastInputNanos) {
        if (mode == Mode.IDLE || tasks.timedOutLocked()) {
            return nowNanos + idleNanos;
        }
        long idleSince = lastInputNanos - lineStartedNanos > 0 ? lastInputNanos : lineStartedNanos;
        return idleSince + idleNanos;
    }

    // ------------------------------------------------------------------ the editor's callbacks (under the lock)

    /** The user entered a line: the owner's at the top-level prompt, else the command's. */
    void lineAccepted(String line) {
        if (mode == Mode.PROMPT) {
            mode = Mode.IDLE;
            events.raiseLineEntered(line);
        } else {
            acceptedLine = line;
            lineResult = LineResult.ACCEPTED;
            changed.signalAll();
        }
    }

    /** Ctrl-C (IP, BRK) while a line is edited. */
    void interrupted() {
        if (mode == Mode.PROMPT) {
            // Ctrl-C at the top-level prompt abandons the line: a fresh prompt follows.
            mode = Mode.IDLE;
            events.raiseLineEntered(null);
        } else {
            lineResult = LineResult.INTERRUPTED;
            changed.signalAll();
        }
    }

    /** Ctrl-D on an empty line. */
    void endOfInput() {
        if (mode == Mode.PROMPT) {
            // Ctrl-D at the top-level prompt ends the session; in a command's readLine it ends only that input.
            tasks.endOfInputTyped();
            mode = Mode.IDLE;
            events.raiseEndRequested();
        } else {
            lineResult = LineResult.ENDED;
            changed.signalAll();
        }
    }

    // ------------------------------------------------------------------ internals

    /** Under the lock: at the top-level prompt, the prompt is taken back and the session is to end. */
    private void endIfAtPrompt() {
        if (mode == Mode.PROMPT) {
            editor.cancel();
            mode = Mode.IDLE;
            events.raiseEndRequested();
        }
    }

    /**
     * Under the lock, once the input ended: reads a line from what was typed before the end, if a whole one is
     * there (its prompt and echo are written as for any line).
     *
     * @return the line, or null when no whole line was typed ahead
     */
    private String typedAheadLine(String prompt, boolean echo, boolean useHistory) {
        mode = Mode.READING;
        lineResult = LineResult.NONE;
        startLine(prompt, echo, useHistory);
        String line = lineResult == LineResult.ACCEPTED ? acceptedLine : null;
        editor.cancel();
        lineResult = LineResult.NONE;
        acceptedLine = null;
        return line;
    }

    /** Under the lock: whether no line can be read any more: the session is over or timed out. */
    private boolean over() {
        return tasks.closedLocked() || tasks.timedOutLocked();
    }

    private void startLine(String prompt, boolean echo, boolean useHistory) {
        beforeLine.run(); // a progress line ends where a line is read
        lineStartedNanos = System.nanoTime();
        tasks.lineStarted();
        editor.readLine(prompt, echo, useHistory);
        afterPrompt.run();
    }
}
