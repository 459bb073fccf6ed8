package io.github.telnetsrv.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;

/** An SSH client for the tests: MINA SSHD's, in this JVM, with waits bounded by deadlines. */
final class SshTestClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final SshClient client = SshClient.setUpDefaultClient();

    SshTestClient() {
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    SshClient client() {
        return client;
    }

    /** A session logged in with a password. */
    ClientSession login(int port, String user, String password) throws IOException {
        ClientSession session = connect(port, user);
        session.addPasswordIdentity(password);
        session.auth().verify(WAIT);
        return session;
    }

    /** A session logged in with a key. */
    ClientSession login(int port, String user, KeyPair key) throws IOException {
        ClientSession session = connect(port, user);
        session.addPublicKeyIdentity(key);
        session.auth().verify(WAIT);
        return session;
    }

    /** A connected session, not yet logged in. */
    ClientSession connect(int port, String user) throws IOException {
        return client.connect(user, "127.0.0.1", port).verify(WAIT).getSession();
    }

    /** Runs an exec request to its end, reading its stdout and its stderr apart. */
    static Exec exec(ClientSession session, String command) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(WAIT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), WAIT);
            Integer status = channel.getExitStatus();
            if (status == null) {
                channel.waitFor(EnumSet.of(ClientChannelEvent.EXIT_STATUS), Duration.ofSeconds(1));
                status = channel.getExitStatus();
            }
            return new Exec(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), status);
        }
    }

    /** Opens a shell, with a PTY of the given size or ({@code pty} false) without one. */
    static Shell shell(ClientSession session, boolean pty, int columns, int rows) throws IOException {
        ChannelShell channel = session.createShellChannel();
        channel.setUsePty(pty);
        if (pty) {
            channel.setPtyType("xterm-256color");
            channel.setPtyColumns(columns);
            channel.setPtyLines(rows);
        }
        channel.open().verify(WAIT);
        return new Shell(channel);
    }

    /** Sends a break request on a shell channel, as OpenSSH's {@code ~B} does. */
    static void sendBreak(ChannelShell channel) throws IOException {
        Buffer b = channel.getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 32);
        b.putUInt(channel.getRecipient());
        b.putString("break");
        b.putBoolean(false);
        b.putUInt(500);
        channel.getSession().writePacket(b);
    }

    @Override
    public void close() {
        client.stop();
    }

    /** An exec request's output (stdout), its error output (stderr) and exit status ({@code null} if none came). */
    record Exec(String output, String error, Integer status) {
    }

    /** An open shell channel: what it wrote so far, and keys to send. */
    static final class Shell implements AutoCloseable {
        private final ChannelShell channel;
        private final OutputStream keys;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition grown = lock.newCondition();
        private final StringBuilder screen = new StringBuilder();
        private final Thread reader;

        Shell(ChannelShell channel) {
            this.channel = channel;
            this.keys = channel.getInvertedIn();
            InputStream in = channel.getInvertedOut();
            this.reader = Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[4096];
                try {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        String text = new String(buf, 0, n, StandardCharsets.UTF_8);
                        lock.lock();
                        try {
                            screen.append(text);
                            grown.signalAll();
                        } finally {
                            lock.unlock();
                        }
                    }
                } catch (IOException e) {
                    // The channel closed.
                }
            });
        }

        ChannelShell channel() {
            return channel;
        }

        void type(String text) throws IOException {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        /** Ends the input (EOF); the channel stays open for output. */
        void endInput() throws IOException {
            keys.close();
        }

        void resize(int columns, int rows) throws IOException {
            channel.sendWindowChange(columns, rows);
        }

        /** Sends a break request, as OpenSSH's {@code ~B} does. */
        void sendBreak() throws IOException {
            SshTestClient.sendBreak(channel);
        }

        String text() {
            lock.lock();
            try {
                return screen.toString();
            } finally {
                lock.unlock();
            }
        }

        /** Waits until the output holds {@code expected} {@code times} times; fails with the output after WAIT. */
        String await(String expected, int times) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            lock.lock();
            try {
                while (count(screen.toString(), expected) < times) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("waited " + WAIT + " for " + times + " x '" + expected
                                + "'; output so far: '" + screen + "'");
                    }
                    grown.awaitNanos(left);
                }
                return screen.toString();
            } finally {
                lock.unlock();
            }
        }

        String await(String expected) throws InterruptedException {
            return await(expected, 1);
        }

        /** Waits for the channel to close; returns its exit status ({@code null} if none). */
        Integer awaitClosed() throws InterruptedException {
            if (!channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), WAIT).contains(ClientChannelEvent.CLOSED)) {
                throw new AssertionError("channel not closed within " + WAIT + "; output: '" + text() + "'");
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            return channel.getExitStatus();
        }

        /** Closes the channel the SSH way (the server is sent a close), waiting a bounded time for its answer. */
        @Override
        public void close() throws IOException {
            channel.close(false).await(WAIT);
        }

        private static int count(String text, String part) {
            int n = 0;
            for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
                n++;
            }
            return n;
        }
    }
}
