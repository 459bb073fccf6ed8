package io.github.telnetsrv.ssh;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSessionImpl;
import org.apache.sshd.client.session.SessionFactory;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * MINA SSHD's client, opened up for protocol tests: it records every message the server sends, can hold back its
 * request for the user-auth service, and sends user-auth requests of the test's own, without waiting for answers
 * (as a client pipelining guesses would).
 */
final class RawSshClient implements AutoCloseable {

    private final SshClient client = SshClient.setUpDefaultClient();
    private final boolean holdService;

    /**
     * @param holdService whether the user-auth service is asked for only when {@link Session#requestService()} is
     *     called (MINA SSHD's client asks as soon as the keys are exchanged)
     */
    RawSshClient(boolean holdService) {
        this.holdService = holdService;
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.setSessionFactory(new SessionFactory(client) {
            @Override
            protected ClientSessionImpl doCreateSession(IoSession io) throws Exception {
                return new Session(getClient(), io, RawSshClient.this.holdService);
            }
        });
        client.start();
    }

    /** A connection with its keys exchanged, not logged in. */
    Session connect(int port, String user) throws IOException {
        ClientSession session = client.connect(user, "127.0.0.1", port).verify(SshTestClient.WAIT).getSession();
        session.waitFor(EnumSet.of(ClientSession.ClientSessionEvent.WAIT_AUTH, ClientSession.ClientSessionEvent.CLOSED),
                SshTestClient.WAIT);
        return (Session) session;
    }

    @Override
    public void close() {
        client.stop();
    }

    /** A client connection that records what the server sends. */
    static final class Session extends ClientSessionImpl {
        private final List<Integer> received = new CopyOnWriteArrayList<>();
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition arrived = lock.newCondition();
        private volatile boolean held;

        Session(org.apache.sshd.client.ClientFactoryManager client, IoSession io, boolean hold) throws Exception {
            super(client, io);
            this.held = hold;
        }

        @Override
        protected void handleMessage(Buffer buffer) throws Exception {
            received.add(buffer.array()[buffer.rpos()] & 0xFF);
            lock.lock();
            try {
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
            super.handleMessage(buffer);
        }

        @Override
        protected void sendInitialServiceRequest() throws IOException {
            if (!held) {
                super.sendInitialServiceRequest();
            }
        }

        /** Asks for the user-auth service now (when held back). */
        void requestService() throws IOException {
            held = false;
            sendInitialServiceRequest();
        }

        /** Sends a password request, without waiting for the answer. */
        void sendPassword(String user, String password) throws IOException {
            Buffer request = createBuffer(SshConstants.SSH_MSG_USERAUTH_REQUEST, 64);
            request.putString(user);
            request.putString("ssh-connection");
            request.putString("password");
            request.putBoolean(false);
            request.putString(password);
            writePacket(request);
        }

        /** How many messages with this number the server has sent so far. */
        long count(int message) {
            return received.stream().filter(m -> m == message).count();
        }

        /**
         * Waits (bounded by {@link SshTestClient#WAIT}) until the server has sent {@code total} messages with these
         * numbers, all together.
         *
         * @return whether it did in time
         */
        boolean awaitCount(long total, int... messages) throws InterruptedException {
            long deadline = System.nanoTime() + SshTestClient.WAIT.toNanos();
            lock.lock();
            try {
                while (true) {
                    long seen = 0;
                    for (int message : messages) {
                        seen += count(message);
                    }
                    long left = deadline - System.nanoTime();
                    if (seen >= total || left <= 0) {
                        return seen >= total;
                    }
                    arrived.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }

        /** The messages received, by number, in order. */
        List<Integer> received() {
            return List.copyOf(received);
        }

        /** Waits (bounded) for the connection to close; returns whether it did. */
        boolean awaitClosed(java.time.Duration wait) {
            return waitFor(EnumSet.of(ClientSessionEvent.CLOSED), wait).contains(ClientSessionEvent.CLOSED);
        }
    }
}
