package io.github.telnetsrv.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Opens the load clients of one protocol: {@code telnet} (a socket each) or {@code ssh} (sessions of one Apache
 * MINA SSHD client, each with a shell channel and a PTY). Closing it closes what it shares between its clients.
 *
 * <p>{@link #open} may be called from any thread.
 */
interface LoadClients extends AutoCloseable {

    /** The protocol names {@link #of} accepts. */
    String PROTOCOLS = "telnet|ssh";

    /**
     * Opens a session (it has not read the prompt yet).
     *
     * @param server the server's address
     * @return the session
     * @throws IOException if it cannot be opened
     */
    LoadClient open(InetSocketAddress server) throws IOException;

    @Override
    void close() throws IOException;

    /**
     * The clients of a protocol.
     *
     * @param protocol one of {@link #PROTOCOLS}; see {@link Target#protocol(String)}
     * @return the clients, ready to open sessions
     */
    static LoadClients of(String protocol) {
        return switch (protocol) {
            case "telnet" -> new LoadClients() {
                @Override
                public LoadClient open(InetSocketAddress server) throws IOException {
                    return new TelnetLoadClient(server);
                }

                @Override
                public void close() {
                    // nothing shared
                }
            };
            case "ssh" -> new SshLoadClients();
            default -> throw new IllegalArgumentException("protocol: " + protocol + " (expected: " + PROTOCOLS + ")");
        };
    }
}
