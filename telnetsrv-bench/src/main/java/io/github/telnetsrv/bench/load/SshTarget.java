package io.github.telnetsrv.bench.load;

import io.github.telnetsrv.ssh.SshServer;
import io.github.telnetsrv.ssh.SshServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * telnetsrv's SSH server ({@code telnetsrv-ssh}, on Apache MINA SSHD) serving {@link BenchHandler} on loopback: a
 * host key generated for the run in a temporary directory (removed on close), anonymous logins, the connection
 * limits (total and per address) raised to the harness's session count. Sessions are counted as the server counts
 * them: shell channels with a running session.
 *
 * <p>The SSH server has no backlog setting: the listen backlog is MINA's default (the JDK's, 50). Nor does it set
 * {@code TCP_NODELAY} (MINA's default leaves Nagle's algorithm on, where the Telnet server turns it off), so an
 * answer written while the echo of the typed line is unacknowledged waits for the client's delayed ACK. MINA reads
 * its settings from system properties too: {@code -Dorg.apache.sshd.config.tcp-nodelay=true} on the server's JVM
 * turns the algorithm off, for comparison; it is not what the product does.
 */
final class SshTarget implements Target {

    private final SshServer server;
    private final Path keyDir;

    private SshTarget(SshServer server, Path keyDir) {
        this.server = server;
        this.keyDir = keyDir;
    }

    /**
     * Starts the server.
     *
     * @param runtime telnetsrv's runtime for the sessions: {@code virtual} or {@code threaded}
     * @param maxSessions the most connections open at once, in all and from one address
     * @param idleTimeout the sessions' idle timeout ({@link Duration#ZERO} for none), or {@code null} for the default
     * @return the running server
     * @throws IOException if the server cannot start
     */
    static SshTarget start(String runtime, int maxSessions, Duration idleTimeout) throws IOException {
        Path keyDir = Files.createTempDirectory("telnetsrv-bench-ssh");
        try {
            SshServerConfig.Builder builder = SshServerConfig.builder().handler(BenchHandler::new).runtime(runtime)
                    .port(0).hostKey(keyDir.resolve("hostkey")).allowAnonymous().maxSessions(maxSessions)
                    .maxSessionsPerAddress(maxSessions);
            if (idleTimeout != null) {
                builder.idleTimeout(idleTimeout);
            }
            return new SshTarget(builder.start(), keyDir);
        } catch (IOException | RuntimeException e) {
            deleteKeys(keyDir);
            throw e;
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return server.localAddress();
    }

    @Override
    public int sessionCount() {
        return server.sessionCount();
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            deleteKeys(keyDir);
        }
    }

    private static void deleteKeys(Path keyDir) throws IOException {
        Files.deleteIfExists(keyDir.resolve("hostkey"));
        Files.deleteIfExists(keyDir);
    }
}
