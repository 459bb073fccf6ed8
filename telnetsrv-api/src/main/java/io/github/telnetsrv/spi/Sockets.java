package io.github.telnetsrv.spi;

import java.net.Socket;
import java.net.SocketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closing the server's sockets without a word: a failure to close is only logged (debug). Any thread. */
final class Sockets {

    /** Logs under the server's name, as before the server was split. */
    private static final Logger LOG = LoggerFactory.getLogger(SocketTelnetServer.class);

    private Sockets() {
    }

    /** Closes it; {@code null} is ignored. */
    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }

    /** Resets the connection (no graceful TCP close, nothing left is sent) and closes the socket. */
    static void abortQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // Already closed.
        }
        closeQuietly(socket);
    }
}
