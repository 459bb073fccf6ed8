package io.github.telnetsrv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * The connections {@link TelnetConnection#of} makes: a pair of streams, and the socket they come from if any
 * (then read timeouts work and closing closes the socket).
 */
record StreamConnection(InputStream input, OutputStream output, SocketAddress remoteAddress, Socket socket)
        implements TelnetConnection {

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
    public void close() throws IOException {
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

    @Override
    public String toString() {
        return "TelnetConnection[" + (socket == null ? "streams" : "socket")
                + (remoteAddress == null ? "" : ", " + remoteAddress) + "]";
    }
}
