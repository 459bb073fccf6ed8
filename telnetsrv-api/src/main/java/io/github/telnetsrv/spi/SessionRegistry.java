package io.github.telnetsrv.spi;

import io.github.telnetsrv.TelnetSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ServerBase}'s open sessions, each with what runs it ({@link Runner}), in the order they were registered; and
 * whether the server's close has begun, under the same lock, so that a session registered before is closed by
 * the close and one that comes after is not registered. The acceptor's back-off waits on it, so that the close
 * cuts the wait short.
 *
 * <p>Thread-safe: sessions are registered by the threads that admit connections and unregistered by the threads
 * that ran them; any thread lists them. Uses a {@link ReentrantLock}, held only to read or change the map, never
 * {@code synchronized} (a virtual acceptor would pin its carrier while it waits).
 */
final class SessionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition closingBegun = lock.newCondition();
    private final Map<TelnetSession, Runner> sessions = new LinkedHashMap<>();
    private boolean closing;

    /**
     * Registers a session with the thread that runs it, unless closing has begun.
     *
     * @return false, registering nothing, when closing has begun
     */
    boolean register(TelnetSession session, Runner runner) {
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            sessions.put(session, runner);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets a session (one not registered is ignored). */
    void unregister(TelnetSession session) {
        lock.lock();
        try {
            sessions.remove(session);
        } finally {
            lock.unlock();
        }
    }

    /** How many sessions are registered. */
    int size() {
        lock.lock();
        try {
            return sessions.size();
        } finally {
            lock.unlock();
        }
    }

    /** The sessions, oldest first: by start time, those started at the same time in the order registered. */
    List<TelnetSession> list() {
        List<TelnetSession> open;
        lock.lock();
        try {
            open = new ArrayList<>(sessions.keySet());
        } finally {
            lock.unlock();
        }
        open.sort(Comparator.comparing(TelnetSession::startTime)); // stable: registration order among equals
        return List.copyOf(open);
    }

    /** The session whose handler task or runner is the calling thread, or {@code null}. */
    TelnetSession current() {
        TelnetSession marked = TelnetSession.current().orElse(null);
        lock.lock();
        try {
            if (marked != null) {
                return sessions.containsKey(marked) ? marked : null;
            }
            for (Map.Entry<TelnetSession, Runner> entry : sessions.entrySet()) {
                if (entry.getValue().isCurrentThread()) {
                    return entry.getKey();
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Begins closing: no session is registered from now on, and whoever waits in {@link #awaitClosing} wakes.
     *
     * @return the sessions and their runners, the first time; {@code null} after that
     */
    List<Map.Entry<TelnetSession, Runner>> beginClosing() {
        lock.lock();
        try {
            if (closing) {
                return null;
            }
            closing = true;
            closingBegun.signalAll();
            return sessions.entrySet().stream().map(Map.Entry::copyOf).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Whether closing has begun. */
    boolean closing() {
        lock.lock();
        try {
            return closing;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits at most {@code millis} for closing to begin (the acceptor's back-off). The acceptor stops only through
     * the close, so an interrupt does not end the wait and is not kept (it would close the listening socket of a
     * virtual acceptor).
     */
    void awaitClosing(long millis) {
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
