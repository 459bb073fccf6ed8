package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.transport.Transport;
import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.internal.editor.LineEditor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The input of one session's terminal, as its reader thread feeds it: the bytes the client sent go to the
 * transport, which hands keys to the editor ({@link #received}); a read that timed out resolves a lone ESC
 * ({@link #readTimedOut()}); the end of the input ends what waits for it ({@link #inputClosed()}).
 *
 * <p>Backpressure, never loss: every byte read is decoded and queued in the editor, and while more than
 * {@link #maxQueuedInput()} characters wait there (type-ahead: a pasted or piped script while a command runs),
 * {@link #received} does not return, so the reader reads nothing more from its connection. The client is then
 * held back by the transport itself (TCP's window, an SSH channel's window) until the session takes lines from the
 * queue and {@link #inputTaken()} wakes the reader. Memory per session is bounded by that mark plus one read.
 *
 * <p>Reads are untimed, except while a lone ESC waits for the rest of its sequence: the reader asks
 * {@link #readTimeoutMillis()} before its first read and gets the next timeout from each call here. The idle
 * timeout is the {@link Deadlines}' (see {@link SessionLimits}).
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

    private final int maxQueuedInput;

    // Guarded by lock.
    private long lastInputNanos = System.nanoTime();
    /** The reader waits in {@link #received} for the queue to get shorter. */
    private boolean waitingForRoom;
    /** The session is ending and its connection closing: the reader waits for nothing more. */
    private boolean stopped;

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
        this.maxQueuedInput = (int) Math.min((long) config.maxLineLength() + QUEUE_MARGIN, Integer.MAX_VALUE);
    }

    /** Room in the queue beyond the longest line: a key sequence or two, so that one full line never blocks. */
    private static final int QUEUE_MARGIN = 64;

    /**
     * The most characters queued in the editor before the reader stops reading: the session's longest line and a
     * little more. One read more may be queued past it.
     *
     * @return the mark, in characters
     */
    public int maxQueuedInput() {
        return maxQueuedInput;
    }

    /**
     * Feeds bytes the client sent, then, while the editor's queue is over {@link #maxQueuedInput()}, waits until
     * the session takes input from it or ends: the caller reads nothing meanwhile (backpressure). Called by the
     * reader thread only.
     *
     * @return the timeout for the next read, as {@link #readTimeoutMillis()} gives it
     */
    public int received(byte[] buf, int off, int len) {
        boolean full;
        int timeout;
        lock.lock();
        try {
            lastInputNanos = System.nanoTime();
            transport.receive(buf, off, len);
            changed.signalAll();
            timeout = readTimeoutLocked();
            full = editor.queuedInput() > maxQueuedInput;
        } finally {
            lock.unlock();
        }
        output.flush();
        events.deliver();
        return full ? awaitRoom() : timeout;
    }

    /**
     * Waits until the queue is back under its mark (a line started and took its input) or the session stops and
     * closes its connection. A session that is ending for another reason (a timeout, a failed output, Ctrl-D) gets
     * there too: it finishes and {@link #stop()}s; until then nothing more is read.
     */
    private int awaitRoom() {
        boolean interrupted = false;
        lock.lock();
        try {
            waitingForRoom = true;
            while (editor.queuedInput() > maxQueuedInput && !stopped) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
            waitingForRoom = false;
            return readTimeoutLocked();
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Under the lock, from the editor: input was taken from its queue; a reader waiting for room reads again once
     * the queue is back under its mark.
     */
    void inputTaken() {
        if (waitingForRoom && editor.queuedInput() <= maxQueuedInput) {
            changed.signalAll();
        }
    }

    /**
     * The session is ending and closes its connection: a reader waiting for room goes back to its read, which the
     * closed connection ends. Any thread.
     */
    public void stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * How long the reader's next read may block, in milliseconds (0 = forever): the escape timeout while a
     * lone ESC waits, else forever. Reads are untimed otherwise (a timed read costs a timer per read); the idle
     * timeout is checked by the {@link Deadlines}.
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
