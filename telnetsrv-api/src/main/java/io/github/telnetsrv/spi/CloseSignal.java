package io.github.telnetsrv.spi;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a {@link SocketTelnetServer}'s {@code close()} has begun. It begins once, under a lock that also orders
 * the registration of new sessions against it: a session registered before is closed by {@code close()}, one that
 * comes after is not registered. The acceptor's back-off waits on it, so that {@code close()} cuts the wait short.
 *
 * <p>Thread-safe: begun by the thread that closes the server, asked by the acceptor and by the threads that call
 * {@code serve()}. Uses a {@link ReentrantLock}, never {@code synchronized} (a virtual acceptor would pin its
 * carrier while it waits).
 */
final class CloseSignal {

    /** Logs under the server's name, as before the server was split. */
    private static final Logger LOG = LoggerFactory.getLogger(SocketTelnetServer.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition closingBegun = lock.newCondition();
    private boolean closing;

    /**
     * Begins closing and wakes whoever waits in {@link #await}.
     *
     * @return true for the first call only
     */
    boolean begin() {
        lock.lock();
        try {
            boolean first = !closing;
            closing = true;
            closingBegun.signalAll();
            return first;
        } finally {
            lock.unlock();
        }
    }

    /** Whether closing has begun. */
    boolean begun() {
        lock.lock();
        try {
            return closing;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code registration} unless closing has begun, with {@link #begin} held off meanwhile.
     *
     * @return false, without running it, when closing has begun
     */
    boolean unlessBegun(Runnable registration) {
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            registration.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits at most {@code millis} for closing to begin (the acceptor's back-off). The acceptor stops only through
     * {@code close()}, so an interrupt does not end the wait and is not kept (it would close the listening socket
     * of a virtual acceptor).
     */
    void await(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left = deadline - System.nanoTime();
        lock.lock();
        try {
            while (!closing && left > 0) {
                try {
                    left = closingBegun.awaitNanos(left);
                } catch (InterruptedException e) {
                    LOG.debug("acceptor interrupted; it stops only through close()");
                    left = deadline - System.nanoTime();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
