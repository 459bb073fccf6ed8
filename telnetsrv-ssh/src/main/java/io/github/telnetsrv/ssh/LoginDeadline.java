package io.github.telnetsrv.ssh;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH login deadline, counted from the connection: a connection not logged in {@code timeout} after it was
 * created is disconnected ({@code "Login timed out"}), whatever happened meanwhile. MINA SSHD's own login timeout
 * starts again when the client asks for the user-auth service, which let a client take up to twice as long; it
 * stays set, as a later backstop.
 *
 * <p>Called by MINA SSHD on the connection's I/O thread; the deadline runs on the SSH layer's timer. One scheduled
 * task per connection not yet logged in, cancelled when it logs in or closes.
 */
final class LoginDeadline implements SessionListener {

    private static final Logger LOG = LoggerFactory.getLogger(LoginDeadline.class);
    private static final AttributeKey<Future<?>> DEADLINE = new AttributeKey<>();

    private final ScheduledExecutorService timer;
    private final Duration timeout;

    /**
     * @param timer the SSH layer's timer (a platform thread)
     * @param timeout the time from the connection to the login
     */
    LoginDeadline(ScheduledExecutorService timer, Duration timeout) {
        this.timer = timer;
        this.timeout = timeout;
    }

    @Override
    public void sessionCreated(Session session) {
        try {
            session.setAttribute(DEADLINE,
                    timer.schedule(() -> expire(session), timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            session.close(true); // the server is stopping
        }
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated) {
            cancel(session);
        }
    }

    @Override
    public void sessionClosed(Session session) {
        cancel(session);
    }

    private static void cancel(Session session) {
        Future<?> deadline = session.removeAttribute(DEADLINE);
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    /** On the timer: ends the connection if it has not logged in. */
    private void expire(Session session) {
        if (session.isAuthenticated() || !session.isOpen()) {
            return;
        }
        LOG.info("{}: not logged in within {} s of the connection: disconnected",
                session.getIoSession().getRemoteAddress(), timeout.toMillis() / 1000.0);
        try {
            session.disconnect(SshConstants.SSH2_DISCONNECT_PROTOCOL_ERROR, "Login timed out");
        } catch (IOException e) {
            session.close(true);
        }
    }
}
