package io.github.telnetsrv;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops clients that stopped reading: a write to the client that stays blocked for the session's write
 * timeout closes the connection, which unblocks it and ends the session.
 *
 * <p>A blocking write cannot time out by itself, and the thread blocked in it may be the only one producing
 * output, so someone else must look. One virtual thread does it for every session of the JVM: it runs while
 * at least one session is {@linkplain #watch watched}, ends when the last one is {@linkplain #unwatch
 * unwatched}, and looks four times per shortest write timeout, so a blocked write is dropped between one and
 * one and a quarter write timeouts after it began. A look costs one volatile read per session. Thread-safe.
 */
final class WriteWatchdog {

    /** The watchdog of every session. */
    static final WriteWatchdog SHARED = new WriteWatchdog();

    private static final Logger LOG = LoggerFactory.getLogger(WriteWatchdog.class);
    private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Set<SessionOutput> watched = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // Guarded by lock.
    private Thread thread;
    private long periodNanos;

    WriteWatchdog() {
    }

    /** Starts watching a session's writes (from the start of its {@code run()}). */
    void watch(SessionOutput output) {
        lock.lock();
        try {
            watched.add(output);
            long period = period(output);
            if (thread == null) {
                periodNanos = period;
                thread = Thread.ofVirtual().name("telnetsrv-write-watchdog").start(this::run);
            } else if (period < periodNanos) {
                periodNanos = period;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops watching a session (at the end of its {@code run()}). When it was the last one, the watchdog's
     * thread ends before this returns.
     */
    void unwatch(SessionOutput output) {
        Thread last = null;
        lock.lock();
        try {
            if (!watched.remove(output)) {
                return;
            }
            if (watched.isEmpty() && thread != null) {
                last = thread;
                thread = null;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (last != null) {
            awaitEnd(last);
        }
    }

    /** Whether the watchdog's thread runs (for tests). */
    boolean running() {
        lock.lock();
        try {
            return thread != null;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        Thread self = Thread.currentThread();
        lock.lock();
        try {
            while (thread == self) {
                long period = periodNanos;
                lock.unlock();
                long shortest;
                try {
                    shortest = look();
                } finally {
                    lock.lock();
                }
                if (shortest != Long.MAX_VALUE) {
                    periodNanos = shortest;
                    period = Math.min(period, shortest);
                }
                if (thread != self) {
                    break;
                }
                try {
                    changed.awaitNanos(period);
                } catch (InterruptedException e) {
                    // Nobody interrupts the watchdog on purpose; it ends only when nothing is watched.
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops every session whose write is blocked too long; returns the shortest period needed. */
    private long look() {
        long now = System.nanoTime();
        long shortest = Long.MAX_VALUE;
        for (SessionOutput output : watched) {
            shortest = Math.min(shortest, period(output));
            try {
                output.dropIfWriteBlocked(now);
            } catch (RuntimeException e) {
                LOG.warn("{}: could not drop a client that stopped reading", output.remoteAddress(), e);
            }
        }
        return shortest;
    }

    private static long period(SessionOutput output) {
        return Math.max(MIN_PERIOD_NANOS, output.writeTimeoutNanos() / 4);
    }

    private static void awaitEnd(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
