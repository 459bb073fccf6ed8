package io.github.telnetsrv.spi;

import io.github.telnetsrv.internal.session.Deadlines;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One refusal on a TLS port: the handshake, the line that says why, and the close, all within an absolute deadline
 * counted from the refusal. Each read waits at most {@value #READ_TIMEOUT_MILLIS} ms, and the JVM's
 * {@link Deadlines} reset the TCP socket when the deadline comes, so that a client trickling its handshake one
 * byte at a time, or never reading the line, holds the refusal's thread no longer than that. {@link #abort()}
 * resets it at once (the server closes).
 *
 * <p>{@link #run()} runs on the refusal's own thread; {@link #check} on the deadlines' thread; {@link #abort()}
 * on any.
 */
final class TlsRefusal implements Runnable, Deadlines.Watched {

    /** The most a refusal waits for one read of its client. */
    static final int READ_TIMEOUT_MILLIS = 2_000;
    /** Logs under the server's name: a refusal is the server's doing. */
    private static final Logger LOG = LoggerFactory.getLogger(SocketTelnetServer.class);

    private final Socket socket;
    private final TlsLayer tls;
    private final byte[] line;
    private final long deadlineNanos;
    private final Runnable done;

    /**
     * @param socket the refused connection, a TCP socket
     * @param tls the port's TLS layer
     * @param line the line the client is sent
     * @param timeoutNanos how long the refusal may take in all, from now
     * @param done run on the refusal's thread when it has ended
     */
    TlsRefusal(Socket socket, TlsLayer tls, byte[] line, long timeoutNanos, Runnable done) {
        this.socket = socket;
        this.tls = tls;
        this.line = line;
        this.deadlineNanos = System.nanoTime() + timeoutNanos;
        this.done = done;
    }

    /** Sends the line over TLS and closes; on the refusal's thread. */
    @Override
    public void run() {
        Deadlines.Entry entry = Deadlines.SHARED.entry(this);
        entry.watch(deadlineNanos);
        try (SSLSocket layered = tls.over(socket)) {
            layered.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = layered.getOutputStream();
            out.write(line);
            out.flush();
        } catch (IOException e) {
            LOG.debug("{}: refusal not delivered: {}", socket.getRemoteSocketAddress(), e.toString());
            abort();
        } finally {
            try {
                entry.unwatch();
            } finally {
                done.run();
            }
        }
    }

    /** Resets the connection, which ends the refusal's handshake, write or close at once. Any thread. */
    void abort() {
        Sockets.abortQuietly(socket);
    }

    /**
     * Resets the connection once the deadline has passed; never blocks. On the deadlines' thread.
     *
     * @return the deadline while it is ahead, then none
     */
    @Override
    public long check(long nowNanos) {
        if (nowNanos - deadlineNanos < 0) {
            return deadlineNanos;
        }
        if (!socket.isClosed()) {
            LOG.debug("{}: refusal not done by its deadline, connection reset", socket.getRemoteSocketAddress());
            abort();
        }
        return Deadlines.NONE;
    }

    @Override
    public SocketAddress remoteAddress() {
        return socket.getRemoteSocketAddress();
    }
}
