package io.github.telnetsrv.internal.session;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Whether a session's handler tasks may go on, and how their threads learn that they may not.
 *
 * <p>The session is over ({@link #closed()}) once its input ended, its output failed, or the user pressed Ctrl-D
 * at the top-level prompt; it has {@linkplain #timedOut() timed out} once the idle timeout or the deadline of a line
 * passed. The thread running the opening hooks ({@link #hooksRunning}) and the thread running a command
 * ({@link #commandStarted}) are interrupted when the input ends or the session is ended from another thread.
 * Ctrl-C (Telnet IP, BRK) while no line is read interrupts the running command, or, while the task runs none, is
 * kept for the task's next command or line; "^C" is shown once per task.
 *
 * <p>Shares the lock and condition of its {@link SessionTerminal}. Public methods take the lock themselves, from the
 * threads they name; package-private ones are called under it, by the {@link LineHandOver} and the editor's
 * callback {@link #interruptedWhileIdle()}. A thread is interrupted through {@link SessionOutput#interrupt}, which
 * holds the interrupt back while that thread writes to the connection.
 */
public final class TaskControl {

    private final ReentrantLock lock;
    private final Condition changed;
    private final SessionOutput output;
    private final Consumer<String> write;

    // Guarded by lock.
    /** The thread running the session's opening hooks (login, sessionStart), or null. */
    private Thread hookThread;
    /** The thread running a command, or null. */
    private Thread commandThread;
    private boolean inputEnded;
    /** The client is gone (not only its input ended): what a task starts is interrupted at once. */
    private boolean clientLeft;
    private boolean endOfInputTyped;
    private boolean timedOut;
    /** Ctrl-C (IP, BRK) came while a task ran but no command did: the task's next command or line is abandoned. */
    private boolean interruptPending;
    /** "^C" was shown for an interrupt while no line was read; shown again after the next line starts. */
    private boolean interruptShown;

    /**
     * @param lock the session's lock
     * @param changed the lock's condition, signalled when the session is over
     * @param output the session's output
     * @param write under the lock: appends text for the client, encoded by the terminal
     */
    TaskControl(ReentrantLock lock, Condition changed, SessionOutput output, Consumer<String> write) {
        this.lock = lock;
        this.changed = changed;
        this.output = output;
        this.write = write;
    }

    /**
     * Marks the calling thread as running the session's opening hooks (issue, login, welcome, sessionStart):
     * when the input ends (disconnect, server close) it is interrupted; {@code null} when they are done.
     */
    public void hooksRunning(Thread thread) {
        lock.lock();
        try {
            hookThread = thread;
            if (thread != null && clientLeft) {
                output.interrupt(thread);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks the calling thread as running a command: Ctrl-C, IP and BRK now interrupt it.
     *
     * @return false if the command must not run: the session is ending, or the user pressed Ctrl-C after
     *     entering it, before it started
     */
    public boolean commandStarted(Thread thread) {
        lock.lock();
        try {
            if (ending() || interruptPending) {
                interruptPending = false;
                return false;
            }
            commandThread = thread;
            if (clientLeft) {
                // Typed before the input ended (a script piped in, then a half-close): it runs, but anything it
                // would wait for is interrupted at once.
                thread.interrupt();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The command started by {@link #commandStarted} returned: interrupts no longer reach its thread. */
    public void commandEnded() {
        lock.lock();
        try {
            commandThread = null;
        } finally {
            lock.unlock();
        }
    }

    /** Waits, without reading a line, until the time passes or the input ends. */
    public void pause(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + nanos;
            long remaining = nanos;
            while (remaining > 0 && !closedLocked()) {
                changed.awaitNanos(remaining);
                remaining = deadline - System.nanoTime();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the session is over: input ended, output failed, or ended by Ctrl-D. Any thread. */
    public boolean closed() {
        lock.lock();
        try {
            return closedLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the idle timeout, or the deadline of a line read (the login's), has passed. Any thread. */
    public boolean timedOut() {
        lock.lock();
        try {
            return timedOut;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ under the lock

    /** Under the lock: {@link #closed()}. */
    boolean closedLocked() {
        return inputEnded || output.failed() || endOfInputTyped;
    }

    /**
     * Under the lock: whether the session is to end, so that no prompt is shown and no command starts: the output
     * failed, Ctrl-D, or a timeout. The end of the input alone is not enough: the lines typed before it still run.
     */
    boolean ending() {
        return output.failed() || endOfInputTyped || timedOut;
    }

    /** Under the lock: whether the input ended. */
    boolean inputEnded() {
        return inputEnded;
    }

    /** Under the lock: {@link #timedOut()}. */
    boolean timedOutLocked() {
        return timedOut;
    }

    /** Under the lock: the idle timeout, or a line's deadline, passed. */
    void timeOut() {
        timedOut = true;
    }

    /** Under the lock: Ctrl-D at the top-level prompt ends the session. */
    void endOfInputTyped() {
        endOfInputTyped = true;
    }

    /** Under the lock: the input ended; the running command and the opening hooks are interrupted. */
    void endInput() {
        endInput(true);
    }

    /**
     * Under the lock: the input ended. The running command and the opening hooks are interrupted when the client
     * is gone, not when it only stopped sending and still reads (a half-close: an SSH channel's EOF).
     */
    void endInput(boolean clientGone) {
        inputEnded = true;
        clientLeft |= clientGone;
        if (clientGone) {
            interruptThreads();
        }
    }

    /** Under the lock: the session is ended; the running command and the opening hooks are interrupted. */
    void interruptThreads() {
        if (commandThread != null) {
            output.interrupt(commandThread);
        }
        if (hookThread != null) {
            output.interrupt(hookThread);
        }
    }

    /** Under the lock, when the output fails: the command producing it is interrupted. */
    void interruptCommand() {
        if (commandThread != null) {
            output.interrupt(commandThread);
        }
    }

    /**
     * Under the lock, as a line starts being read: takes the interrupt kept for it.
     *
     * @return true if Ctrl-C came before the line, which is then abandoned
     */
    boolean takeInterrupt() {
        boolean pending = interruptPending;
        interruptPending = false;
        return pending;
    }

    /** Under the lock, as the top-level prompt is shown: an interrupt kept for the task is dropped with it. */
    void dropInterrupt() {
        interruptPending = false;
    }

    /** Under the lock, as a line starts being read: the next interrupt while no line is read shows "^C" again. */
    void lineStarted() {
        interruptShown = false;
    }

    /** Under the lock, from the editor: Ctrl-C (IP, BRK) while no line is edited. */
    void interruptedWhileIdle() {
        // No line is read, so a task runs (or is about to): interrupt its command, or the next thing it does.
        // "^C" is shown once per task, not once per byte (a flood of 0x03 gets one line).
        if (!interruptShown) {
            interruptShown = true;
            write.accept("^C\r\n");
        }
        if (commandThread != null) {
            output.interrupt(commandThread);
        } else {
            interruptPending = true;
        }
    }
}
