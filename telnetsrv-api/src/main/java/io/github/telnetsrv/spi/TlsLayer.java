package io.github.telnetsrv.spi;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * TLS layered over accepted TCP sockets, the server side of each handshake. The server listens on a plain socket
 * and keeps the TCP socket under the TLS one, so that a client whose TLS writes are stuck, or whose handshake does
 * not end, can be cut by resetting the TCP socket. The handshake itself starts on first use of the TLS socket.
 *
 * <p>Thread-safe (an {@link SSLContext} is): the acceptor layers sessions' sockets, refusal threads their own.
 */
final class TlsLayer {

    private final SSLContext context;

    TlsLayer(SSLContext context) {
        this.context = context;
    }

    /**
     * A TLS socket over {@code socket}, in server mode; closing it closes {@code socket} too.
     *
     * @throws IOException if the TLS socket cannot be made
     */
    SSLSocket over(Socket socket) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
        tls.setUseClientMode(false);
        return tls;
    }
}
