package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.TelnetHandler;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tasks a session's handler scheduled ({@link TelnetHandler#schedule}): each waits on a virtual thread of its
 * own (a parked virtual thread costs about a kilobyte and no platform thread), then runs on the session's executor,
 * the runtime's threads that run commands. Everything is cancelled when the session ends. Thread-safe.
 */
public final class SessionSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(SessionSchedule.class);

    private final Executor tasks;
    private final Object remote;
    /** The tasks not over yet; made on the first schedule (most sessions schedule nothing). */
    private final AtomicReference<Set<Entry>> entries = new AtomicReference<>();
    private volatile boolean closed;

    public SessionSchedule(Executor tasks, Object remote) {
        this.tasks = tasks;
        this.remote = remote;
    }

    /**
     * Schedules {@code task}.
     *
     * @param delayNanos the wait before the first run
     * @param periodNanos the wait between the starts of runs, or 0 to run once
     */
    public TelnetHandler.Scheduled schedule(long delayNanos, long periodNanos, Runnable task) {
        Entry entry = new Entry(task, delayNanos, periodNanos);
        if (closed) {
            entry.cancel();
            return entry;
        }
        entries().add(entry);
        entry.waiter = Thread.ofVirtual().name("telnetsrv-scheduled").start(entry::await);
        if (closed) {
            entry.cancel(); // the session ended meanwhile
        }
        return entry;
    }

    private Set<Entry> entries() {
        Set<Entry> all = entries.get();
        if (all == null) {
            entries.compareAndSet(null, ConcurrentHashMap.newKeySet());
            all = entries.get();
        }
        return all;
    }

    /** Cancels every task; none runs after this returns, but one already running finishes. */
    public void close() {
        closed = true;
        Set<Entry> all = entries.get();
        if (all == null) {
            return;
        }
        for (Entry entry : all) {
            entry.cancel();
        }
    }

    /** One scheduled task. */
    private final class Entry implements TelnetHandler.Scheduled {
        private final Runnable task;
        private final long delayNanos;
        private final long periodNanos;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        /** A run is submitted or running: a repeating task does not pile runs up behind a busy executor. */
        private final AtomicBoolean running = new AtomicBoolean();
        private volatile boolean done;
        private volatile Thread waiter;

        Entry(Runnable task, long delayNanos, long periodNanos) {
            this.task = task;
            this.delayNanos = delayNanos;
            this.periodNanos = periodNanos;
        }

        @Override
        public boolean cancel() {
            boolean first = cancelled.compareAndSet(false, true);
            done = true;
            entries().remove(this);
            Thread t = waiter;
            if (first && t != null) {
                LockSupport.unpark(t);
            }
            return first;
        }

        @Override
        public boolean done() {
            return done;
        }

        /** On the waiting thread: sleeps until each run is due, then hands the run to the session's executor. */
        private void await() {
            long due = System.nanoTime() + delayNanos;
            while (!cancelled.get()) {
                long left = due - System.nanoTime();
                if (left > 0) {
                    LockSupport.parkNanos(this, left);
                    continue;
                }
                if (running.compareAndSet(false, true)) {
                    try {
                        tasks.execute(this::run);
                    } catch (RejectedExecutionException e) {
                        cancel(); // the session is ending
                        return;
                    }
                }
                if (periodNanos == 0) {
                    entries().remove(this);
                    return;
                }
                due += periodNanos;
            }
        }

        /** On the session's executor. */
        private void run() {
            try {
                if (!cancelled.get()) {
                    task.run();
                }
            } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
                LOG.warn("{}: scheduled task failed", remote, e);
            } finally {
                running.set(false);
                if (periodNanos == 0) {
                    done = true;
                }
                Thread.interrupted();
            }
        }
    }

    public static long nanos(java.time.Duration d, String name, boolean zeroAllowed) {
        java.util.Objects.requireNonNull(d, name);
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: " + (zeroAllowed ? ">= 0" : "> 0") + ")");
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return TimeUnit.DAYS.toNanos(365L * 100);
        }
    }
}
