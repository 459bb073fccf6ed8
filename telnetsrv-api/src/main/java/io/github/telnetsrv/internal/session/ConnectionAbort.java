package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.TelnetConnection;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a session's connection when its client is dropped: once, logging why, never blocking and needing no lock (a
 * reset: nothing more can reach the client anyway), so that a dropped client is cut even while the session's lock
 * is busy. The abort unblocks a write stuck on the client and ends the session's input. Thread-safe.
 */
final class ConnectionAbort {

    private static final Logger LOG = LoggerFactory.getLogger(SessionOutput.class);
    private static final VarHandle DONE;

    static {
        try {
            DONE = MethodHandles.lookup().findVarHandle(ConnectionAbort.class, "done", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final TelnetConnection connection;
    /** Whether the connection was aborted: set once, through {@link #DONE} (a flag field, no object of its own). */
    private volatile boolean done;
    /** Whether the write timeout's check began dropping the client. */
    private volatile boolean dropping;

    ConnectionAbort(TelnetConnection connection) {
        this.connection = connection;
    }

    /**
     * Aborts the connection, the first time.
     *
     * @param why for the log
     */
    void abort(String why) {
        if (!DONE.compareAndSet(this, false, true)) {
            return;
        }
        LOG.info("{}: dropping the client: {}", connection.remoteAddress(), why);
        try {
            connection.abort();
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: abort failed: {}", connection.remoteAddress(), e.toString());
        }
    }

    /**
     * Whether a write that began at {@code startedNanos} (0: none in progress) has been blocked past
     * {@code timeoutNanos} and the client is not being dropped yet; if so, it is from now on.
     */
    boolean writeBlocked(long startedNanos, long nowNanos, long timeoutNanos) {
        if (startedNanos != 0 && nowNanos - startedNanos >= timeoutNanos && !dropping) {
            dropping = true;
            return true;
        }
        return false;
    }
}
