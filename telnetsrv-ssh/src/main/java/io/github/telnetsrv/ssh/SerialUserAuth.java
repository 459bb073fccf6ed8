package io.github.telnetsrv.ssh;

import java.io.IOException;
import java.util.ArrayDeque;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.Service;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.auth.AbstractUserAuthServiceFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.session.ServerUserAuthService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA SSHD's user-auth service, made to handle a connection's requests one at a time, as RFC 4252 section 5 asks
 * ("the server MUST process each request completely and acknowledge any failed requests with a
 * SSH_MSG_USERAUTH_FAILURE message before processing the next request").
 *
 * <p>MINA SSHD's own service reads on while a check answers later (an {@code AsyncAuthException}): each pipelined
 * password started a check of its own, and the request read last replaced the one whose answer came, so that a
 * right password sent after many wrong ones logged in whatever the limits. Here, a request that arrives while one
 * waits for its answer is held, in order; each held request is handled once the one before it has been answered,
 * on the thread that delivered the answer. A check that will answer later says so with {@link #answerLater}. At
 * most {@value #MAX_HELD} requests and {@value #MAX_HELD_BYTES} bytes are held per connection: a client that
 * pipelines more is disconnected. Held requests die with their connection.
 *
 * <p>Called by MINA SSHD on the connection's I/O thread (requests) and on the thread that completes a check
 * (answers), under the service's monitor, as MINA SSHD's own service is: the two overrides stay {@code synchronized}
 * because the methods they override are, and the service's other code takes the same monitor. Those threads are
 * platform threads (MINA's I/O threads, the password checks' pool, the SSH timer), and nothing here blocks.
 */
final class SerialUserAuth extends ServerUserAuthService {

    /** Makes the service for each connection, under the name clients ask for ({@code ssh-userauth}). */
    static final class Factory extends AbstractUserAuthServiceFactory {
        @Override
        public Service create(Session session) throws IOException {
            return new SerialUserAuth(session);
        }
    }

    /** Requests held per connection while one waits for its answer. */
    static final int MAX_HELD = 16;
    /** Bytes of held requests per connection. */
    static final int MAX_HELD_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SerialUserAuth.class);
    /** Set on the session by a check that answers later, while MINA SSHD handles the request. */
    private static final AttributeKey<Boolean> ANSWER_LATER = new AttributeKey<>();

    private final ArrayDeque<Buffer> held = new ArrayDeque<>();
    private int heldBytes;
    private boolean awaitingAnswer;
    private boolean draining;

    private SerialUserAuth(Session session) throws IOException {
        super(session);
    }

    /**
     * Tells the connection's service that the request being handled is answered later: requests that follow are
     * held until it is. Call on the thread handling the request, right before throwing the
     * {@code AsyncAuthException}.
     *
     * @param session the connection
     */
    static void answerLater(ServerSession session) {
        session.setAttribute(ANSWER_LATER, Boolean.TRUE);
    }

    @Override
    public synchronized void process(int cmd, Buffer buffer) throws Exception {
        if (awaitingAnswer || !held.isEmpty()) {
            hold(cmd, buffer);
            return;
        }
        handle(cmd, buffer);
    }

    @Override
    protected synchronized void asyncAuth(int cmd, Buffer buffer, boolean authed) {
        getServerSession().removeAttribute(ANSWER_LATER);
        awaitingAnswer = false;
        super.asyncAuth(cmd, buffer, authed);
        drain();
    }

    /** Lets MINA SSHD handle one request, and notes whether its answer comes later. */
    private void handle(int cmd, Buffer buffer) throws Exception {
        ServerSession session = getServerSession();
        session.removeAttribute(ANSWER_LATER);
        super.process(cmd, buffer);
        // An answer given at once (even one given late but before MINA SSHD listened for it) cleared the mark.
        awaitingAnswer = session.removeAttribute(ANSWER_LATER) != null;
    }

    /** Keeps a copy of a request to handle later (MINA SSHD reuses the buffer it was read into). */
    private void hold(int cmd, Buffer buffer) throws IOException {
        int size = buffer.available();
        ServerSession session = getServerSession();
        if (held.size() >= MAX_HELD || heldBytes + size > MAX_HELD_BYTES) {
            LOG.warn("{}: disconnected: more than {} authentication requests sent before the answers",
                    session.getClientAddress(), held.size());
            held.clear();
            heldBytes = 0;
            session.disconnect(SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE,
                    "Too many authentication requests awaiting an answer");
            return;
        }
        ByteArrayBuffer copy = new ByteArrayBuffer(size + 1, false);
        copy.putByte((byte) cmd);
        copy.putRawBytes(buffer.array(), buffer.rpos(), size);
        copy.rpos(1); // as MINA SSHD hands a message over: the command read, the payload next
        held.add(copy);
        heldBytes += size;
    }

    /** Handles the held requests in order, until one answers later (or the connection is closing). */
    private void drain() {
        if (draining) {
            return; // an answer given inside handle(): the loop below goes on
        }
        draining = true;
        try {
            ServerSession session = getServerSession();
            while (!awaitingAnswer && !held.isEmpty()) {
                Buffer next = held.poll();
                heldBytes -= next.available();
                if (!session.isOpen()) {
                    held.clear();
                    heldBytes = 0;
                    return;
                }
                int cmd = next.array()[0] & 0xFF;
                try {
                    handle(cmd, next);
                } catch (Exception e) {
                    LOG.warn("{}: authentication request failed: {}", session.getClientAddress(), e.toString());
                    held.clear();
                    heldBytes = 0;
                    session.close(true);
                    return;
                }
            }
        } finally {
            draining = false;
        }
    }
}
