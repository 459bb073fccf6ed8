package io.github.telnetsrv.internal.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the time limits no session thread can watch itself: a write to the client that stays blocked for
 * the write timeout (the client stopped reading: the connection is closed, which unblocks it), and a prompt
 * left without input for the idle timeout (the reader blocks in an untimed read, cheaper than a timed one).
 *
 * <p>One virtual thread does it for every session of the JVM: it runs while at least one session is
 * {@linkplain #watch watched}, ends when the last one is {@linkplain #unwatch unwatched}, and looks at each
 * session four times per its shortest limit, so a limit takes effect between one and one and a quarter times
 * its length. A look never blocks. Nothing a session does stops it: a check that throws (even an {@link Error},
 * such as an {@link OutOfMemoryError} under a flood) is logged and the others go on, and a watchdog thread that
 * died anyway is replaced by the next {@link #watch}. Thread-safe.
 */
public final class SessionWatchdog {

    /** What the watchdog looks at: one session. */
    public interface Watched {
        /**
         * How often to look: a quarter of the session's shortest limit.
         *
         * @return the period, in nanoseconds
         */
        long periodNanos();

        /**
         * Acts on the limits that have passed; must not block.
         *
         * @param nowNanos {@link System#nanoTime()} of this look
         */
        void check(long nowNanos);

        /**
         * The client's address, for log lines.
         *
         * @return the address, or {@code null}
         */
        java.net.SocketAddress remoteAddress();
    }

    /** The watchdog of every session. */
    public static final SessionWatchdog SHARED = new SessionWatchdog();

    private static final Logger LOG = LoggerFactory.getLogger(SessionWatchdog.class);
    private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // Guarded by lock.
    private Thread thread;
    private long periodNanos;
    /** The shortest period of the sessions watched since the last look began. */
    private long watchedDuringLook = Long.MAX_VALUE;

    public SessionWatchdog() {
    }

    /** Starts watching a session's writes (from the start of its {@code run()}). */
    public void watch(Watched output) {
        lock.lock();
        try {
            watched.add(output);
            long period = period(output);
            watchedDuringLook = Math.min(watchedDuringLook, period);
            if (thread == null || !thread.isAlive()) {
                periodNanos = period;
                thread = Thread.ofVirtual().name("telnetsrv-session-watchdog").start(this::run);
            } else if (period < periodNanos) {
                periodNanos = period;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Looks at a watched session's period again, because it just got shorter (a deadline began): the watchdog
     * wakes sooner if it must. Does nothing for a session not watched. Never blocks for long; any thread.
     *
     * @param session the session
     */
    public void shorten(Watched session) {
        lock.lock();
        try {
            if (!watched.contains(session)) {
                return;
            }
            long period = period(session);
            watchedDuringLook = Math.min(watchedDuringLook, period);
            if (thread != null && period < periodNanos) {
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
    public void unwatch(Watched output) {
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
    public boolean running() {
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
                long shortest = Long.MAX_VALUE;
                try {
                    shortest = look();
                } catch (Throwable e) {
                    report(e);
                } finally {
                    lock.lock();
                }
                // A session watched during the look may have been missed by it, and its signal came while nobody
                // waited: its period counts as well.
                shortest = Math.min(shortest, watchedDuringLook);
                watchedDuringLook = Long.MAX_VALUE;
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

    /** Looks at every session; returns the shortest period needed. */
    private long look() {
        long now = System.nanoTime();
        long shortest = Long.MAX_VALUE;
        for (Watched session : watched) {
            try {
                shortest = Math.min(shortest, period(session));
                session.check(now);
            } catch (Throwable e) {
                report(e);
            }
        }
        return shortest;
    }

    /** Logs a failed check; even logging may fail (out of memory), and the watchdog goes on regardless. */
    private static void report(Throwable e) {
        try {
            LOG.warn("session check failed", e);
        } catch (Throwable ignored) {
            // Nothing else to do: the next look may succeed.
        }
    }

    private static long period(Watched session) {
        return Math.max(MIN_PERIOD_NANOS, session.periodNanos());
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
