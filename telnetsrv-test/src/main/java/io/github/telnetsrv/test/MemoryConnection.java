package io.github.telnetsrv.test;

import io.github.telnetsrv.TelnetConnection;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;

/**
 * The in-memory connection a test session runs over: its input is the kit's {@link Pipe}, its output goes to
 * the kit's {@link ClientTerminal}. Read timeouts work as on a socket (the session needs them to take a lone ESC
 * as the Escape key). Closing ends a read in progress at once and refuses later writes. Thread-safe.
 */
final class MemoryConnection implements TelnetConnection {

    private final Pipe input;
    private final ClientTerminal client;
    private final SocketAddress remoteAddress;

    MemoryConnection(Pipe input, ClientTerminal client, SocketAddress remoteAddress) {
        this.input = input;
        this.client = client;
        this.remoteAddress = remoteAddress;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return client.fromSession();
    }

    @Override
    public SocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public boolean setReadTimeout(int millis) {
        input.setTimeout(millis);
        return true;
    }

    @Override
    public void close() {
        input.close();
        client.disconnected();
    }

    @Override
    public String toString() {
        return "TelnetConnection[telnetsrv-test, " + remoteAddress + "]";
    }
}
