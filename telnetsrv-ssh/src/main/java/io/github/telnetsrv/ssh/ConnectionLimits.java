package io.github.telnetsrv.ssh;

import io.github.telnetsrv.spi.AddressCounts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH server's connection limits: at most {@code max} connections at once, and {@code perAddress} from one
 * remote address, counted as each connection is created (before the key exchange, so that unauthenticated ones
 * count) and given back when it closes; an address's count is checked and changed in one step (see
 * {@link AddressCounts}). A connection over a limit is disconnected with a reason the client shows.
 */
final class ConnectionLimits implements SessionListener {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimits.class);
    /** Marks a connection that took a slot: only those give one back. */
    private static final AttributeKey<InetAddress> COUNTED = new AttributeKey<>();
    private static final InetAddress NO_ADDRESS = InetAddress.getLoopbackAddress();

    private final int max;
    private final int perAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final AddressCounts byAddress;
    private volatile boolean refuseAll;

    ConnectionLimits(int max, int perAddress) {
        this.max = max;
        this.perAddress = perAddress;
        this.byAddress = new AddressCounts(perAddress);
    }

    /** The server is closing: every new connection is refused. */
    void refuseAll() {
        refuseAll = true;
    }

    /** How many connections hold a slot now. */
    int open() {
        return open.get();
    }

    @Override
    public void sessionCreated(Session session) {
        if (refuseAll) {
            refuse(session, "Server closing");
            return;
        }
        InetAddress address = session.getIoSession().getRemoteAddress() instanceof InetSocketAddress inet ? inet.getAddress()
                : NO_ADDRESS;
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            LOG.warn("{}: refused: {} SSH connections open (maxSessions)", session.getIoSession().getRemoteAddress(), max);
            refuse(session, "Too many connections; try again later.");
            return;
        }
        if (!byAddress.tryAcquire(address)) {
            open.decrementAndGet();
            LOG.warn("{}: refused: {} SSH connections open from this address (maxSessionsPerAddress)",
                    session.getIoSession().getRemoteAddress(), perAddress);
            refuse(session, "Too many connections from your address; try again later.");
            return;
        }
        session.setAttribute(COUNTED, address);
    }

    @Override
    public void sessionClosed(Session session) {
        InetAddress address = session.removeAttribute(COUNTED);
        if (address != null) {
            byAddress.release(address);
            open.decrementAndGet();
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
