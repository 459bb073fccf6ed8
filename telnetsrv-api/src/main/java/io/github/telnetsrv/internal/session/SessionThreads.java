package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.TelnetSession;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Which session the calling thread serves: the session's reader (the thread in {@code TelnetSession.run()}), or
 * one of its handler tasks (login, {@code sessionStart()}, a command, a completion, a scheduled task,
 * {@code sessionEnd()}). A server's {@code close()} asks, so that called from one of its own sessions it does not
 * wait for that session, which cannot end before the call returns.
 *
 * <p>Handler tasks are marked for the time they run ({@link #marking}); a session's reader is not marked (an idle
 * session's reader would hold a thread-local map for its whole life): the server finds it in its registry of readers
 * ({@link #current(Map)}). Threads a handler starts itself are not marked. Thread-safe: each thread sees only its own
 * mark.
 */
public final class SessionThreads {

    private static final ThreadLocal<TelnetSession> SERVING = new ThreadLocal<>();

    private SessionThreads() {
    }

    /**
     * The session whose reader or handler task runs on the calling thread.
     *
     * @return the session, or {@code null} on any other thread
     */
    public static TelnetSession current() {
        return SERVING.get();
    }

    /**
     * The session of a server's that the calling thread serves: the one whose handler task runs on it, or whose
     * reader it is.
     *
     * @param readers the server's sessions and their reader threads
     * @return the session, or {@code null} when the calling thread serves none of them
     */
    public static TelnetSession current(Map<TelnetSession, Thread> readers) {
        TelnetSession marked = SERVING.get();
        if (marked != null) {
            return readers.containsKey(marked) ? marked : null;
        }
        Thread self = Thread.currentThread();
        for (Map.Entry<TelnetSession, Thread> entry : readers.entrySet()) {
            if (entry.getValue() == self) {
                return entry.getKey();
            }
        }
        return null;
    }

    /**
     * Runs {@code code} on the calling thread, marked as serving {@code session}; the mark before is restored
     * after.
     *
     * @param session the session served
     * @param code what serves it
     */
    public static void serve(TelnetSession session, Runnable code) {
        TelnetSession outer = SERVING.get();
        SERVING.set(session);
        try {
            code.run();
        } finally {
            if (outer == null) {
                SERVING.remove();
            } else {
                SERVING.set(outer);
            }
        }
    }

    /**
     * An executor that runs each task of {@code tasks} marked as serving {@code session}.
     *
     * @param session the session whose handler tasks these are
     * @param tasks runs them
     * @return the marking executor
     */
    public static Executor marking(TelnetSession session, Executor tasks) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(tasks, "tasks");
        return task -> tasks.execute(() -> serve(session, task));
    }
}
