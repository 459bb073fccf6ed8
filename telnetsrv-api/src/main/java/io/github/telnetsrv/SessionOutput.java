package io.github.telnetsrv;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
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
 * {@link SessionWatchdog} when a write stays blocked for the write timeout. Dropping marks the output failed and
 * closes the connection, which unblocks the write and ends the session's input.
 *
 * <p>Shares the lock and condition of its {@link SessionTerminal}; methods say whether they need the lock held.
 */
final class SessionOutput {

    private static final Logger LOG = LoggerFactory.getLogger(SessionOutput.class);
    private static final int SHRINK_ABOVE = 8192;

    private final ReentrantLock lock;
    private final Condition changed;
    private final OutputStream out;
    private final Closeable connection;
    private final SocketAddress remote;
    private final SessionConfig config;
    private final long writeTimeoutNanos;
    private final Runnable onLost;

    // Guarded by lock.
    private ByteArrayOutputStream pending;
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

    /** Drops what the client has not been sent yet (telnet AO). Under the lock. */
    void discardPending() {
        if (pending != null) {
            pending.reset();
        }
    }

    /** Whether the client was dropped or a write failed: nothing more reaches it. Under the lock. */
    boolean failed() {
        return failed;
    }

    /** When the write in progress began, or 0 when none is. Any thread. */
    long writeStartedNanos() {
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
    void drain() {
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
     * Called by the {@link SessionWatchdog}, without the lock. The connection is closed on a thread of its own,
     * once: closing a transport whose write is stuck may itself block (TLS tries to send its close_notify), and
     * the watchdog serves every session.
     *
     * @param nowNanos the current {@link System#nanoTime()}
     */
    void dropIfWriteBlocked(long nowNanos) {
        long started = writeStartedNanos;
        if (started != 0 && nowNanos - started >= writeTimeoutNanos && !dropping) {
            dropping = true;
            Thread.ofVirtual().name("telnetsrv-drop").start(() -> lost(
                    "client stopped reading: a write blocked for " + config.writeTimeout()));
        }
    }

    /**
     * Drops the client because its output cannot be delivered: marks the output failed and closes the
     * connection, which ends the reader and so the session. Without the lock; once.
     *
     * @param why for the log
     */
    void lost(String why) {
        lock.lock();
        try {
            if (failed) {
                return;
            }
            failed = true;
            pending = null;
            onLost.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        LOG.info("{}: dropping the client: {}", remote, why);
        try {
            connection.close();
        } catch (IOException e) {
            LOG.debug("{}: close failed: {}", remote, e.toString());
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
