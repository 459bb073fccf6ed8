package io.github.telnetsrv.internal.session;

import io.github.telnetsrv.TelnetConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/**
 * The connections {@link TelnetConnection#of} makes: a pair of streams, and the socket they come from if any (then
 * read timeouts work and closing closes the socket), with the TCP socket under it (the same socket, or the one a
 * TLS socket is layered over).
 *
 * <p>Closing a TLS socket sends close_notify, which waits for a write in progress and may itself block on a client
 * that stopped reading: {@link #close()} does it on a thread of its own and, if it has not completed within
 * {@value #TLS_CLOSE_GRACE_MILLIS} ms, {@linkplain #abort() aborts} the TCP socket, which unblocks both.
 */
public final class StreamConnection implements TelnetConnection {

    private static final VarHandle CLOSE_STARTED;

    static {
        try {
            CLOSE_STARTED = MethodHandles.lookup().findVarHandle(StreamConnection.class, "closeStarted", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** How long a graceful TLS close may take before the TCP socket is reset. */
    public static final long TLS_CLOSE_GRACE_MILLIS = 1000;

    private final InputStream input;
    private final OutputStream output;
    private final SocketAddress remoteAddress;
    private final Socket socket;
    private final Socket transport;
    /** Set once, through {@link #CLOSE_STARTED} (a flag field: no object of its own per session). */
    private volatile boolean closeStarted;
    /** Counted down when a TLS close is complete; null for other connections. */
    private final CountDownLatch closed;

    public StreamConnection(InputStream input, OutputStream output, SocketAddress remoteAddress, Socket socket,
            Socket transport) {
        this.input = input;
        this.output = output;
        this.remoteAddress = remoteAddress;
        this.socket = socket;
        this.transport = transport;
        this.closed = socket instanceof SSLSocket ? new CountDownLatch(1) : null;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public boolean setReadTimeout(int millis) {
        if (socket == null) {
            return false;
        }
        try {
            socket.setSoTimeout(millis);
            return true;
        } catch (SocketException e) {
            return false;
        }
    }

    @Override
    public void handshake() throws IOException {
        if (socket instanceof SSLSocket tls) {
            tls.startHandshake();
        }
    }

    @Override
    public void close() throws IOException {
        if (!(socket instanceof SSLSocket tls)) {
            if (CLOSE_STARTED.compareAndSet(this, false, true)) {
                closeNow();
            }
            return;
        }
        if (CLOSE_STARTED.compareAndSet(this, false, true)) {
            Thread.ofVirtual().name("telnetsrv-tls-close").start(() -> {
                try {
                    tls.close();
                } catch (IOException e) {
                    // The client is gone or the transport was aborted: closed either way.
                } finally {
                    try {
                        quietly(transport);
                    } finally {
                        closed.countDown();
                    }
                }
            });
        }
        boolean interrupted = false;
        try {
            if (!closed.await(TLS_CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                abort();
                closed.await(TLS_CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            interrupted = true;
            abort();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void abort() throws IOException {
        if (transport == null) {
            closeNow();
            return;
        }
        try {
            transport.setSoLinger(true, 0);
        } catch (SocketException e) {
            // Already closed.
        }
        transport.close();
    }

    private void closeNow() throws IOException {
        if (socket != null) {
            socket.close();
            return;
        }
        try {
            input.close();
        } finally {
            output.close();
        }
    }

    private static void quietly(Socket s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (IOException e) {
            // Nothing more to do.
        }
    }

    @Override
    public String toString() {
        return "TelnetConnection[" + (socket == null ? "streams" : socket instanceof SSLSocket ? "tls" : "socket")
                + (remoteAddress == null ? "" : ", " + remoteAddress) + "]";
    }
}
