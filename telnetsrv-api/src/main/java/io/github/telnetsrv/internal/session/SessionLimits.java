package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.SessionConfig;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time limits of one session, as its entry among the {@link Deadlines} enforces them: the write timeout (a
 * write blocked that long drops the client, see {@link SessionOutput}), the deadlines of the set-up (the
 * handshake's and the login's), the idle timeout of a prompt or question, and the time Tab may wait for its
 * candidates.
 *
 * <p>The entry is due at the earliest of the session's deadlines. Deadlines that come closer say so at once: a
 * write that begins ({@link #writeStarted}), a Tab that awaits candidates ({@link #completionAwaited}), the set-up
 * ({@link #setUpDeadlines}). Input, which postpones the idle timeout, says nothing: the check at the deadline the
 * session had finds the input and returns the later one. The end of a set-up step ({@link #handshakeDone},
 * {@link #loggedIn}) moves the session to its next deadline at once, so that no look is spent on a deadline
 * that no longer applies.
 *
 * <p>The session's threads set and clear the set-up deadlines ({@link #setUpDeadlines}, {@link #handshakeDone},
 * {@link #loggedIn}) without the lock: they are volatile. {@link #check} runs on the deadlines' thread and never
 * blocks: it only tries the session's lock, and leaves writing and the owner's events to a thread of its own.
 */
public final class SessionLimits implements Deadlines.Watched {

    private static final Logger LOG = LoggerFactory.getLogger(SessionLimits.class);
    /** Past the login deadline, how long the session has to say "Login timed out" before it is cut. */
    private static final long LOGIN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** When the session's lock was busy at a check: how soon the check runs again. */
    private static final long BUSY_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final ReentrantLock lock;
    private final SessionConfig config;
    private final SocketAddress remote;
    private final SessionOutput output;
    private final OwnerEvents events;
    private final LineHandOver lines;
    private final Completions completions;
    private final LongSupplier lastInputNanos;
    private final long handshakeTimeoutNanos;
    private final Deadlines.Entry entry;
    /** Until the handshake is done: its absolute deadline ({@link System#nanoTime()}), else 0. */
    private volatile long handshakeDeadlineNanos;
    /** Until the login is done: its absolute deadline, else 0. */
    private volatile long loginDeadlineNanos;
    /** Guarded by the lock: when the Tab awaiting candidates gives up, while {@link Completions#awaiting()}. */
    private long completionDeadlineNanos;

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
        this.entry = Deadlines.SHARED.entry(this);
    }

    /**
     * Starts enforcing the limits (at the start of the session's {@code run()}, not under the lock): the session's
     * entry is due at its earliest deadline.
     */
    public void watch() {
        entry.watch(nextDeadline(System.nanoTime()));
    }

    /** Stops enforcing the limits (at the end of the session's {@code run()}). */
    public void unwatch() {
        entry.unwatch();
    }

    /**
     * Sets the absolute deadlines of the session's set-up: past the handshake deadline the connection is cut while
     * {@link #handshakeDone()} has not been called, and past the login deadline (plus a short grace for the "Login
     * timed out" answer) while {@link #loggedIn()} has not been. Any thread.
     *
     * @param startNanos when the connection was made
     * @param loginTimeoutNanos the login deadline, from the connection
     */
    public void setUpDeadlines(long startNanos, long loginTimeoutNanos) {
        long handshake = nonZero(startNanos + handshakeTimeoutNanos);
        long login = nonZero(startNanos + loginTimeoutNanos);
        handshakeDeadlineNanos = handshake;
        loginDeadlineNanos = login;
        entry.dueBy(Deadlines.earliest(handshake, login + LOGIN_GRACE_NANOS));
    }

    /**
     * The connection's handshake is done: its deadline no longer applies, and the session is due at its next one.
     * Any thread; takes the session's lock for a moment.
     */
    public void handshakeDone() {
        handshakeDeadlineNanos = 0;
        entry.movedLater(this::nextDeadline);
    }

    /**
     * The user logged in (or no login was asked): the login deadline no longer applies, and the session is due at
     * its next one. Any thread; takes the session's lock for a moment.
     */
    public void loggedIn() {
        loginDeadlineNanos = 0;
        entry.movedLater(this::nextDeadline);
    }

    /**
     * A write to the client began: the session is due by the write timeout from then. Without the lock, on the
     * writing thread; a volatile read unless the session was due later.
     *
     * @param startedNanos when the write began ({@link System#nanoTime()})
     */
    void writeStarted(long startedNanos) {
        entry.dueBy(startedNanos + output.writeTimeoutNanos());
    }

    /**
     * Tab awaits candidates: the session is due when they are given up, {@link Completions#TIMEOUT_NANOS} from now.
     * Under the lock, from {@link Completions}.
     */
    void completionAwaited() {
        long deadline = System.nanoTime() + Completions.TIMEOUT_NANOS;
        completionDeadlineNanos = deadline;
        entry.dueBy(deadline);
    }

    /** The session's entry among the deadlines (for tests). */
    Deadlines.Entry entry() {
        return entry;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    /**
     * Drops a client whose write has been blocked for the write timeout, or whose set-up passed its deadline;
     * gives up a Tab whose candidates are late; and ends a session whose prompt (or question) waited for input
     * for the idle timeout, counted from the last byte received or the start of the line, whichever is later.
     * Never blocks and never writes: "Idle timeout" is left for the session's own threads to send (the final task
     * at the prompt; the command after its {@code readLine}). When the lock is busy, the check runs again shortly.
     *
     * @return the earliest deadline still ahead
     */
    @Override
    public long check(long nowNanos) {
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
        long next = deadlineWithoutLock(nowNanos);
        if (!lock.tryLock()) {
            return Deadlines.earliest(next, nowNanos + BUSY_RETRY_NANOS);
        }
        boolean flush;
        try {
            flush = completions.giveUpIfLate(nowNanos);
            long idle = config.idleTimeout().toNanos();
            if (idle > 0 && lines.endIfIdle(nowNanos, idle, lastInputNanos.getAsLong())) {
                LOG.info("{}: idle for {}, closing", remote, config.idleTimeout());
            }
            flush |= events.pending();
            next = Deadlines.earliest(next, deadlineUnderLock(nowNanos));
        } finally {
            lock.unlock();
        }
        if (flush) {
            // The deadlines' thread never writes nor runs the owner's code: a thread of its own does.
            Thread.ofVirtual().name("telnetsrv-session-events").start(() -> {
                output.flush();
                events.deliver();
            });
        }
        return next;
    }

    /** The session's earliest deadline ahead, acting on none; takes the lock. */
    private long nextDeadline(long nowNanos) {
        long next = deadlineWithoutLock(nowNanos);
        lock.lock();
        try {
            return Deadlines.earliest(next, deadlineUnderLock(nowNanos));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The deadlines read without the lock still ahead: the write in progress (one blocked for the write timeout
     * is being dropped), the handshake's and the login's.
     */
    private long deadlineWithoutLock(long nowNanos) {
        long next = Deadlines.NONE;
        long started = output.writeStartedNanos();
        if (started != 0 && nowNanos - started < output.writeTimeoutNanos()) {
            next = started + output.writeTimeoutNanos();
        }
        long handshake = handshakeDeadlineNanos;
        if (handshake != 0) {
            next = Deadlines.earliest(next, handshake);
        }
        long login = loginDeadlineNanos;
        if (login != 0) {
            next = Deadlines.earliest(next, login + LOGIN_GRACE_NANOS);
        }
        return next;
    }

    /** Under the lock: the deadlines still ahead of the Tab awaiting candidates and of the line being read. */
    private long deadlineUnderLock(long nowNanos) {
        long next = Deadlines.NONE;
        if (completions.awaiting() && completionDeadlineNanos - nowNanos > 0) {
            next = completionDeadlineNanos;
        }
        long idle = config.idleTimeout().toNanos();
        if (idle > 0) {
            next = Deadlines.earliest(next, lines.idleDeadline(nowNanos, idle, lastInputNanos.getAsLong()));
        }
        return next;
    }

    private static long nonZero(long nanos) {
        return nanos == 0 ? 1 : nanos;
    }
}
