package io.github.telnetsrv.ssh;

import io.github.telnetsrv.spi.Admission;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH server's connections in its {@link Admission}: each is admitted as it is created (before the key
 * exchange, so that a client that never logs in counts), counts as not logged in until the SSH layer has
 * authenticated it, and is given back when it closes. A connection refused is disconnected at once, with a reason
 * (the SSH layer sends it ahead of the server's identification line, so clients do not show it).
 *
 * <p>Called by MINA SSHD on the connection's I/O thread.
 */
final class ConnectionLimits implements SessionListener {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimits.class);
    /** The admitted connection's ticket: only those give one back. */
    private static final AttributeKey<Admission.Ticket> TICKET = new AttributeKey<>();

    private final Admission admission;

    ConnectionLimits(Admission admission) {
        this.admission = admission;
    }

    @Override
    public void sessionCreated(Session session) {
        SocketAddress remote = session.getIoSession().getRemoteAddress();
        Admission.Ticket ticket = admission.enter(remote instanceof InetSocketAddress inet ? inet.getAddress() : null);
        if (ticket.admitted()) {
            session.setAttribute(TICKET, ticket);
            return;
        }
        switch (ticket.refusal()) {
            case CLOSING -> refuse(session, "Server closing");
            case SESSIONS -> {
                LOG.warn("{}: refused: {} SSH connections open (maxSessions)", remote, admission.maxSessions());
                refuse(session, "Too many connections; try again later.");
            }
            case ADDRESS -> {
                LOG.warn("{}: refused: {} SSH connections open from this address (maxSessionsPerAddress)", remote,
                        admission.maxSessionsPerAddress());
                refuse(session, "Too many connections from your address; try again later.");
            }
            case UNAUTHENTICATED -> {
                LOG.warn("{}: refused: {} SSH connections not logged in (maxUnauthenticated)", remote,
                        admission.maxUnauthenticated());
                refuse(session, "Too many connections logging in; try again later.");
            }
        }
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated) {
            Admission.Ticket ticket = session.getAttribute(TICKET);
            if (ticket != null) {
                ticket.loggedIn();
            }
        }
    }

    @Override
    public void sessionClosed(Session session) {
        Admission.Ticket ticket = session.removeAttribute(TICKET);
        if (ticket != null) {
            ticket.leave();
        }
    }

    private static void refuse(Session session, String reason) {
        try {
            session.disconnect(SshConstants.SSH2_DISCONNECT_TOO_MANY_CONNECTIONS, reason);
        } catch (IOException e) {
            session.close(true);
        }
    }
}
