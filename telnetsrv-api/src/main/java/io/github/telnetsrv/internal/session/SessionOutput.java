package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.SessionConfig;
import io.github.telnetsrv.TelnetConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketAddress;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output of one session, bounded: bytes are appended to a pending buffer under the session's lock
 * ({@link #buffer()}), then written, never under the lock, by whichever thread finds no other thread writing
 * ({@link #flush()}). Output keeps its order, a slow client never blocks the lock, and a thread that finds more
 * than {@link SessionConfig#maxPendingOutput()} bytes pending waits for the writer, at most the write timeout.
 *
 * <p>A client that stays stuck is dropped ({@link #lost}): by a producer whose wait for room ran out, or by the
 * {@link SessionWatchdog} when a write stays blocked for the write timeout. Dropping aborts the connection first
 * (a reset, never blocking, needing no lock: a dropped client is cut even if the session's lock is busy), which
 * unblocks the write and ends the session's input, then marks the output failed.
 *
 * <p>{@link #flush()} never writes while the calling thread holds the session's lock: such output waits for the
 * next flush outside the lock, so a client that stopped reading can never stall a thread that holds the lock.
 *
 * <p>Shares the lock and condition of its {@link SessionTerminal}; methods say whether they need the lock held.
 */
public final class SessionOutput {

    private static final VarHandle LOST_ONCE;

    static {
        try {
            LOST_ONCE = MethodHandles.lookup().findVarHandle(SessionOutput.class, "lostOnce", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionOutput.class);
    private static final int SHRINK_ABOVE = 8192;

    private final ReentrantLock lock;
    private final Condition changed;
    private final OutputStream out;
    private final TelnetConnection connection;
    private final SocketAddress remote;
    private final SessionConfig config;
    private final long writeTimeoutNanos;
    private final Runnable onLost;

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

    /** When the write in progress began ({@link System#nanoTime()}), or 0: read by watchdogs without the lock. */
    private volatile long writeStartedNanos;
    /** Whether the watchdog began dropping the client. */
    private volatile boolean dropping;
    /** Set once, through {@link #LOST_ONCE} (a flag field: no object of its own per session). */
    private volatile boolean lostOnce;

    /**
     * @param lock the session's lock
     * @param changed signalled (under the lock) when a write ends or the output fails
     * @param connection the transport: its output is written, and it is closed when the client is dropped
     * @param config the bound and the write timeout
     * @param onLost run under the lock when the output fails (the terminal interrupts its command)
     */
    SessionOutput(ReentrantLock lock, Condition changed, TelnetConnection connection, SessionConfig config,
            Runnable onLost) {
        this.lock = lock;
        this.changed = changed;
        this.out = connection.output();
        this.connection = connection;
        this.remote = connection.remoteAddress();
        this.config = config;
        this.writeTimeoutNanos = config.writeTimeout().toNanos();
        this.onLost = onLost;
    }

    /** The pending buffer to append to. Under the lock. */
    ByteArrayOutputStream buffer() {
        ByteArrayOutputStream p = pending;
        if (p == null) {
            p = new ByteArrayOutputStream(64);
            pending = p;
        }
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
    }

    /** Whether the client was dropped or a write failed: nothing more reaches it. Under the lock. */
    boolean failed() {
        return failed;
    }

    /** When the write in progress began, or 0 when none is. Any thread. */
    public long writeStartedNanos() {
        return writeStartedNanos;
    }

    /** The write timeout, in nanoseconds: how often the {@link SessionWatchdog} must look. */
    long writeTimeoutNanos() {
        return writeTimeoutNanos;
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

    /**
     * Writes pending output, unless another thread is writing (it writes this output too). Without the lock.
     * A thread that finds the buffer over its bound waits for the writer, at most the write timeout; a client
     * that stays stuck that long is dropped.
     */
    void flush() {
        if (lock.isHeldByCurrentThread()) {
            return; // never write under the lock: the next flush outside it sends this output
        }
        lock.lock();
        try {
            if (flushing) {
                awaitRoom();
                return;
            }
            if (pending == null || pending.size() == 0) {
                return;
            }
            flushing = true;
        } finally {
            lock.unlock();
        }
        boolean done = false;
        try {
            while (true) {
                byte[] chunk;
                lock.lock();
                try {
                    if (pending == null || pending.size() == 0 || failed) {
                        pending = null;
                        replies = null;
                        flushing = false;
                        changed.signalAll();
                        done = true;
                        return;
                    }
                    chunk = pending.toByteArray();
                    if (chunk.length > SHRINK_ABOVE) {
                        pending = null;
                    } else {
                        pending.reset();
                    }
                    replies = null;
                    writer = Thread.currentThread();
                } finally {
                    lock.unlock();
                }
                // A virtual thread interrupted inside a socket write has its socket closed: the write runs
                // with the interrupt status clear, and an interrupt meant for this thread waits until it returns.
                boolean interrupted = Thread.interrupted();
                writeStartedNanos = System.nanoTime();
                try {
                    out.write(chunk);
                    out.flush();
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
     * (at most the write timeout; a stuck client is dropped by then anyway). Without the lock.
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
     * Drops the client when the write in progress has been blocked for the write timeout (it stopped reading).
     * Called by the {@link SessionWatchdog}, without the lock; never blocks: the connection is aborted at once,
     * and the rest of the drop (which takes the session's lock) runs on a thread of its own.
     *
     * @param nowNanos the current {@link System#nanoTime()}
     */
    void dropIfWriteBlocked(long nowNanos) {
        long started = writeStartedNanos;
        if (started != 0 && nowNanos - started >= writeTimeoutNanos && !dropping) {
            dropping = true;
            drop("client stopped reading: a write blocked for " + config.writeTimeout());
        }
    }

    /**
     * Drops the client from a thread that must not block (the watchdog): aborts the connection at once, and
     * marks the output failed on a thread of its own (that takes the session's lock).
     *
     * @param why for the log
     */
    void drop(String why) {
        abortConnection(why);
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
        abortConnection(why);
        lock.lock();
        try {
            if (failed) {
                return;
            }
            failed = true;
            pending = null;
            replies = null;
            onLost.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Once: logs the drop and aborts the connection (a reset: nothing more can reach this client anyway). */
    private void abortConnection(String why) {
        if (!LOST_ONCE.compareAndSet(this, false, true)) {
            return;
        }
        LOG.info("{}: dropping the client: {}", remote, why);
        try {
            connection.abort();
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: abort failed: {}", remote, e.toString());
        }
    }

    /** Under the lock, called by {@link #flush()} while another thread writes. */
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
