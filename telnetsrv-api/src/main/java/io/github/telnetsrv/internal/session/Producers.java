package io.github.telnetsrv.internal.session;

import java.util.ArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who produces a session's output. The session's own threads (its reader, and the tasks that run its handler code)
 * write it themselves and wait for a slow client; any other thread (an SSH I/O thread, the caller of a broadcast)
 * only appends, and its bytes are counted here so that they stay bounded while a write is in progress.
 *
 * <p>The count is exact: every append follows a call of {@link SessionOutput#buffer()} by the appending thread
 * under the same hold of the session's lock, which tells this class who appends ({@link #appending}); what the
 * previous appender added is counted then, or when the bytes are looked at ({@link #foreignBytes}).
 *
 * <p>Guarded by the session's lock: every method is called under it, except {@link #ownReader} and
 * {@link #owned}, which take it.
 */
final class Producers {

    private final ReentrantLock lock;
    private Thread reader;
    /** The threads running the session's tasks now; null while none does. */
    private ArrayList<Thread> tasks;
    /** The pending bytes that other threads than the session's own appended. */
    private int foreignBytes;
    /** The size of the pending bytes when their last appender was counted. */
    private int countedSize;
    private boolean foreignAppender;

    /** @param lock the session's lock */
    Producers(ReentrantLock lock) {
        this.lock = lock;
    }

    /** The session's reader thread, or {@code null} once it stops serving. Takes the lock. */
    void ownReader(Thread thread) {
        lock.lock();
        try {
            reader = thread;
        } finally {
            lock.unlock();
        }
    }

    /** {@code task}, marking its thread as the session's own while it runs (see {@link SessionOutput#owned}). */
    Runnable owned(Runnable task) {
        return () -> {
            Thread thread = Thread.currentThread();
            lock.lock();
            try {
                taskStarted(thread);
            } finally {
                lock.unlock();
            }
            try {
                task.run();
            } finally {
                lock.lock();
                try {
                    taskEnded(thread);
                } finally {
                    lock.unlock();
                }
            }
        };
    }

    /** A thread starts running one of the session's tasks. */
    void taskStarted(Thread thread) {
        if (tasks == null) {
            tasks = new ArrayList<>(2);
        }
        tasks.add(thread);
    }

    /** A thread ends running one of the session's tasks. */
    void taskEnded(Thread thread) {
        if (tasks != null) {
            tasks.remove(thread);
            if (tasks.isEmpty()) {
                tasks = null;
            }
        }
    }

    /** Whether the calling thread is one of the session's own. */
    boolean own() {
        Thread thread = Thread.currentThread();
        return thread == reader || tasks != null && tasks.contains(thread);
    }

    /**
     * The calling thread is about to append to the pending bytes.
     *
     * @param size their size now
     */
    void appending(int size) {
        count(size);
        foreignAppender = !own();
    }

    /**
     * The pending bytes that other threads appended.
     *
     * @param size the pending bytes' size now
     * @return how many of them other threads appended
     */
    int foreignBytes(int size) {
        count(size);
        return foreignBytes;
    }

    /**
     * The pending bytes were taken by the writer, dropped, or replaced by what survives a telnet AO: none of what
     * is left counts against other threads.
     *
     * @param size their size now
     */
    void reset(int size) {
        foreignBytes = 0;
        countedSize = size;
        foreignAppender = false;
    }

    private void count(int size) {
        if (foreignAppender) {
            foreignBytes += size - countedSize;
        }
        countedSize = size;
    }
}
