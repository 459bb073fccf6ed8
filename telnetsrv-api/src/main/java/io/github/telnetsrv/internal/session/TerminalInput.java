package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.internal.editor.LineEditor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The input of one session's terminal, as its reader thread feeds it: the bytes the client sent go to the
 * transport, which hands keys to the editor ({@link #received}); a read that timed out resolves a lone ESC
 * ({@link #readTimedOut()}); the end of the input ends what waits for it ({@link #inputClosed()}).
 *
 * <p>Reads are untimed, except while a lone ESC waits for the rest of its sequence: the reader asks
 * {@link #readTimeoutMillis()} before its first read and gets the next timeout from each call here. The idle
 * timeout is the {@link SessionWatchdog}'s (see {@link SessionLimits}).
 *
 * <p>Shares the lock and condition of its {@link SessionTerminal}. Every public method takes the lock itself, then
 * flushes the output and delivers the owner's events once it has released it. Called by the reader thread, but
 * {@link #lastInputNanos()} by any.
 */
public final class TerminalInput {

    private final ReentrantLock lock;
    private final Condition changed;
    private final SessionConfig config;
    private final Transport transport;
    private final LineEditor editor;
    private final SessionOutput output;
    private final OwnerEvents events;
    private final LineHandOver lines;

    // Guarded by lock.
    private long lastInputNanos = System.nanoTime();

    /**
     * @param lock the session's lock
     * @param changed the lock's condition, signalled when input came
     * @param config the escape timeout
     * @param transport decodes the bytes
     * @param editor resolves a lone ESC
     * @param output the session's output
     * @param events the owner's events
     * @param lines the lines the end of the input ends
     */
    TerminalInput(ReentrantLock lock, Condition changed, SessionConfig config, Transport transport, LineEditor editor,
            SessionOutput output, OwnerEvents events, LineHandOver lines) {
        this.lock = lock;
        this.changed = changed;
        this.config = config;
        this.transport = transport;
        this.editor = editor;
        this.output = output;
        this.events = events;
        this.lines = lines;
    }

    /**
     * Feeds bytes the client sent.
     *
     * @return the timeout for the next read, as {@link #readTimeoutMillis()} gives it
     */
    public int received(byte[] buf, int off, int len) {
        int timeout;
        lock.lock();
        try {
            lastInputNanos = System.nanoTime();
            transport.receive(buf, off, len);
            changed.signalAll();
            timeout = readTimeoutLocked();
        } finally {
            lock.unlock();
        }
        output.flush();
        events.deliver();
        return timeout;
    }

    /**
     * How long the reader's next read may block, in milliseconds (0 = forever): the escape timeout while a
     * lone ESC waits, else forever. Reads are untimed otherwise (a timed read costs a timer per read); the idle
     * timeout is checked by the {@link SessionWatchdog}.
     */
    public int readTimeoutMillis() {
        lock.lock();
        try {
            return readTimeoutLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A read timed out: resolves a lone ESC once the escape timeout has passed since the last byte.
     *
     * @return the timeout for the next read, as {@link #readTimeoutMillis()} gives it
     */
    public int readTimedOut() {
        int timeout;
        lock.lock();
        try {
            if (editor.escapePending() && System.nanoTime() - lastInputNanos >= config.escapeTimeout().toNanos()) {
                editor.timeout();
            }
            changed.signalAll();
            timeout = readTimeoutLocked();
        } finally {
            lock.unlock();
        }
        output.flush();
        events.deliver();
        return timeout;
    }

    /** The input ended (end of stream, reset, or the connection was closed). */
    public void inputClosed() {
        lock.lock();
        try {
            transport.endOfInput();
            lines.endInput();
        } finally {
            lock.unlock();
        }
        events.deliver();
    }

    /** When the client last sent anything ({@link System#nanoTime()}). Any thread. */
    public long lastInputNanos() {
        lock.lock();
        try {
            return lastInputNanos;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: {@link #lastInputNanos()}. */
    long lastInputNanosLocked() {
        return lastInputNanos;
    }

    private int readTimeoutLocked() {
        return editor.escapePending() ? (int) Math.max(1, config.escapeTimeout().toMillis()) : 0;
    }
}
