package io.github.telnetsrv.bench.load;

import io.github.telnetsrv.TelnetServer;
import io.github.telnetsrv.TelnetServerConfig;
import io.github.telnetsrv.bench.load.peers.JLinePeer;
import io.github.telnetsrv.bench.load.peers.TermdPeer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * What a load harness measures: a Telnet server on loopback (ephemeral port) that negotiates with the client, shows
 * {@link #PROMPT} and answers {@code echo WORD} with {@code WORD} CR LF and the prompt again. The runtimes are
 * telnetsrv's ({@code virtual}, {@code threaded}), the floor ({@code bare}: prompt only, no commands), and the peer
 * libraries ({@code jline}: {@code org.jline:jline-remote-telnet}; {@code termd}: {@code io.termd:termd-core}).
 * {@code ssh} and {@code ssh-threaded} are telnetsrv's SSH server ({@code telnetsrv-ssh}, see {@link SshTarget})
 * serving the same handler to a shell channel with a PTY, on the virtual or the threaded runtime; the harnesses
 * reach it with SSH clients ({@link #protocol(String)}).
 *
 * <p>Methods may be called from any thread.
 */
public interface Target extends AutoCloseable {

    /** The prompt every target shows, and the load client waits for. */
    String PROMPT = "Telnet Server> ";

    /** The runtime names {@link #start} accepts. */
    String RUNTIMES = "virtual|threaded|bare|jline|termd|ssh|ssh-threaded";

    /**
     * The address the server listens on.
     *
     * @return a loopback address with the server's port
     */
    InetSocketAddress localAddress();

    /**
     * The sessions open now, as the server counts them.
     *
     * @return the open sessions
     */
    int sessionCount();

    /**
     * Stops listening and closes every session.
     *
     * @throws IOException if closing fails
     */
    @Override
    void close() throws IOException;

    /**
     * The protocol a runtime's server speaks, for {@link LoadClients#of(String)}.
     *
     * @param runtime one of {@link #RUNTIMES}
     * @return {@code ssh} for the SSH runtimes, else {@code telnet}
     */
    static String protocol(String runtime) {
        return runtime.startsWith("ssh") ? "ssh" : "telnet";
    }

    /**
     * Starts a server.
     *
     * @param runtime one of {@link #RUNTIMES}
     * @param backlog the listen backlog (a peer with a fixed backlog, and the SSH server, ignore it)
     * @param maxSessions the most sessions open at once
     * @param idleTimeout telnetsrv's idle timeout ({@link Duration#ZERO} for none), or {@code null} for its default;
     *     the peers are configured without one
     * @return the running server
     * @throws IOException if the server cannot start
     */
    static Target start(String runtime, int backlog, int maxSessions, Duration idleTimeout) throws IOException {
        return switch (runtime) {
            case "bare" -> new BareServer(backlog);
            case "jline" -> JLinePeer.start(backlog, maxSessions);
            case "termd" -> TermdPeer.start();
            case "ssh" -> SshTarget.start("virtual", maxSessions, idleTimeout);
            case "ssh-threaded" -> SshTarget.start("threaded", maxSessions, idleTimeout);
            case "virtual", "threaded" -> {
                TelnetServerConfig.Builder builder = TelnetServer.builder().handler(BenchHandler::new).runtime(runtime)
                        .port(0).backlog(backlog).maxSessions(maxSessions).maxSessionsPerAddress(maxSessions);
                if (idleTimeout != null) {
                    builder.idleTimeout(idleTimeout);
                }
                TelnetServer server = builder.start();
                yield new Target() {
                    @Override
                    public InetSocketAddress localAddress() {
                        return server.localAddress();
                    }

                    @Override
                    public int sessionCount() {
                        return server.sessionCount();
                    }

                    @Override
                    public void close() {
                        server.close();
                    }
                };
            }
            default -> throw new IllegalArgumentException("runtime: " + runtime + " (expected: " + RUNTIMES + ")");
        };
    }
}
