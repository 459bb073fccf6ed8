package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.TelnetConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output of one session, bounded: bytes are appended to a pending buffer under the session's lock
 * ({@link #buffer()}), then written, never under the lock, by one thread at a time ({@link #flush()}). Output keeps
 * its order, and a slow client never blocks the lock.
 *
 * <p>Who writes depends on the thread. The session's own threads (its reader, and the tasks that run its handler
 * code: see {@link #ownReader} and {@link #owned}) write pending output themselves when no other thread is writing,
 * and a thread of theirs that finds more than {@link SessionConfig#maxPendingOutput()} bytes pending waits for the
 * writer, at most the write timeout: that is the backpressure on a command producing output. Any other thread (an
 * SSH I/O thread delivering a window change or a break, the caller of a broadcast or of {@code message}, a
 * scheduler of the application) never writes to the connection and never waits: it only appends, and hands the
 * write to a writer task ({@code writes}) when none is in progress. Such output is bounded on its own: a client
 * with more than {@link SessionConfig#maxPendingOutput()} bytes of it pending behind a write in progress is dropped
 * as one that stopped reading.
 *
 * <p>A client that stays stuck is dropped ({@link #lost}): by a producer whose wait for room ran out, by another
 * thread over its bound, or by the session's {@link Deadlines} check when a write stays blocked for the write timeout.
 * Dropping aborts the connection first (a reset, never blocking, needing no lock: a dropped client is cut even if
 * the session's lock is busy), which unblocks the write and ends the session's input, then marks the output failed.
 *
 * <p>Error text ({@link #errorText}) goes to the transport's error output where it has one (an SSH channel's
 * extended data, for a client without a terminal), else inline; the order of all output is kept.
 *
 * <p>{@link #flush()} never writes while the calling thread holds the session's lock: such output waits for the
 * next flush outside the lock, so a client that stopped reading can never stall a thread that holds the lock.
 *
 * <p>Shares the lock and condition of its {@link SessionTerminal}; methods say whether they need the lock held.
 */
public final class SessionOutput {

    /** Where the writes handed over by other threads run when the session gives no executor: a virtual thread. */
    public static final Executor VIRTUAL_WRITES = task -> Thread.ofVirtual().name("telnetsrv-writer").start(task);

    private static final Logger LOG = LoggerFactory.getLogger(SessionOutput.class);
    private static final int SHRINK_ABOVE = 8192;

    private final ReentrantLock lock;
    private final Condition changed;
    private final OutputStream out;
    /** Where error text lies in the pending bytes, for a transport that sends it apart; null: inline. */
    private final ErrorText errors;
    private final ConnectionAbort abort;
    private final SocketAddress remote;
    private final SessionConfig config;
    private final long writeTimeoutNanos;
    private final Executor writes;
    private final Runnable onLost;
    /** Told when a write to the connection begins, with its start: the write timeout's deadline comes closer. */
    private LongConsumer onWriteStart = started -> { };

    // Guarded by lock.
    private ByteArrayOutputStream pending;
    /** The protocol replies within {@link #pending}, kept when telnet AO discards the data around them. */
    private ByteArrayOutputStream replies;
    private boolean flushing;
    private boolean failed;
    /** The thread inside a write to the connection, or null. */
    private Thread writer;
    /** Whether {@link #writer} is to be interrupted once its write returns. */
    private boolean interruptWriter;
    /** Whose threads append: the session's own, or others (their bytes counted). */
    private final Producers producers;

    /** When the write in progress began ({@link System#nanoTime()}), or 0: read without the lock. */
    private volatile long writeStartedNanos;

    /**
     * @param lock the session's lock
     * @param changed signalled (under the lock) when a write ends or the output fails
     * @param connection the transport: its output is written, and it is closed when the client is dropped
     * @param err where error text goes (an SSH channel's extended data), or {@code null} for inline
     * @param config the bound and the write timeout
     * @param writes runs the writes handed over by threads that are not the session's own, one at a time
     * @param onLost run under the lock when the output fails (the terminal interrupts its command)
     */
    SessionOutput(ReentrantLock lock, Condition changed, TelnetConnection connection, OutputStream err,
            SessionConfig config, Executor writes, Runnable onLost) {
        this.lock = lock;
        this.changed = changed;
        this.out = connection.output();
        this.errors = err == null ? null : new ErrorText(err);
        this.abort = new ConnectionAbort(connection);
        this.remote = connection.remoteAddress();
        this.config = config;
        this.writeTimeoutNanos = config.writeTimeout().toNanos();
        this.writes = writes;
        this.onLost = onLost;
        this.producers = new Producers(lock);
    }

    // ------------------------------------------------------------------ the session's own threads

    /**
     * The calling thread is the session's reader: one of its own threads, which write their output themselves. On
     * that thread, before it reads; {@code null} (from that thread) when it stops serving.
     *
     * @param thread the reader, or {@code null}
     */
    public void ownReader(Thread thread) {
        producers.ownReader(thread);
    }

    /**
     * A task of the session's own (a command, the opening hooks, a completion, a scheduled task, an input drain):
     * while it runs, its thread writes its output itself and waits for room, as a command's backpressure.
     *
     * @param task the task
     * @return the task, marking its thread as the session's own while it runs
     */
    public Runnable owned(Runnable task) {
        return producers.owned(task);
    }

    // ------------------------------------------------------------------ appending (under the lock)

    /** The pending buffer to append to. Under the lock. */
    ByteArrayOutputStream buffer() {
        ByteArrayOutputStream p = pending;
        if (p == null) {
            p = new ByteArrayOutputStream(64);
            pending = p;
        }
        producers.appending(p.size());
        return p;
    }

    /**
     * Appends protocol replies (negotiation, subnegotiation): unlike data, they survive a telnet AO. Under the lock.
     *
     * @param buf the bytes
     * @param off the first byte
     * @param len the number of bytes
     */
    void writeReply(byte[] buf, int off, int len) {
        buffer().write(buf, off, len);
        if (replies == null) {
            replies = new ByteArrayOutputStream(Math.max(16, len));
        }
        replies.write(buf, off, len);
    }

    /**
     * Marks where error text begins or ends in what is appended: with an error output it goes there (in order with
     * the rest), else inline. Under the lock, around the appends of one error.
     *
     * @param error true before error text, false after it
     */
    void errorText(boolean error) {
        if (errors != null) {
            errors.mark(error, buffer().size());
        }
    }

    /**
     * Drops the data the client has not been sent yet (telnet AO), keeping the protocol replies among it. Under
     * the lock.
     */
    void discardPending() {
        if (pending != null) {
            pending.reset();
            if (replies != null) {
                pending.writeBytes(replies.toByteArray());
            }
        }
        if (errors != null) {
            errors.clear();
        }
        producers.reset(pending == null ? 0 : pending.size());
    }

    /** Whether the client was dropped or a write failed: nothing more reaches it. Under the lock. */
    boolean failed() {
        return failed;
    }

    /** When the write in progress began, or 0 when none is. Any thread. */
    public long writeStartedNanos() {
        return writeStartedNanos;
    }

    /** The write timeout, in nanoseconds. */
    long writeTimeoutNanos() {
        return writeTimeoutNanos;
    }

    /** Sets what is told when a write begins (the write timeout's deadline); before the output is used. */
    void onWriteStart(LongConsumer action) {
        this.onWriteStart = action;
    }

    /** The client's address, for log lines. */
    SocketAddress remoteAddress() {
        return remote;
    }

    /**
     * Interrupts a thread, unless it is inside a write to the connection: then the interrupt is delivered when
     * the write returns (an interrupted virtual thread would have its socket closed). Under the lock.
     *
     * @param thread the thread to interrupt
     */
    void interrupt(Thread thread) {
        if (thread == writer) {
            interruptWriter = true;
        } else {
            thread.interrupt();
        }
    }

    // ------------------------------------------------------------------ writing (without the lock)

    /**
     * Writes pending output, unless another thread is writing (it writes this output too). Without the lock.
     *
     * <p>On one of the session's own threads: writes it here; a thread that finds the buffer over its bound waits
     * for the writer, at most the write timeout, and a client that stays stuck that long is dropped. On any other
     * thread: never writes and never waits; the write is handed to a writer task when none is in progress, and a
     * client with more than {@link SessionConfig#maxPendingOutput()} bytes of such output pending behind a write in
     * progress is dropped.
     */
    void flush() {
        if (lock.isHeldByCurrentThread()) {
            return; // never write under the lock: the next flush outside it sends this output
        }
        boolean handOver = false;
        String overflow = null;
        lock.lock();
        try {
            if (!producers.own()) {
                if (failed) {
                    clearPending(); // nothing more reaches this client: what others append is let go
                    return;
                }
                if (!flushing) {
                    if (pending != null && pending.size() > 0) {
                        flushing = true; // the writer task takes it all at once: nothing waits
                        handOver = true;
                    }
                } else if (producers.foreignBytes(pending == null ? 0 : pending.size())
                        > config.maxPendingOutput()) {
                    overflow = "client stopped reading: over " + config.maxPendingOutput()
                            + " bytes of output from other threads pending behind a write";
                }
                if (!handOver && overflow == null) {
                    return; // the write in progress sends it, or nothing is pending
                }
            } else {
                if (flushing) {
                    awaitRoom();
                    return;
                }
                if (pending == null || pending.size() == 0) {
                    return;
                }
                flushing = true;
            }
        } finally {
            lock.unlock();
        }
        if (overflow != null) {
            lost(overflow);
        } else if (handOver) {
            handOver();
        } else {
            writePending();
        }
    }

    /** Starts a writer task for what other threads appended; {@link #flushing} is set for it. */
    private void handOver() {
        try {
            writes.execute(this::writePending);
        } catch (RejectedExecutionException | OutOfMemoryError e) {
            // The session is ending (its tasks are shut down) or no thread can be made: the next flush of one of
            // the session's own threads writes it, if any comes.
            LOG.debug("{}: output not handed over: {}", remote, e.toString());
            lock.lock();
            try {
                flushing = false;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Writes until nothing is pending, on the thread that set {@link #flushing} (or the writer task it handed the
     * write to); clears it at the end. Without the lock.
     */
    private void writePending() {
        boolean done = false;
        try {
            while (true) {
                byte[] chunk;
                int[] switches;
                lock.lock();
                try {
                    if (pending == null || pending.size() == 0 || failed) {
                        clearPending();
                        flushing = false;
                        changed.signalAll();
                        done = true;
                        return;
                    }
                    chunk = pending.toByteArray();
                    switches = errors == null ? null : errors.take();
                    if (chunk.length > SHRINK_ABOVE) {
                        pending = null;
                    } else {
                        pending.reset();
                    }
                    replies = null;
                    producers.reset(0);
                    writer = Thread.currentThread();
                } finally {
                    lock.unlock();
                }
                // A virtual thread interrupted inside a socket write has its socket closed: the write runs
                // with the interrupt status clear, and an interrupt meant for this thread waits until it returns.
                boolean interrupted = Thread.interrupted();
                long started = System.nanoTime();
                writeStartedNanos = started;
                try {
                    onWriteStart.accept(started);
                    if (switches == null) {
                        out.write(chunk);
                        out.flush();
                    } else {
                        errors.write(out, chunk, switches);
                    }
                } catch (IOException e) {
                    lost("write failed: " + e);
                } finally {
                    writeStartedNanos = 0;
                    lock.lock();
                    try {
                        writer = null;
                        interrupted |= interruptWriter;
                        interruptWriter = false;
                    } finally {
                        lock.unlock();
                    }
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        } finally {
            if (!done) {
                lock.lock();
                try {
                    flushing = false;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /**
     * Writes everything pending before the connection closes, waiting for another thread's write in progress
     * (at most the write timeout; a stuck client is dropped by then anyway). Without the lock, on one of the
     * session's own threads.
     */
    public void drain() {
        long deadline = System.nanoTime() + writeTimeoutNanos;
        boolean interrupted = false;
        try {
            while (true) {
                flush();
                lock.lock();
                try {
                    while (flushing && !failed) {
                        long remaining = deadline - System.nanoTime();
                        if (remaining <= 0) {
                            return;
                        }
                        try {
                            changed.awaitNanos(remaining);
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                    if (failed || pending == null || pending.size() == 0) {
                        return;
                    }
                } finally {
                    lock.unlock();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The session has ended: nothing more is written, and what other threads append from now on is let go (a
     * message to a session that is over). Without the lock; after {@link #drain()}.
     */
    public void close() {
        lock.lock();
        try {
            failed = true;
            clearPending();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops the client when the write in progress has been blocked for the write timeout (it stopped reading).
     * Called by the session's deadline check, without the lock; never blocks: the connection is aborted at once,
     * and the rest of the drop (which takes the session's lock) runs on a thread of its own.
     *
     * @param nowNanos the current {@link System#nanoTime()}
     */
    void dropIfWriteBlocked(long nowNanos) {
        if (abort.writeBlocked(writeStartedNanos, nowNanos, writeTimeoutNanos)) {
            drop("client stopped reading: a write blocked for " + config.writeTimeout());
        }
    }

    /**
     * Drops the client from a thread that must not block (the deadlines'): aborts the connection at once, and
     * marks the output failed on a thread of its own (that takes the session's lock).
     *
     * @param why for the log
     */
    void drop(String why) {
        abort.abort(why);
        Thread.ofVirtual().name("telnetsrv-drop").start(() -> lost(why));
    }

    /**
     * Drops the client because its output cannot be delivered: aborts the connection, which ends the reader and
     * so the session, then marks the output failed. With or without the lock; the abort needs none and never
     * blocks.
     *
     * @param why for the log
     */
    void lost(String why) {
        abort.abort(why);
        lock.lock();
        try {
            if (failed) {
                return;
            }
            failed = true;
            clearPending();
            onLost.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: what is pending is let go, and its accounts with it. */
    private void clearPending() {
        pending = null;
        replies = null;
        if (errors != null) {
            errors.clear();
        }
        producers.reset(0);
    }

    /** Under the lock, called by {@link #flush()} on one of the session's own threads while another one writes. */
    private void awaitRoom() {
        if (pending == null || pending.size() <= config.maxPendingOutput()) {
            return;
        }
        long deadline = System.nanoTime() + writeTimeoutNanos;
        boolean interrupted = false;
        while (flushing && !failed && pending != null && pending.size() > config.maxPendingOutput()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                lock.unlock();
                try {
                    lost("client stopped reading: over " + config.maxPendingOutput() + " bytes pending for "
                            + config.writeTimeout());
                } finally {
                    lock.lock();
                }
                break;
            }
            try {
                changed.awaitNanos(remaining);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
