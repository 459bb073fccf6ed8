package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.SessionConfig;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time limits of one session, as the {@link SessionWatchdog} looks at them: the write timeout (a write blocked
 * that long drops the client, see {@link SessionOutput}), the deadlines of the set-up (the handshake's and the
 * login's), the idle timeout of a prompt or question, and the time Tab may wait for its candidates.
 *
 * <p>The session's threads set and clear the set-up deadlines ({@link #setUpDeadlines}, {@link #handshakeDone},
 * {@link #loggedIn}) without the lock: they are volatile. {@link #check} runs on the watchdog's thread and never
 * blocks: it only tries the session's lock, and leaves writing and the owner's events to a thread of its own.
 */
public final class SessionLimits implements SessionWatchdog.Watched {

    private static final Logger LOG = LoggerFactory.getLogger(SessionLimits.class);
    /** Past the login deadline, how long the session has to say "Login timed out" before it is cut. */
    private static final long LOGIN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ReentrantLock lock;
    private final SessionConfig config;
    private final SocketAddress remote;
    private final SessionOutput output;
    private final OwnerEvents events;
    private final LineHandOver lines;
    private final Completions completions;
    private final LongSupplier lastInputNanos;
    private final long handshakeTimeoutNanos;
    /** Until the handshake is done: its absolute deadline ({@link System#nanoTime()}), else 0. */
    private volatile long handshakeDeadlineNanos;
    /** Until the login is done: its absolute deadline, else 0. */
    private volatile long loginDeadlineNanos;

    /**
     * @param lock the session's lock
     * @param config the limits
     * @param remote the client's address, for log lines
     * @param output the session's output
     * @param events the owner's events
     * @param lines the lines the idle timeout ends
     * @param completions the completions the completion timeout gives up
     * @param lastInputNanos under the lock: when the client last sent anything ({@link System#nanoTime()})
     */
    SessionLimits(ReentrantLock lock, SessionConfig config, SocketAddress remote, SessionOutput output,
            OwnerEvents events, LineHandOver lines, Completions completions, LongSupplier lastInputNanos) {
        this.lock = lock;
        this.config = config;
        this.remote = remote;
        this.output = output;
        this.events = events;
        this.lines = lines;
        this.completions = completions;
        this.lastInputNanos = lastInputNanos;
        this.handshakeTimeoutNanos = config.handshakeTimeout().toNanos();
    }

    /**
     * Sets the absolute deadlines of the session's set-up, enforced by the {@link SessionWatchdog}: past the
     * handshake deadline the connection is cut while {@link #handshakeDone()} has not been called, and past the
     * login deadline (plus a short grace for the "Login timed out" answer) while {@link #loggedIn()} has not been.
     * Any thread.
     *
     * @param startNanos when the connection was made
     * @param loginTimeoutNanos the login deadline, from the connection
     */
    public void setUpDeadlines(long startNanos, long loginTimeoutNanos) {
        handshakeDeadlineNanos = nonZero(startNanos + handshakeTimeoutNanos);
        loginDeadlineNanos = nonZero(startNanos + loginTimeoutNanos);
    }

    /** The connection's handshake is done: its deadline no longer applies. Any thread. */
    public void handshakeDone() {
        handshakeDeadlineNanos = 0;
    }

    /** The user logged in (or no login was asked): the login deadline no longer applies. Any thread. */
    public void loggedIn() {
        loginDeadlineNanos = 0;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public long periodNanos() {
        long idle = config.idleTimeout().toNanos();
        long shortest = idle > 0 ? Math.min(idle, output.writeTimeoutNanos()) : output.writeTimeoutNanos();
        if (handshakeDeadlineNanos != 0) {
            shortest = Math.min(shortest, handshakeTimeoutNanos);
        }
        if (completions.awaiting()) {
            shortest = Math.min(shortest, Completions.TIMEOUT_NANOS);
        }
        return shortest / 4;
    }

    /**
     * Drops a client whose write has been blocked for the write timeout, or whose set-up passed its deadline;
     * gives up a Tab whose candidates are late; and ends a session whose prompt (or question) waited for input
     * for the idle timeout, counted from the last byte received or the start of the line, whichever is later.
     * Never blocks and never writes: "Idle timeout" is left for the session's own threads to send (the final task
     * at the prompt; the command after its {@code readLine}). When the lock is busy, the check waits for the next
     * look.
     */
    @Override
    public void check(long nowNanos) {
        output.dropIfWriteBlocked(nowNanos);
        long handshake = handshakeDeadlineNanos;
        if (handshake != 0 && nowNanos - handshake >= 0) {
            handshakeDeadlineNanos = 0;
            output.drop("handshake not done within " + config.handshakeTimeout());
        }
        long login = loginDeadlineNanos;
        if (login != 0 && nowNanos - login >= LOGIN_GRACE_NANOS) {
            loginDeadlineNanos = 0;
            output.drop("not logged in within " + config.loginTimeout());
        }
        if (!lock.tryLock()) {
            return;
        }
        boolean flush;
        try {
            flush = completions.giveUpIfLate(nowNanos);
            long idle = config.idleTimeout().toNanos();
            if (idle > 0 && lines.endIfIdle(nowNanos, idle, lastInputNanos.getAsLong())) {
                LOG.info("{}: idle for {}, closing", remote, config.idleTimeout());
            }
            flush |= events.pending();
        } finally {
            lock.unlock();
        }
        if (flush) {
            // The watchdog never writes nor runs the owner's code: a thread of its own does.
            Thread.ofVirtual().name("telnetsrv-session-events").start(() -> {
                output.flush();
                events.deliver();
            });
        }
    }

    private static long nonZero(long nanos) {
        return nanos == 0 ? 1 : nanos;
    }
}
