package io.github.telnetsrv.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The SSH side of the session benchmarks: one Apache MINA SSHD {@link SshClient} (accepting any host key, no keys
 * of its own: the benchmark server allows anonymous logins; {@code TCP_NODELAY} on, as OpenSSH's client does for an
 * interactive session; no idle timeout), opening sessions with a shell channel and an 80x24 xterm PTY, each read
 * and written by a {@link WireClient}. The same set-up as the load harnesses' SSH clients.
 */
final class SshShells implements Closeable {

    private static final Duration STEP = Duration.ofSeconds(10);

    private final SshClient client;

    /** Starts the client. */
    SshShells() {
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        client.start();
    }

    /**
     * Connects, logs in, opens the shell channel (the prompt not yet read).
     *
     * @param server the SSH server's address
     * @return the shell's client; closing it closes the SSH session at once
     * @throws IOException if a step fails or takes over 10 s
     */
    WireClient open(InetSocketAddress server) throws IOException {
        ClientSession session = client.connect("bench", server).verify(STEP).getSession();
        try {
            session.auth().verify(STEP);
            ChannelShell shell = session.createShellChannel();
            shell.setPtyType("xterm");
            shell.setPtyColumns(80);
            shell.setPtyLines(24);
            shell.open().verify(STEP);
            return new WireClient(shell.getInvertedOut(), shell.getInvertedIn(), () -> session.close(true));
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    /** Stops the client. */
    @Override
    public void close() {
        client.stop();
    }
}
