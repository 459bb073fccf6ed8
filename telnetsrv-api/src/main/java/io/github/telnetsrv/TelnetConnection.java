package io.github.telnetsrv;

import io.github.telnetsrv.internal.session.StreamConnection;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * The byte transport one session runs over: an accepted {@link Socket}, or any pair of streams.
 *
 * <p>The session calls {@link #handshake()} first, then reads {@link #input()} on its reader thread and writes
 * {@link #output()} from whichever thread produces output, one writer at a time. {@link #close()} and
 * {@link #abort()} may be called from any thread, more than once, and must unblock a read or write in progress
 * within a bound: a session never waits on a client that stopped reading.
 */
public interface TelnetConnection extends Closeable {

    /**
     * The bytes from the client.
     *
     * @return the input stream
     */
    InputStream input();

    /**
     * The bytes to the client.
     *
     * @return the output stream
     */
    OutputStream output();

    /**
     * The client's address.
     *
     * @return the address, or {@code null} when the transport has none
     */
    SocketAddress remoteAddress();

    /**
     * Makes a read give up with {@link java.net.SocketTimeoutException} after the given time, if the
     * transport supports it; the session uses this to resolve a lone ESC.
     *
     * @param millis the timeout, {@code 0} for none
     * @return whether the transport applied it
     */
    default boolean setReadTimeout(int millis) {
        return false;
    }

    /**
     * Completes what the transport needs before the first byte of the session (the TLS handshake). The session
     * calls it first, on its reader thread, and cuts the connection with {@link #abort()} if it is not done by
     * {@link SessionConfig#handshakeTimeout()}. Default: nothing to do.
     *
     * @throws IOException if the handshake fails
     */
    default void handshake() throws IOException {
    }

    /**
     * Closes the transport gracefully (TLS sends its close_notify); idempotent. Returns within a bound even when
     * the client stopped reading: a graceful close that cannot complete becomes an {@link #abort()}.
     */
    @Override
    void close() throws IOException;

    /**
     * Closes at once, without any goodbye the transport would send, dropping unsent data (a TCP reset); used for
     * a client that stopped reading or never finished its handshake. Never blocks; idempotent. Default:
     * {@link #close()}.
     *
     * @throws IOException if closing fails
     */
    default void abort() throws IOException {
        close();
    }

    /**
     * Wraps an accepted socket. Enables {@code TCP_NODELAY} and {@code OOBINLINE} (Telnet's urgent byte, the
     * DM of a Synch, then arrives in line instead of being dropped).
     *
     * @param socket a connected socket
     * @return the connection
     * @throws IOException if the socket options cannot be set (the socket is closed)
     */
    static TelnetConnection of(Socket socket) throws IOException {
        Objects.requireNonNull(socket, "socket");
        socket.setTcpNoDelay(true);
        if (!(socket instanceof javax.net.ssl.SSLSocket)) {
            socket.setOOBInline(true); // TLS has no urgent data
        }
        return new StreamConnection(socket.getInputStream(), socket.getOutputStream(),
                socket.getRemoteSocketAddress(), socket, socket);
    }

    /**
     * Wraps a TLS socket layered over an accepted TCP socket (made with
     * {@link javax.net.ssl.SSLSocketFactory#createSocket(Socket, String, int, boolean)}, closing the underlying
     * socket). Knowing the TCP socket lets {@link #abort()} cut a client whose TLS writes are stuck, which
     * closing the TLS socket alone cannot do (it waits to send close_notify). The handshake is left to
     * {@link #handshake()}.
     *
     * @param tls the TLS socket, in server mode
     * @param transport the TCP socket under it
     * @return the connection
     * @throws IOException if the socket options cannot be set
     */
    static TelnetConnection of(javax.net.ssl.SSLSocket tls, Socket transport) throws IOException {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(transport, "transport");
        transport.setTcpNoDelay(true);
        return new StreamConnection(tls.getInputStream(), tls.getOutputStream(), transport.getRemoteSocketAddress(),
                tls, transport);
    }

    /**
     * Wraps a pair of streams, for tests and for transports this library does not know. Closing the
     * connection closes both streams.
     *
     * @param in bytes from the client
     * @param out bytes to the client
     * @param remoteAddress the client's address, or {@code null}
     * @return the connection
     */
    static TelnetConnection of(InputStream in, OutputStream out, SocketAddress remoteAddress) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        return new StreamConnection(in, out, remoteAddress, null, null);
    }
}
