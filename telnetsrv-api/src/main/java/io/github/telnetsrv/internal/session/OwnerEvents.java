package io.github.telnetsrv.internal.session;

import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events a session's terminal raises for its owner ({@link SessionTerminal.Events}): raised under the
 * session's lock by whichever thread caused them, delivered in order once the lock is released, by a thread that
 * released it ({@link #deliver()}). This is the core rule of the terminal: nothing outside it (handler code, the
 * runtime's {@code Executor}) ever runs under the lock.
 *
 * <p>Shares the lock of its {@link SessionTerminal}: the {@code raise} methods and {@link #pending()} are called
 * under it, {@link #deliver()} without it.
 */
final class OwnerEvents {

    private final ReentrantLock lock;
    private final SessionTerminal.Events owner;

    // Guarded by lock.
    /** Raised and not yet delivered; made on need. */
    private ArrayDeque<Runnable> queue;
    /**
     * Whether the queue may hold events: set when one is raised, cleared when a delivery finds it empty. Read
     * without the lock so that the common case (a read that raised nothing) takes no second lock; a thread that
     * raises always delivers after releasing the lock, so a stale {@code false} loses nothing.
     */
    private volatile boolean raised;

    OwnerEvents(ReentrantLock lock, SessionTerminal.Events owner) {
        this.lock = lock;
        this.owner = owner;
    }

    /** Under the lock: {@link SessionTerminal.Events#lineEntered}, once the lock is released. */
    void raiseLineEntered(String line) {
        raise(() -> owner.lineEntered(line));
    }

    /** Under the lock: {@link SessionTerminal.Events#endRequested}, once the lock is released. */
    void raiseEndRequested() {
        raise(owner::endRequested);
    }

    /** Under the lock: {@link SessionTerminal.Events#completionRequested}, once the lock is released. */
    void raiseCompletionRequested(long id, String line, int wordStart, int cursor) {
        raise(() -> owner.completionRequested(id, line, wordStart, cursor));
    }

    /** Under the lock: whether events wait for a thread to deliver them. */
    boolean pending() {
        return queue != null && !queue.isEmpty();
    }

    /**
     * Without the lock: delivers the events raised so far, in order, on the calling thread. Each is taken under
     * the lock and run outside it; events raised meanwhile, by this thread or another, are delivered too.
     */
    void deliver() {
        if (!raised) {
            return;
        }
        while (true) {
            Runnable event;
            lock.lock();
            try {
                event = queue == null ? null : queue.poll();
                if (event == null) {
                    raised = false;
                }
            } finally {
                lock.unlock();
            }
            if (event == null) {
                return;
            }
            event.run();
        }
    }

    private void raise(Runnable event) {
        if (queue == null) {
            queue = new ArrayDeque<>(4);
        }
        queue.add(event);
        raised = true;
    }
}
