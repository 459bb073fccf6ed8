package io.github.telnetsrv.internal.session;

import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deadlines no session thread can watch itself (a write blocked on a client that stopped reading, a prompt
 * left without input, a handshake or login taking too long, a Tab whose candidates are late, a TLS refusal), in
 * one structure ordered by time. Each watched thing has one {@link Entry}, due at its next deadline; one virtual
 * thread sleeps until the earliest entry is due, runs that entry's {@link Watched#check check}, which acts on what
 * has passed and returns its next deadline, and sleeps again. Nothing is looked at before it is due: a session
 * costs nothing between its deadlines, however many sessions there are.
 *
 * <p>A deadline that moves later (input postponing an idle timeout) is not reported: the entry comes due at the
 * deadline it had, and its check returns the later one. A deadline that moves earlier is reported with
 * {@link Entry#dueBy}, which costs one volatile read when the entry is due by then already, else one heap operation.
 *
 * <p>The entries form a binary heap in an array, each entry knowing its index: adding one, moving one earlier
 * and removing one are O(log n), and the thread is woken early only when an entry becomes the earliest. Deadlines
 * are {@link System#nanoTime()} values, compared by their difference (they may wrap); {@link #NONE} stands for no
 * deadline. An entry is checked at most once a millisecond, and up to {@link #SLACK_NANOS} after its deadline, so
 * that entries due close together are checked in one wake-up.
 *
 * <p>The thread runs while at least one entry is {@linkplain Entry#watch watched} and ends when the last one is
 * {@linkplain Entry#unwatch unwatched}; a thread that died anyway is replaced by the next {@link Entry#watch}. A
 * check that throws (even an {@link Error}, such as an {@link OutOfMemoryError} under a flood) is logged and runs
 * again a second later, and the others go on. Thread-safe.
 */
public final class Deadlines {

    /** No deadline. */
    public static final long NONE = Long.MIN_VALUE;

    /** The deadlines of every session of the JVM. */
    public static final Deadlines SHARED = new Deadlines();

    /** When a check threw, how long until it runs again. */
    static final long FAILED_CHECK_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final long MIN_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * How late an entry may be checked, so that entries due close together are checked in one wake-up of the
     * thread: thousands of sessions opened in a burst come due in a burst (their write timeouts, 30 s after their
     * prompts), and waking the thread for each one cost far more than the checks (a platform-thread runtime at
     * 15,000 sessions spent 10 to 30 % of a core waking it). Every limit is seconds long; this is a tenth of one.
     */
    static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int MIN_CAPACITY = 16;
    private static final Logger LOG = LoggerFactory.getLogger(Deadlines.class);

    /** What an entry stands for: one session's limits, or one TLS refusal. */
    public interface Watched {
        /**
         * Acts on the deadlines that have passed and says when to look again; must not block. On the deadlines'
         * thread, when the entry is due.
         *
         * @param nowNanos {@link System#nanoTime()} of this look, at or after the deadline that came due
         * @return the next deadline ({@link System#nanoTime()} based), or {@link #NONE} for none until
         *         {@link Entry#dueBy} gives one
         */
        long check(long nowNanos);

        /**
         * The client's address, for log lines.
         *
         * @return the address, or {@code null}
         */
        SocketAddress remoteAddress();
    }

    /**
     * The place of one watched thing among the deadlines. Made by {@link #entry}, watched from {@link #watch} to
     * {@link #unwatch}; any thread.
     */
    public static final class Entry {

        // Where the entry is, kept in its index when it is not in the heap.
        /** Watched, with no deadline. */
        private static final int UNARMED = -1;
        /** Not watched yet: the deadlines given meanwhile are kept for {@link #watch}. */
        private static final int NEW = -2;
        /** Its check runs, or its next deadline is computed: the deadlines given meanwhile are kept till then. */
        private static final int CHECKING = -3;
        /** No longer watched. */
        private static final int UNWATCHED = -4;

        private final Deadlines deadlines;
        private final Watched watched;
        /** Its deadline in the heap, else {@link #NONE}: read without the lock by {@link #dueBy}. */
        private volatile long due = NONE;
        // Guarded by the deadlines' lock.
        /** The earliest deadline given while {@link #NEW} or {@link #CHECKING}, else {@link #NONE}. */
        private long requested = NONE;
        /** The index in the heap, or one of the negative states above. */
        private int index = NEW;

        private Entry(Deadlines deadlines, Watched watched) {
            this.deadlines = deadlines;
            this.watched = watched;
        }

        /**
         * Starts watching: the entry is due at {@code firstDeadline}, or earlier if {@link #dueBy} gave an earlier
         * one before. An entry unwatched may be watched again.
         *
         * @param firstDeadline the first deadline, or {@link #NONE}
         * @throws IllegalStateException if the entry is watched already
         */
        public void watch(long firstDeadline) {
            deadlines.watch(this, firstDeadline);
        }

        /**
         * Makes the entry due by {@code deadline} at the latest: a deadline that came closer (a write began, Tab
         * awaits candidates). Costs a volatile read when the entry is due by then already. Never blocks for long;
         * does nothing for an entry unwatched.
         *
         * @param deadline the deadline
         */
        public void dueBy(long deadline) {
            long current = due;
            if (current != NONE && deadline - current >= 0) {
                return;
            }
            deadlines.dueBy(this, deadline);
        }

        /**
         * Deadlines of the entry moved later (a step with a deadline is done): instead of coming due at the deadline
         * it has, the entry is due at the one {@code next} computes now, on the calling thread. Deadlines given by
         * {@link #dueBy} meanwhile are kept. Costs two heap operations; does nothing for an entry not watched or
         * being checked (its check computes the next deadline anyway).
         *
         * @param next given {@link System#nanoTime()}, computes the entry's next deadline (or {@link #NONE}) without
         *        acting on anything
         */
        public void movedLater(LongUnaryOperator next) {
            deadlines.movedLater(this, next);
        }

        /**
         * Stops watching; when it was the last entry, the deadlines' thread has ended when this returns (unless
         * called from that thread). Does nothing for an entry not watched.
         */
        public void unwatch() {
            deadlines.unwatch(this);
        }

        /** The deadline the entry is due at, or {@link #NONE} (for tests). */
        long due() {
            return due;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // Guarded by lock.
    private Entry[] heap = new Entry[MIN_CAPACITY];
    private int size;
    private int watchedCount;
    private Thread thread;
    /** The deadline the thread sleeps until, or {@link #NONE}. */
    private long sleepsUntil = NONE;

    /** Deadlines with their own thread; sessions use {@link #SHARED}. */
    public Deadlines() {
    }

    /**
     * The earlier of two deadlines.
     *
     * @param a a deadline, or {@link #NONE}
     * @param b a deadline, or {@link #NONE}
     * @return the earlier one; {@link #NONE} only when both are
     */
    public static long earliest(long a, long b) {
        if (a == NONE) {
            return b;
        }
        if (b == NONE) {
            return a;
        }
        return a - b <= 0 ? a : b;
    }

    /**
     * A new entry, not watched yet, for {@code watched}.
     *
     * @param watched what the entry checks
     * @return the entry
     */
    public Entry entry(Watched watched) {
        return new Entry(this, Objects.requireNonNull(watched, "watched"));
    }

    /** Whether the thread runs (for tests). */
    boolean running() {
        lock.lock();
        try {
            return thread != null;
        } finally {
            lock.unlock();
        }
    }

    /** The deadline the thread sleeps until, or {@link #NONE} when it does not sleep for one (for tests). */
    long sleepsUntil() {
        lock.lock();
        try {
            return sleepsUntil;
        } finally {
            lock.unlock();
        }
    }

    private void watch(Entry entry, long firstDeadline) {
        lock.lock();
        try {
            if (entry.index != Entry.NEW && entry.index != Entry.UNWATCHED) {
                throw new IllegalStateException("entry: watched already (expected: one not watched)");
            }
            long deadline = earliest(firstDeadline, entry.requested);
            entry.requested = NONE;
            entry.index = Entry.UNARMED;
            watchedCount++;
            if (deadline != NONE) {
                add(entry, deadline);
            }
            if (thread == null || !thread.isAlive()) {
                thread = Thread.ofVirtual().name("telnetsrv-deadlines").start(this::run);
            }
        } finally {
            lock.unlock();
        }
    }

    private void dueBy(Entry entry, long deadline) {
        lock.lock();
        try {
            int index = entry.index;
            if (index == Entry.NEW || index == Entry.CHECKING) {
                entry.requested = earliest(entry.requested, deadline);
            } else if (index == Entry.UNARMED) {
                add(entry, deadline);
            } else if (index >= 0 && deadline - entry.due < 0) {
                entry.due = deadline;
                siftUp(index, entry);
                wakeIfFirst(entry);
            }
        } finally {
            lock.unlock();
        }
    }

    private void movedLater(Entry entry, LongUnaryOperator next) {
        long had;
        lock.lock();
        try {
            if (entry.index < 0 && entry.index != Entry.UNARMED) {
                return;
            }
            had = entry.due;
            if (entry.index >= 0) {
                removeAt(entry.index);
            }
            entry.index = Entry.CHECKING;
        } finally {
            lock.unlock();
        }
        long now = System.nanoTime();
        long deadline = had;
        try {
            deadline = next.applyAsLong(now);
        } finally {
            lock.lock();
            try {
                if (entry.index == Entry.CHECKING) {
                    rearm(entry, earliest(deadline, entry.requested), now);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void unwatch(Entry entry) {
        Thread last = null;
        lock.lock();
        try {
            int index = entry.index;
            if (index == Entry.NEW || index == Entry.UNWATCHED) {
                return;
            }
            if (index >= 0) {
                removeAt(index);
                shrinkIfSparse();
            }
            entry.index = Entry.UNWATCHED;
            entry.requested = NONE;
            if (--watchedCount == 0 && thread != null) {
                last = thread;
                thread = null;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (last != null && last != Thread.currentThread()) {
            awaitEnd(last);
        }
    }

    private void run() {
        Thread self = Thread.currentThread();
        lock.lock();
        try {
            while (thread == self) {
                if (size == 0) {
                    changed.awaitUninterruptibly();
                    continue;
                }
                Entry first = heap[0];
                long now = System.nanoTime();
                long wait = first.due - now;
                if (wait > 0) {
                    // Asleep until a little after the first deadline: those due meanwhile are checked together.
                    sleep(first.due, wait + SLACK_NANOS);
                    continue;
                }
                removeAt(0);
                first.index = Entry.CHECKING;
                lock.unlock();
                long next;
                try {
                    next = first.watched.check(now);
                } catch (Throwable e) {
                    report(first, e);
                    next = now + FAILED_CHECK_RETRY_NANOS;
                } finally {
                    lock.lock();
                }
                if (first.index == Entry.CHECKING) {
                    rearm(first, earliest(next, first.requested), now);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: sleeps until {@code deadline}, or until woken (an earlier entry, the end). */
    private void sleep(long deadline, long nanos) {
        sleepsUntil = deadline;
        try {
            changed.awaitNanos(nanos);
        } catch (InterruptedException e) {
            // Nobody interrupts this thread on purpose; it ends only when nothing is watched.
        } finally {
            sleepsUntil = NONE;
        }
    }

    /** Under the lock, after a check: the entry is due next at {@code deadline}, at least a little later. */
    private void rearm(Entry entry, long deadline, long checkedNanos) {
        entry.requested = NONE;
        entry.index = Entry.UNARMED;
        if (deadline == NONE) {
            return;
        }
        long soonest = checkedNanos + MIN_DELAY_NANOS;
        add(entry, deadline - soonest < 0 ? soonest : deadline);
    }

    /** Logs a failed check; even logging may fail (out of memory), and the deadlines go on regardless. */
    private static void report(Entry entry, Throwable e) {
        try {
            LOG.warn("{}: deadline check failed", entry.watched.remoteAddress(), e);
        } catch (Throwable ignored) {
            // Nothing else to do: the check runs again.
        }
    }

    // ------------------------------------------------------------------ the heap, under the lock

    private void add(Entry entry, long deadline) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        entry.due = deadline;
        siftUp(size++, entry);
        wakeIfFirst(entry);
    }

    private void wakeIfFirst(Entry entry) {
        if (entry.index == 0) {
            changed.signalAll();
        }
    }

    private void removeAt(int index) {
        Entry removed = heap[index];
        Entry last = heap[--size];
        heap[size] = null;
        if (index != size) {
            siftDown(index, last);
            if (heap[index] == last) {
                siftUp(index, last);
            }
        }
        removed.due = NONE;
        removed.index = Entry.UNARMED;
    }

    /** Puts {@code entry} at {@code index} or above it, moving later parents down. */
    private void siftUp(int index, Entry entry) {
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            Entry above = heap[parent];
            if (entry.due - above.due >= 0) {
                break;
            }
            place(index, above);
            index = parent;
        }
        place(index, entry);
    }

    /** Puts {@code entry} at {@code index} or below it, moving earlier children up. */
    private void siftDown(int index, Entry entry) {
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && heap[right].due - heap[child].due < 0) {
                child = right;
            }
            Entry below = heap[child];
            if (entry.due - below.due <= 0) {
                break;
            }
            place(index, below);
            index = child;
        }
        place(index, entry);
    }

    private void place(int index, Entry entry) {
        heap[index] = entry;
        entry.index = index;
    }

    /** Gives memory back once most sessions have gone: the array shrinks by half below a quarter full. */
    private void shrinkIfSparse() {
        if (heap.length > MIN_CAPACITY && size < heap.length / 4) {
            heap = Arrays.copyOf(heap, Math.max(MIN_CAPACITY, heap.length / 2));
        }
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
