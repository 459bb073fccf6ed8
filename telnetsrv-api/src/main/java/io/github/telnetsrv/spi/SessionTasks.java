package io.github.telnetsrv.spi;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs one session's handler tasks (see {@link io.github.telnetsrv.TelnetSession}) and the writes of its output that
 * other threads hand over ({@link #writes()}), and, at the end of the session, waits for their threads to be gone.
 */
public interface SessionTasks extends Executor {

    /**
     * Runs the writes of the session's output that a thread not the session's own handed over (a message from
     * another thread, a broadcast, a redraw for a window change an SSH I/O thread reported): such a thread never
     * writes to the client itself, so that a client that stopped reading cannot block it. The session hands over
     * at most one write at a time; a write task returns once the output is written or the client dropped. Unlike
     * the handler tasks, it may run while a handler task runs.
     *
     * <p>Default: a virtual thread per write, which {@link #shutdownAndJoin()} does not wait for.
     *
     * @return the executor of the handed-over writes
     */
    default Executor writes() {
        return task -> Thread.ofVirtual().name("telnetsrv-writer").start(task);
    }

    /**
     * Accepts no more tasks and returns when the threads that ran them have ended.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    void shutdownAndJoin() throws InterruptedException;

    /**
     * One persistent handler thread, created on the first task and kept for the session (platform threads).
     *
     * @param threads makes the handler thread
     * @return the tasks
     */
    static SessionTasks singleThread(ThreadFactory threads) {
        Objects.requireNonNull(threads, "threads");
        // The threads the executor made, so that shutdownAndJoin() returns when they are gone, not only idle.
        java.util.Queue<Thread> made = new java.util.concurrent.ConcurrentLinkedQueue<>();
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = threads.newThread(task);
            if (thread != null) {
                made.add(thread);
            }
            return thread;
        });
        // The handed-over writes get a thread of the same factory each, while a handler task may run.
        SessionTasks writes = threadPerTask(threads);
        return new SessionTasks() {
            @Override
            public void execute(Runnable task) {
                executor.execute(task);
            }

            @Override
            public Executor writes() {
                return writes;
            }

            @Override
            public void shutdownAndJoin() throws InterruptedException {
                executor.shutdown();
                while (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                    // A command that ignores interruption keeps its thread; keep waiting for it.
                }
                for (Thread thread : made) {
                    thread.join();
                }
                writes.shutdownAndJoin();
            }
        };
    }

    /**
     * A new thread for each task, so nothing is held between tasks (virtual threads); the handed-over writes
     * ({@link #writes()}) get a thread each too, and {@link #shutdownAndJoin()} waits for them as for the tasks.
     *
     * @param threads makes one thread per task
     * @return the tasks
     */
    static SessionTasks threadPerTask(ThreadFactory threads) {
        Objects.requireNonNull(threads, "threads");
        return new SessionTasks() {
            private final ReentrantLock lock = new ReentrantLock();
            private final Condition idle = lock.newCondition();
            private int running;
            /** Weak: an idle session must not keep its finished task thread alive in memory. */
            private java.lang.ref.WeakReference<Thread> last;
            private boolean shutdown;

            @Override
            public void execute(Runnable task) {
                Thread thread = threads.newThread(() -> {
                    try {
                        task.run();
                    } finally {
                        lock.lock();
                        try {
                            running--;
                            idle.signalAll();
                        } finally {
                            lock.unlock();
                        }
                    }
                });
                lock.lock();
                try {
                    if (shutdown) {
                        throw new java.util.concurrent.RejectedExecutionException("session tasks shut down");
                    }
                    running++;
                    last = new java.lang.ref.WeakReference<>(thread);
                } finally {
                    lock.unlock();
                }
                thread.start();
            }

            @Override
            public Executor writes() {
                return this;
            }

            @Override
            public void shutdownAndJoin() throws InterruptedException {
                Thread join;
                lock.lock();
                try {
                    shutdown = true;
                    while (running > 0) {
                        idle.await();
                    }
                    join = last == null ? null : last.get();
                    last = null;
                } finally {
                    lock.unlock();
                }
                if (join != null) {
                    join.join();
                }
            }
        };
    }
}
